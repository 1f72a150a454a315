package aicc_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/switchboard-sim/switchboard/simulator/aicc"
	"github.com/switchboard-sim/switchboard/simulator/server"
	"github.com/switchboard-sim/switchboard/simulator/switchboardtest"
)

// kinds is "CONTROL/SOURCE" per message, the shape a scenario is checked by.
func kinds(msgs []aicc.DownLinkMsg) string {
	out := make([]string, len(msgs))
	for i, m := range msgs {
		out[i] = m.ControlType + "/" + m.SourceType
	}
	return strings.Join(out, " ")
}

func (e *env) conversation(t *testing.T, id string) aicc.Conversation {
	t.Helper()
	var c aicc.Conversation
	e.admin(t, "GET", "/aicc/conversations/"+id, nil, &c)
	return c
}

// history is the scenario runtime's record of the actions it performed.
func (e *env) history(t *testing.T) []map[string]any {
	t.Helper()
	var out struct{ History []map[string]any }
	e.admin(t, "GET", "/scenarios", nil, &out)
	return out.History
}

func (e *env) connect(t *testing.T, user string) string {
	t.Helper()
	r := e.uplink(t, map[string]any{"channel": "WEB", "controlType": "CONNECT", "mediaType": "TEXT", "from": user, "to": "ch-1", "sourceType": "CUSTOMER"})
	okStatus(t, r)
	var res aicc.SendResult
	r.JSON(t, &res)
	return res.ConversationID
}

func (e *env) say(t *testing.T, user, text string) {
	t.Helper()
	okStatus(t, e.uplink(t, map[string]any{"channel": "WEB", "controlType": "CHAT", "mediaType": "TEXT", "content": text, "from": user, "to": "ch-1", "sourceType": "CUSTOMER"}))
}

// TestBuiltInScenarios runs every scenarios/builtin/aicc-*.yaml end to end:
// chosen per tenant (activate, then the up-link CONNECT) or per
// conversation (the control plane's scenario field), driven through the
// real HTTP API on the virtual clock, each message delivered signed to the
// built-in receiver, and no built-in flow or robot answer acting as well.
func TestBuiltInScenarios(t *testing.T) {
	t.Parallel()
	tips := "You can leave a message; we will answer as soon as possible."
	cases := []struct {
		name      string
		perTenant bool
		drive     func(t *testing.T, e *env, conv string)
		want      string // kinds of every message pushed, in order
		status    string
		check     func(t *testing.T, last aicc.DownLinkMsg)
	}{
		{"aicc-robot-then-agent", true, func(t *testing.T, e *env, conv string) {
			e.sb.Admin.Advance(t, e.tenant, 10*time.Second)
			e.say(t, "u-1", "Can I talk to a human please?")
			e.sb.Admin.Advance(t, e.tenant, 30*time.Second)
		}, "CONNECT/ROBOT TRANS2AGENT/SYSTEM CHAT/SYSTEM CHAT/SYSTEM CHAT/AGENT", aicc.StatusAgent, func(t *testing.T, last aicc.DownLinkMsg) {
			if last.Content == nil || *last.Content != "Hello, how can I help you?" || last.MessageCode == nil || !strings.HasPrefix(*last.MessageCode, "agent-") {
				t.Fatalf("agent greeting = %+v", last)
			}
		}},
		{"aicc-agent-disconnects", false, func(t *testing.T, e *env, conv string) {
			e.sb.Admin.Advance(t, e.tenant, 119*time.Second)
			if c := e.conversation(t, conv); c.Status != aicc.StatusAgent {
				t.Fatalf("status before 2m = %s, want agent", c.Status)
			}
			e.sb.Admin.Advance(t, e.tenant, time.Second)
		}, "CHAT/SYSTEM CHAT/AGENT DISCONNECT/AGENT", aicc.StatusClosed, func(t *testing.T, last aicc.DownLinkMsg) {
			if last.IsOfflineStatus != nil {
				t.Fatalf("an agent DISCONNECT carries isOfflineStatus: %+v", last)
			}
		}},
		{"aicc-timeout-async-off", false, func(t *testing.T, e *env, conv string) {
			e.sb.Admin.Advance(t, e.tenant, 3*time.Minute)
			if c := e.conversation(t, conv); c.Status == aicc.StatusClosed {
				t.Fatal("closed before 3m5s")
			}
			e.sb.Admin.Advance(t, e.tenant, 5*time.Second)
		}, "CHAT/AGENT DISCONNECT/SYSTEM", aicc.StatusClosed, func(t *testing.T, last aicc.DownLinkMsg) {
			if last.IsOfflineStatus == nil || *last.IsOfflineStatus || last.Content != nil || last.MediaType != nil {
				t.Fatalf("async-off timeout = %+v, want isOfflineStatus false and no content", last)
			}
		}},
		{"aicc-timeout-async-on", true, func(t *testing.T, e *env, conv string) {
			e.sb.Admin.Advance(t, e.tenant, 3*time.Minute+5*time.Second)
		}, "CHAT/AGENT DISCONNECT/SYSTEM", aicc.StatusClosed, func(t *testing.T, last aicc.DownLinkMsg) {
			if last.IsOfflineStatus == nil || !*last.IsOfflineStatus || last.Content == nil || *last.Content != tips || last.MediaType == nil || *last.MediaType != "TEXT" {
				t.Fatalf("async-on timeout = %+v, want isOfflineStatus true and the tips", last)
			}
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := start(t, aicc.Options{})
			e.subscribe(t, "ch-1", e.receiverURL("r"), authV2())
			var conv string
			if tc.perTenant {
				e.admin(t, "POST", "/scenarios/"+tc.name+"/activate", nil, nil)
				conv = e.connect(t, "u-1")
			} else {
				conv = e.startConv(t, map[string]any{"channelId": "ch-1", "userId": "u-1", "scenario": tc.name}).ID
			}
			if c := e.conversation(t, conv); c.Scenario != tc.name || c.Flow != "none" {
				t.Fatalf("conversation scenario=%q flow=%q, want %q and none", c.Scenario, c.Flow, tc.name)
			}
			tc.drive(t, e, conv)
			c := e.conversation(t, conv)
			if got := kinds(c.Downlink); got != tc.want {
				t.Fatalf("pushed %s\nwant   %s", got, tc.want)
			}
			if c.Status != tc.status {
				t.Fatalf("status = %s, want %s", c.Status, tc.status)
			}
			tc.check(t, c.Downlink[len(c.Downlink)-1])
			n := len(strings.Fields(tc.want))
			switchboardtest.Eventually(t, 0, fmt.Sprintf("%d pushes at the receiver", n), func() bool { return len(e.receiver(t, "r").Received) >= n })
			var arrived []aicc.DownLinkMsg
			for _, p := range e.receiver(t, "r").Received {
				if !p.Verified || p.Status != 200 {
					t.Fatalf("push %d: verified=%v status=%d %s", p.Seq, p.Verified, p.Status, p.VerifyError)
				}
				validatePush(t, p.Body)
				arrived = append(arrived, decodePush(t, p.Body).Messages...)
			}
			if got := kinds(arrived); got != tc.want {
				t.Fatalf("receiver got %s\nwant         %s", got, tc.want)
			}
			for _, h := range e.history(t) {
				if h["error"] != nil {
					t.Fatalf("scenario action failed: %v", h)
				}
			}
		})
	}
}

