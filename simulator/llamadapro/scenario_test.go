package llamadapro_test

import (
	"net/http"
	"net/url"
	"testing"
	"time"
)

// checkpoint is what a call or message shows a given time after its trigger.
type checkpoint struct {
	at     time.Duration
	status string
}

// TestBuiltinScenarios runs every built-in LlamadaPro scenario end to end,
// chosen both per tenant (the control plane) and per call or message (its
// magic number): the trigger goes through the real API, the clock moves to
// each checkpoint, and the status must be the scenario's, never the
// built-in lifecycle's (which would have moved on earlier).
func TestBuiltinScenarios(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, magic string
		message     bool
		steps       []checkpoint
	}{
		{"llamadapro-call-answered", "+15005550100", false, []checkpoint{{0, "queued"}, {time.Second, "ringing"},
			{7 * time.Second, "ringing"}, {8 * time.Second, "in-progress"}, {2*time.Minute + 7*time.Second, "in-progress"},
			{2*time.Minute + 8*time.Second, "completed"}}},
		{"llamadapro-call-no-answer", "+15005550101", false, []checkpoint{{0, "queued"}, {time.Second, "ringing"},
			{30 * time.Second, "ringing"}, {31 * time.Second, "no-answer"}}},
		{"llamadapro-call-busy", "+15005550102", false, []checkpoint{{2 * time.Second, "queued"}, {3 * time.Second, "busy"}}},
		{"llamadapro-call-failed", "+15005550103", false, []checkpoint{{time.Second, "queued"}, {2 * time.Second, "failed"}}},
		{"llamadapro-whatsapp-read", "+15005550104", true, []checkpoint{{0, "pending"}, {time.Second, "sent"},
			{2 * time.Second, "delivered"}, {59 * time.Second, "delivered"}, {time.Minute, "read"}}},
	}
	for _, tc := range cases {
		for _, how := range []string{"tenant", "number"} {
			t.Run(tc.name+"/"+how, func(t *testing.T) {
				c := newClient(t)
				to := tc.magic
				if how == "tenant" {
					to = "+56912345678"
					c.sb.Admin.Do(t, http.MethodPost, "/scenarios/"+tc.name+"/activate?tenant="+url.QueryEscape(c.key), nil)
				}
				get := c.startTrigger(t, tc.message, to)
				var at time.Duration
				for _, cp := range tc.steps {
					c.advance(t, cp.at-at)
					at = cp.at
					if got := get(); got["status"] != cp.status {
						t.Fatalf("%v after the trigger: status %v, want %s: %v", cp.at, got["status"], cp.status, got)
					}
				}
				final := get()
				switch tc.name {
				case "llamadapro-call-answered":
					if final["duration"] != 120.0 {
						t.Errorf("duration %v, want 120", final["duration"])
					}
					rec := c.must(t, 200, "GET", path("/api/v1/calls/{}/recording", num(final, "id")), nil)
					if rec["duration"] != 120.0 {
						t.Errorf("recording %v", rec)
					}
					c.must(t, 200, "GET", path("/api/v1/calls/{}/transcription", num(final, "id")), nil)
				case "llamadapro-call-no-answer", "llamadapro-call-busy", "llamadapro-call-failed":
					if final["duration"] != 0.0 {
						t.Errorf("duration %v, want 0", final["duration"])
					}
					c.fails(t, 404, "GET", path("/api/v1/calls/{}/recording", num(final, "id")), nil)
				case "llamadapro-whatsapp-read":
					c.fails(t, 404, "GET", "/api/v1/messages/msg_2", nil)
					c.advance(t, 30*time.Second)
					in := c.must(t, 200, "GET", "/api/v1/messages/msg_2", nil)
					if in["direction"] != "inbound" || in["content"] != "Thanks, got it!" || obj(in["sender"])["address"] != to ||
						in["funnelConversationId"] != final["funnelConversationId"] || in["contactId"] != final["contactId"] {
						t.Errorf("inbound message = %v, outbound = %v", in, final)
					}
				}
			})
		}
	}
}

// startTrigger places a call (or sends a WhatsApp message) to number and
// returns a function reading its current state.
func (c *client) startTrigger(t *testing.T, message bool, to string) func() map[string]any {
	t.Helper()
	if message {
		m := c.must(t, 200, "POST", "/api/v1/whatsapp/messages", map[string]any{
			"fromPhoneNumber": "+15550100000", "toPhoneNumber": to, "content": "Your order shipped", "type": "text"})
		id := m["id"].(string)
		return func() map[string]any { return c.must(t, 200, "GET", "/api/v1/messages/"+id, nil) }
	}
	call := c.must(t, 200, "POST", "/api/v2/calls/agent", map[string]any{
		"toPhoneNumber": to, "objectives": []any{"Confirm the appointment"}, "maxDurationSeconds": 60})
	id := num(call, "id")
	return func() map[string]any { return c.must(t, 200, "GET", path("/api/v1/calls/{}", id), nil) }
}

// TestScenarioNumberOverridesTenant checks a magic number's scenario wins
// over the tenant's, and that a scenario without a cue for the trigger
// leaves the built-in lifecycle in charge.
func TestScenarioNumberOverridesTenant(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	c.sb.Admin.Do(t, http.MethodPost, "/scenarios/llamadapro-call-no-answer/activate?tenant="+url.QueryEscape(c.key), nil)
	busy := c.startTrigger(t, false, "+15005550102")
	c.advance(t, 3*time.Second)
	if got := busy(); got["status"] != "busy" {
		t.Fatalf("magic busy number under a no-answer tenant scenario: %v", got["status"])
	}
	c.sb.Admin.Do(t, http.MethodPost, "/scenarios/llamadapro-whatsapp-read/activate?tenant="+url.QueryEscape(c.key), nil)
	plain := c.startTrigger(t, false, "+56912345678")
	c.advance(t, 70*time.Second)
	if got := plain(); got["status"] != "completed" {
		t.Fatalf("a call under a message-only scenario follows the built-in lifecycle: %v", got["status"])
	}
}
