package ringotel_test

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/switchboard-sim/switchboard/simulator/server"
	"github.com/switchboard-sim/switchboard/simulator/switchboardtest"
)

const (
	seedSession3 = "1710004869211-d3103a34bd2ce6023a" // 9003 ↔ 234567668
	seedSession4 = "1710098613465-02d8b0a8b078cf73e5" // 9004 ↔ 234567668
)

func (c *client) activate(t *testing.T, name string) {
	t.Helper()
	c.sb.Admin.Do(t, http.MethodPost, "/scenarios/"+name+"/activate?tenant="+c.key, nil)
}

// fired is one entry of the tenant's scenario history.
type fired struct {
	Action, Session, Error string
}

func (c *client) history(t *testing.T) []fired {
	t.Helper()
	var out struct{ History []fired }
	c.sb.Admin.Do(t, http.MethodGet, "/scenarios?tenant="+c.key, nil).JSON(t, &out)
	return out.History
}

func (c *client) session(t *testing.T, id string) sessionView {
	t.Helper()
	s, _ := c.messages(t, seedOrg, id)
	return s
}

func (c *client) text(t *testing.T, from, to, session, content string) msgResult {
	t.Helper()
	p := map[string]any{"from": from, "to": to, "orgid": seedOrg, "content": content}
	if session != "" {
		p["sessionid"] = session
	}
	var r msgResult
	c.ok(t, "message", p, &r)
	return r
}

// ringotel-session-expiry: a synced message makes its session expire 15
// minutes later; the next message to that sessionid lands in a new session.
// Without the scenario the same steps leave the session open.
func TestSessionExpiryScenario(t *testing.T) {
	t.Parallel()
	for _, active := range []bool{true, false} {
		c := newClient(t, map[bool]string{true: "expiry-on", false: "expiry-off"}[active])
		if active {
			c.activate(t, "ringotel-session-expiry")
		}
		c.text(t, "9003", extern, seedSession3, "Hello")
		c.text(t, "9003", extern, seedSession3, "Are you there?") // does not push the expiry back
		c.sb.Admin.Advance(t, c.key, 15*time.Minute-time.Second)
		if s := c.session(t, seedSession3); s.Status != "open" {
			t.Fatalf("active=%v: closed before 15 minutes: %+v", active, s)
		}
		c.sb.Admin.Advance(t, c.key, time.Second)
		s := c.session(t, seedSession3)
		if !active {
			if s.Status != "open" {
				t.Fatalf("no scenario, yet the session closed: %+v", s)
			}
			continue
		}
		if s.Status != "closed" || s.CloseReason != "inactivity" {
			t.Fatalf("want closed by inactivity at 15 minutes, got %+v", s)
		}
		// Both messages scheduled an expiry; the second no longer applies and says why.
		h := c.history(t)
		if len(h) != 2 || h[0].Error != "" || h[0].Session != seedSession3 || !strings.Contains(h[1].Error, "already closed") {
			t.Fatalf("history %+v", h)
		}
		r := c.text(t, "9003", extern, seedSession3, "Hello again")
		if r.SessionID == "" || r.SessionID == seedSession3 || !idPattern.MatchString(r.SessionID) {
			t.Fatalf("want a new sessionid in the result, got %+v", r)
		}
		ns, msgs := c.messages(t, seedOrg, r.SessionID)
		if ns.Status != "open" || ns.User != "9003" || ns.External != extern || len(msgs) != 1 || msgs[0].MessageID != r.MessageID {
			t.Fatalf("new session %+v messages %+v", ns, msgs)
		}
		if other := c.session(t, seedSession4); other.Status != "open" {
			t.Fatalf("a session without messages expired too: %+v", other)
		}
	}
}

// ringotel-session-closed: a session opened by implicit creation is closed
// by an operator 2 minutes later; sessions that already existed stay open.
func TestSessionClosedScenario(t *testing.T) {
	t.Parallel()
	c := newClient(t, "closed")
	c.activate(t, "ringotel-session-closed")
	c.text(t, "9003", extern, seedSession3, "Hello") // an existing session: not opened now
	var r msgResult
	c.ok(t, "message", map[string]any{"from": extern, "to": "9005", "orgid": seedOrg}, &r)
	if r.SessionID == "" {
		t.Fatalf("implicit creation gave %+v", r)
	}
	c.sb.Admin.Advance(t, c.key, 2*time.Minute-time.Second)
	if s := c.session(t, r.SessionID); s.Status != "open" {
		t.Fatalf("closed before 2 minutes: %+v", s)
	}
	c.sb.Admin.Advance(t, c.key, time.Second)
	if s := c.session(t, r.SessionID); s.Status != "closed" || s.CloseReason != "closed by an operator" {
		t.Fatalf("want closed by an operator, got %+v", s)
	}
	c.sb.Admin.Advance(t, c.key, time.Hour)
	if s := c.session(t, seedSession3); s.Status != "open" {
		t.Fatalf("the seed session was closed: %+v", s)
	}
	// The next message for the pair opens a new session, which the operator closes in turn.
	nr := c.text(t, "9005", extern, r.SessionID, "Following up")
	if nr.SessionID == "" || nr.SessionID == r.SessionID {
		t.Fatalf("want a new session, got %+v", nr)
	}
	c.sb.Admin.Advance(t, c.key, 2*time.Minute)
	if s := c.session(t, nr.SessionID); s.Status != "closed" || s.CloseReason != "closed by an operator" {
		t.Fatalf("the new session: %+v", s)
	}
}

// A user's scenario: an inbound text matching a pattern closes its session,
// and a tenant-wide elapsed cue closes every open session of every org.
func TestCustomerMessageAndElapsedScenario(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	yaml := "schemaVersion: 1\nname: ringotel-bye\ndescription: Bye closes; everything expires after an hour.\napi: ringotel\ntimeline:\n" +
		"  - when: customerMessage\n    pattern: '(?i)\\bbye\\b'\n    actions:\n      - {after: 1s, do: sessionCloses}\n" +
		"  - when: elapsed\n    after: 1h\n    actions:\n      - {do: sessionExpires}\n"
	if err := os.WriteFile(filepath.Join(dir, "bye.yaml"), []byte(yaml), 0o600); err != nil {
		t.Fatal(err)
	}
	sb := switchboardtest.Start(t, switchboardtest.WithConfig(func(cfg *server.Config) { cfg.Scenarios = dir }))
	c := &client{sb: sb, key: "bye"}
	c.activate(t, "ringotel-bye")
	c.text(t, "9003", extern, seedSession3, "bye") // outbound: not a customer message
	c.text(t, extern, "9004", seedSession4, "Thanks, bye!")
	c.sb.Admin.Advance(t, c.key, time.Second)
	if s := c.session(t, seedSession4); s.Status != "closed" || s.CloseReason != "closed by an operator" {
		t.Fatalf("the customer's bye should close 9004's session: %+v", s)
	}
	if s := c.session(t, seedSession3); s.Status != "open" {
		t.Fatalf("the user's own bye closed the session: %+v", s)
	}
	c.sb.Admin.Advance(t, c.key, time.Hour)
	for _, org := range []string{seedOrg, "16029670196176812345", "16287540703457500320"} {
		for _, s := range c.sessions(t, org) {
			if s.Status != "closed" {
				t.Errorf("org %s: session %s still open after the elapsed cue", org, s.SessionID)
			}
		}
	}
	if s := c.session(t, seedSession3); s.CloseReason != "inactivity" {
		t.Fatalf("want the elapsed cue's expiry, got %+v", s)
	}
}
