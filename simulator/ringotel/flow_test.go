package ringotel_test

import (
	"testing"
	"time"
)

// Implicit session, three texts, a file by messageid and a call record land
// in one session, in order, with their types and read flags; closing it
// sends the next message to a new session.
func TestSessionFlowAndClose(t *testing.T) {
	t.Parallel()
	c := newClient(t, "flow")
	const ext = "447700900123"
	var created msgResult
	c.ok(t, "message", map[string]any{"from": ext, "to": "9005", "orgid": seedOrg}, &created)
	sid := created.SessionID
	if !idPattern.MatchString(sid) || created.MessageID != "" {
		t.Fatalf("implicit creation: got %+v", created)
	}
	var again msgResult
	c.ok(t, "message", map[string]any{"from": ext, "to": "9005", "orgid": seedOrg}, &again)
	if again.SessionID != sid {
		t.Fatalf("a second implicit creation should reuse the open session %s, got %s", sid, again.SessionID)
	}

	var ids []string
	for i, p := range []map[string]any{
		{"from": ext, "to": "9005", "content": "Hi, is my order ready?", "orgid": seedOrg, "sessionid": sid},
		{"from": "9005", "to": ext, "content": "It ships today.", "orgid": seedOrg, "sessionid": sid},
		{"from": ext, "to": "9005", "content": "Thanks!", "orgid": seedOrg}, // no sessionid: unread
		{"from": "9005", "to": ext, "orgid": seedOrg, "messageid": "1710100665847-a1f4a223ffd202a9ea", "sessionid": sid},
		{"sessionid": sid, "type": 8, "orgid": seedOrg, "content": map[string]any{"activity_type": "inbound", "call_duration": 42.5, "caller_number": ext, "called_number": "9005"}},
	} {
		var r msgResult
		c.ok(t, "message", p, &r)
		wantSession := ""
		if i == 2 {
			wantSession = sid
		}
		if !idPattern.MatchString(r.MessageID) || r.SessionID != wantSession {
			t.Fatalf("item %d: got %+v, want a messageid and sessionid %q", i, r, wantSession)
		}
		ids = append(ids, r.MessageID)
	}

	s, msgs := c.messages(t, seedOrg, sid)
	if s.Status != "open" || s.MessageCount != 5 || len(msgs) != 5 {
		t.Fatalf("want one open session with 5 items, got %+v with %d", s, len(msgs))
	}
	wantTypes := []int{1, 1, 1, 2, 8}
	wantRead := []bool{true, true, false, true, true}
	wantDir := []string{"inbound", "outbound", "inbound", "outbound", "inbound"}
	for i, m := range msgs {
		if m.MessageID != ids[i] || m.Type != wantTypes[i] || m.Read != wantRead[i] || m.Direction != wantDir[i] {
			t.Errorf("item %d: got id=%s type=%d read=%v dir=%s, want id=%s type=%d read=%v dir=%s",
				i, m.MessageID, m.Type, m.Read, m.Direction, ids[i], wantTypes[i], wantRead[i], wantDir[i])
		}
	}
	if msgs[4].Call["call_duration"] != 42.5 || msgs[4].Call["caller_number"] != ext {
		t.Errorf("call record content: %+v", msgs[4].Call)
	}
	n := 0
	for _, ss := range c.sessions(t, seedOrg) {
		if ss.External == ext {
			n++
		}
	}
	if n != 1 {
		t.Errorf("want exactly one session with %s, got %d", ext, n)
	}

	c.closeSession(t, sid)
	var moved msgResult
	c.ok(t, "message", map[string]any{"from": "9005", "to": ext, "content": "Still there?", "orgid": seedOrg, "sessionid": sid}, &moved)
	if moved.SessionID == "" || moved.SessionID == sid || !idPattern.MatchString(moved.MessageID) {
		t.Fatalf("closed session: want a new sessionid and a messageid, got %+v", moved)
	}
	old, oldMsgs := c.messages(t, seedOrg, sid)
	if old.Status != "closed" || len(oldMsgs) != 5 {
		t.Errorf("old session: %+v with %d items", old, len(oldMsgs))
	}
	ns, newMsgs := c.messages(t, seedOrg, moved.SessionID)
	if ns.Status != "open" || len(newMsgs) != 1 || newMsgs[0].MessageID != moved.MessageID || ns.User != "9005" || ns.External != ext {
		t.Errorf("new session: %+v %+v", ns, newMsgs)
	}
}

// Sessions close after the inactivity timeout on the tenant's virtual
// clock; each message restarts the timeout.
func TestSessionInactivityTimeout(t *testing.T) {
	t.Parallel()
	c := newClient(t, "idle")
	const sid = "1710004869211-d3103a34bd2ce6023a"
	send := func() msgResult {
		var r msgResult
		c.ok(t, "message", map[string]any{"from": "9003", "to": extern, "content": "ping", "orgid": seedOrg, "sessionid": sid}, &r)
		return r
	}
	c.sb.Admin.Advance(t, c.key, 23*time.Hour)
	if r := send(); r.SessionID != "" {
		t.Fatalf("23h in: the fixture session should still be open, got %+v", r)
	}
	c.sb.Admin.Advance(t, c.key, 23*time.Hour)
	if s, _ := c.messages(t, seedOrg, sid); s.Status != "open" {
		t.Fatalf("a message restarts the timeout; got %+v", s)
	}
	c.sb.Admin.Advance(t, c.key, 90*time.Minute)
	s, _ := c.messages(t, seedOrg, sid)
	if s.Status != "closed" || s.CloseReason != "inactivity" {
		t.Fatalf("24h idle: want closed by inactivity, got %+v", s)
	}
	if r := send(); r.SessionID == "" || r.SessionID == sid {
		t.Fatalf("a message to the closed session should get a new sessionid, got %+v", r)
	}
}

// An SMS number (DID) of the org is a user side too, matched on its digits.
func TestDIDSessions(t *testing.T) {
	t.Parallel()
	c := newClient(t, "did")
	var s msgResult
	c.ok(t, "message", map[string]any{"from": "+44 7700 900456", "to": "+1 555-010-0200", "orgid": seedOrg}, &s)
	var m msgResult
	c.ok(t, "message", map[string]any{"from": "15550100200", "to": "+447700900456", "content": "Your code is 1234", "orgid": seedOrg, "sessionid": s.SessionID}, &m)
	sess, msgs := c.messages(t, seedOrg, s.SessionID)
	if sess.User != "+15550100200" || len(msgs) != 1 || msgs[0].Direction != "outbound" {
		t.Errorf("DID session: %+v %+v", sess, msgs)
	}
}
