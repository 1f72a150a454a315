package ringotel_test

import (
	"net/http"
	"sync"
	"testing"

	"github.com/switchboard-sim/switchboard/simulator/switchboardtest"
)

// The control plane's documented errors: tenant required, unknown org or session.
func TestAdminErrors(t *testing.T) {
	t.Parallel()
	c := newClient(t, "admin")
	base := c.sb.Admin.URL()
	for _, tc := range []struct {
		name, method, path string
		status             int
	}{
		{"sessions without tenant", http.MethodGet, "/ringotel/orgs/" + seedOrg + "/sessions", 400},
		{"sessions of an unknown org", http.MethodGet, "/ringotel/orgs/11111111111111111111/sessions?tenant=admin", 404},
		{"messages of an unknown session", http.MethodGet, "/ringotel/orgs/" + seedOrg + "/sessions/1710000000000-000000000000000000/messages?tenant=admin", 404},
		{"messages of a session in another org", http.MethodGet, "/ringotel/orgs/16029670196176812345/sessions/" + sid9003 + "/messages?tenant=admin", 404},
		{"messages of an unknown org", http.MethodGet, "/ringotel/orgs/11111111111111111111/sessions/" + sid9003 + "/messages?tenant=admin", 404},
		{"close an unknown session", http.MethodPost, "/ringotel/sessions/1710000000000-000000000000000000/close?tenant=admin", 404},
		{"close without tenant", http.MethodPost, "/ringotel/sessions/" + sid9003 + "/close", 400},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := c.sb.Do(t, tc.method, base+tc.path, nil)
			m := r.Map(t)
			if r.Status != tc.status || m["error"] == nil {
				t.Errorf("want %d with an error body, got %d %s", tc.status, r.Status, r.Body)
			}
		})
	}
	c.closeSession(t, sid9003)
	c.closeSession(t, sid9003) // closing again changes nothing
	s, _ := c.messages(t, seedOrg, sid9003)
	if s.Status != "closed" || s.CloseReason != "closed by the control plane" {
		t.Errorf("closed session: %+v", s)
	}
	c.ok(t, "message", map[string]any{"from": extern, "to": "9005", "orgid": seedOrg}, nil)
	if got := len(c.sessions(t, seedOrg)); got != 4 {
		t.Errorf("want the 3 fixture sessions and a new one, got %d", got)
	}
	c.sb.Admin.Reset(t, c.key)
	if got := len(c.sessions(t, seedOrg)); got != 3 {
		t.Errorf("after reset: want the 3 fixture sessions, got %d", got)
	}
	if s, _ := c.messages(t, seedOrg, sid9003); s.Status != "open" {
		t.Errorf("after reset the fixture session is open again: %+v", s)
	}
}

// Wrong paths and HTTP methods are not RPC calls: 404 and 405 in the envelope.
func TestUnroutedRequests(t *testing.T) {
	t.Parallel()
	c := newClient(t, "paths")
	for _, tc := range []struct {
		method, path string
		status       int
	}{
		{http.MethodPost, "/apix", 404},
		{http.MethodGet, "/api", 405},
	} {
		r := decode(t, c.sb.Do(t, tc.method, c.sb.API("ringotel")+tc.path, nil, switchboardtest.Bearer(c.key)))
		if r.Status != tc.status || r.Error == nil || r.Error.Code != tc.status {
			t.Errorf("%s %s: want %d envelope, got %d %s", tc.method, tc.path, tc.status, r.Status, r.Raw)
		}
	}
}

// The journal names the RPC method, not the single operation.
func TestJournalNamesMethod(t *testing.T) {
	t.Parallel()
	c := newClient(t, "journal")
	c.ok(t, "getChatUsers", map[string]any{"orgid": seedOrg}, nil)
	c.upload(t, map[string]string{"orgid": seedOrg, "from": extern, "to": "9003"}, "a.txt", "x")
	for _, op := range []string{"getChatUsers", "file"} {
		if got := c.sb.Admin.Requests(t, "api=ringotel&operation="+op); len(got) != 1 {
			t.Errorf("journal entries for %s: got %d", op, len(got))
		}
	}
}

// Same seed and same requests give the same ids.
func TestDeterministicIDs(t *testing.T) {
	t.Parallel()
	run := func() string {
		c := &client{sb: switchboardtest.Start(t, switchboardtest.WithSeed(7)), key: "det"}
		var a, b msgResult
		c.ok(t, "message", map[string]any{"from": "5550001", "to": "9004", "orgid": seedOrg}, &a)
		c.ok(t, "message", map[string]any{"from": "5550001", "to": "9004", "orgid": seedOrg, "content": "x", "sessionid": a.SessionID}, &b)
		return a.SessionID + " " + b.MessageID
	}
	if x, y := run(), run(); x != y {
		t.Errorf("two runs differ: %s vs %s", x, y)
	}
}

// Concurrent syncs into one session all land, each once.
func TestConcurrentSyncs(t *testing.T) {
	t.Parallel()
	c := newClient(t, "race")
	const n = 20
	var wg sync.WaitGroup
	ids := make([]string, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := c.call(t, "message", map[string]any{"from": "9003", "to": extern, "content": "hi", "orgid": seedOrg, "sessionid": sid9003})
			var res msgResult
			if r.Error != nil || jsonUnmarshal(r.Result, &res) != nil {
				t.Errorf("sync %d: %s", i, r.Raw)
			}
			ids[i] = res.MessageID
		}()
	}
	wg.Wait()
	_, msgs := c.messages(t, seedOrg, sid9003)
	seen := map[string]bool{}
	for _, m := range msgs {
		seen[m.MessageID] = true
	}
	for _, id := range ids {
		if !seen[id] {
			t.Errorf("message %s missing from the session", id)
		}
	}
	if len(msgs) != n+1 {
		t.Errorf("want %d items (fixture file + %d), got %d", n+1, n, len(msgs))
	}
}