// TestScenarioErrors covers the control plane's scenario field: unknown,
// another API's, or given with a flow, each a 400 naming "scenario", and
// nothing opened.
func TestScenarioErrors(t *testing.T) {
	t.Parallel()
	e := start(t, aicc.Options{})
	for _, body := range []map[string]any{
		{"channelId": "ch-1", "userId": "u-1", "scenario": "no-such"},
		{"channelId": "ch-1", "userId": "u-1", "scenario": "brightpattern-agent-answers"},
		{"channelId": "ch-1", "userId": "u-1", "scenario": "aicc-agent-disconnects", "flow": "default"},
	} {
		status, m := e.adminStatus(t, "POST", "/aicc/conversations", body)
		raw, _ := json.Marshal(m)
		if status != 400 || !strings.Contains(string(raw), "scenario") {
			t.Fatalf("%v: %d %s", body, status, raw)
		}
	}
	var list struct{ Conversations []aicc.Conversation }
	e.admin(t, "GET", "/aicc/conversations", nil, &list)
	if len(list.Conversations) != 0 {
		t.Fatalf("a refused start opened %d conversations", len(list.Conversations))
	}
}

// TestTenantWideElapsedCue loads a user scenario whose elapsed cue pushes
// one message with overridden callId, channel and from: it reaches every
// open conversation the scenario drives and leaves a flow-driven one alone;
// with none open the action is recorded as failed.
func TestTenantWideElapsedCue(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	file := `schemaVersion: 1
name: acme-broadcast
description: A notice to every open session after one minute.
api: aicc
timeline:
  - when: elapsed
    after: 1m
    actions:
      - {do: pushDownLinkMsg, with: {controlType: CHAT, sourceType: SYSTEM, content: 'Maintenance at {{.Now.Format "15:04"}}', callId: call-9, channel: WHATSAPP, from: acme}}
  - when: elapsed
    after: 2m
    actions:
      - {do: disconnectByTimeout, with: {async: true}}
`
	if err := os.WriteFile(filepath.Join(dir, "broadcast.yaml"), []byte(file), 0o600); err != nil {
		t.Fatal(err)
	}
	sb := switchboardtest.Start(t, switchboardtest.WithConfig(func(c *server.Config) { c.Scenarios = dir }))
	e := &env{sb: sb, tenant: "tok-" + t.Name()}
	e.admin(t, "POST", "/scenarios/acme-broadcast/activate", nil, nil)
	scripted := e.connect(t, "u-1")
	byFlow := e.startConv(t, map[string]any{"channelId": "ch-1", "userId": "u-2", "flow": "none"}).ID
	e.sb.Admin.Advance(t, e.tenant, time.Minute)
	c := e.conversation(t, scripted)
	if got := kinds(c.Downlink); got != "CHAT/SYSTEM" {
		t.Fatalf("scripted conversation got %s", got)
	}
	m := c.Downlink[0]
	if *m.CallID != "call-9" || m.Channel != "WHATSAPP" || m.From != "acme" || *m.Content != "Maintenance at "+e.sb.Admin.Now(t, e.tenant).Format("15:04") {
		t.Fatalf("pushed %+v", m)
	}
	if n := len(e.conversation(t, byFlow).Downlink); n != 0 {
		t.Fatalf("the flow-driven conversation got %d scenario messages", n)
	}
	e.sb.Admin.Advance(t, e.tenant, time.Minute)
	if last := e.conversation(t, scripted).Downlink[1]; last.IsOfflineStatus == nil || !*last.IsOfflineStatus || last.Content == nil {
		t.Fatalf("async timeout = %+v", last)
	}
	// A second activation restarts the timeline; nothing is open any more.
	e.admin(t, "POST", "/scenarios/acme-broadcast/activate", nil, nil)
	e.sb.Admin.Advance(t, e.tenant, time.Minute)
	h := e.history(t)
	if len(h) != 3 || h[2]["error"] == nil || !strings.Contains(h[2]["error"].(string), "no open conversation") {
		t.Fatalf("history = %v", h)
	}
}
