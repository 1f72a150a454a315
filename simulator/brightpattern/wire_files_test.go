package brightpattern_test

import (
	"bytes"
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/switchboard-sim/switchboard/simulator/brightpattern"
	"github.com/switchboard-sim/switchboard/simulator/server"
	"github.com/switchboard-sim/switchboard/simulator/switchboardtest"
	"github.com/switchboard-sim/switchboard/simulator/tenant"
)

// bare is a request as the Node client makes it to Get File and Get Agent
// Profile Photo: its Authorization header, no tenantUrl, no timestamp, to
// a Host (127.0.0.1) that names no tenant.
func (c *client) bare(path string) *resp {
	c.t.Helper()
	r, err := c.send(context.Background(), "GET", c.sb.API("brightpattern")+"/clientweb/api/v1/"+path, nil,
		map[string]string{"User-Agent": "MobileClient"})
	if err != nil {
		c.t.Fatal(err)
	}
	return r
}

// agentFileAndParty opens a chat for c, lets an agent join and send a file,
// and returns the chat, the agent's party id and the file id.
func agentFileAndParty(t *testing.T, sb *switchboardtest.Instance, c *client) (chat, party, file string) {
	t.Helper()
	chat = manualChat(t, c)
	joined := drive(t, sb, c.tenant(), chat, map[string]any{"action": "join"})
	party = find(joined, "chat_session_party_joined").str("party_id")
	sent := drive(t, sb, c.tenant(), chat, map[string]any{"action": "file", "file_name": "brochure.pdf"})
	file = find(sent, "chat_session_file").str("file_id")
	if party == "" || file == "" {
		t.Fatalf("join %v, file %v", names(joined), names(sent))
	}
	return chat, party, file
}

// TestNodeClientSendsNoTenantURLToFilesAndPhotos (issue 12, item 5): the
// Node client's downloads name no tenant. The chat is found from its id
// and the caller's appId and clientId; any other caller is refused as for
// every other call.
func TestNodeClientSendsNoTenantURLToFilesAndPhotos(t *testing.T) {
	t.Parallel()
	sb := start(t, 200*time.Millisecond)
	node := newClient(t, sb, "SwitchboardWebChat", "end-user-7")
	chat, party, file := agentFileAndParty(t, sb, node)

	r := node.bare("chats/" + chat + "/files/" + file)
	if r.Status != 200 || !bytes.HasPrefix(r.Body, []byte("%PDF")) {
		t.Fatalf("Get File without tenantUrl: %d %s", r.Status, r.Body)
	}
	if r := node.bare("chats/" + chat + "/profilephotos/" + party); r.Status != 200 || r.Header.Get("Content-Type") != "image/png" {
		t.Fatalf("Get Agent Profile Photo without tenantUrl: %d %s", r.Status, r.Body)
	}
	for name, other := range map[string]*client{
		"another client of the app": newClient(t, sb, "SwitchboardWebChat", "end-user-8"),
		"another app":               newClient(t, sb, "NoBot", "end-user-7"),
		"a widget without cookie":   newWidget(t, sb, "SwitchboardWebChat"),
	} {
		if r := other.bare("chats/" + chat + "/files/" + file); r.Status != 404 {
			t.Errorf("%s: Get File = %d %s, want 404 as before", name, r.Status, r.Body)
		}
		if r := other.bare("chats/" + chat + "/profilephotos/" + party); r.Status != 404 {
			t.Errorf("%s: photo = %d %s, want 404 as before", name, r.Status, r.Body)
		}
	}
	if r := node.bare("chats/" + chat + "/files/" + file + "x"); r.Status != 404 {
		t.Fatalf("unknown file: %d", r.Status)
	}

	// After the chat ends its files still belong to its client.
	node.sendEvent(chat, map[string]any{"event": "chat_session_end"})
	if r := node.bare("chats/" + chat + "/files/" + file); r.Status != 200 {
		t.Fatalf("Get File after the end: %d %s", r.Status, r.Body)
	}

	// A revoked tenant stays revoked, whichever way the caller names it.
	admin(t, sb, "POST", "/credentials", map[string]any{"credential": node.tenant(), "access": "revoked"})
	if r := node.bare("chats/" + chat + "/files/" + file); r.Status != 401 {
		t.Fatalf("Get File of a revoked tenant: %d %s", r.Status, r.Body)
	}
}

// TestNodeClientWithRegisteredAuth: under --auth registered the download
// is authorised as the chat's own (registered) credential, not the Host's.
func TestNodeClientWithRegisteredAuth(t *testing.T) {
	t.Parallel()
	sb := switchboardtest.Start(t, switchboardtest.WithConfig(func(c *server.Config) {
		c.Auth = tenant.AuthRegistered
	}), switchboardtest.WithVendor(&brightpattern.Vendor{Options: brightpattern.Options{PollHold: 200 * time.Millisecond}}))
	node := newClient(t, sb, "SwitchboardWebChat", "end-user-9")
	admin(t, sb, "POST", "/credentials", map[string]any{"credential": node.tenant(), "access": "read-write"})
	chat, _, file := agentFileAndParty(t, sb, node)
	if r := node.bare("chats/" + chat + "/files/" + file); r.Status != 200 {
		t.Fatalf("Get File without tenantUrl: %d %s", r.Status, r.Body)
	}
	if r := newClient(t, sb, "SwitchboardWebChat", "end-user-10").bare("chats/" + chat + "/files/" + file); r.Status != 401 {
		t.Fatalf("another client: %d %s, want 401 as for any unregistered credential", r.Status, r.Body)
	}
}

// TestAgentAcknowledgesTheEventsFileName (issue 12, item 6): the widget
// uploads under a temporary part name and sends the real name as the
// event's file_name; the agent's thanks names the event's file_name.
func TestAgentAcknowledgesTheEventsFileName(t *testing.T) {
	t.Parallel()
	sb := start(t, 200*time.Millisecond)
	w := newWidget(t, sb, "SwitchboardWebChat")
	chat := w.requestChat(map[string]any{"first_name": "Lee"})
	w.pollUntil(chat, time.Second, func(e event) bool { return e.str("type") == "internal" })
	var up struct {
		FileID string `json:"file_id"`
	}
	w.must(200, "POST", "files", multipartFile(t, "file-upload-input", "blob-5f3a9c", "application/pdf", []byte("%PDF-1.4"))).decode(t, &up)
	w.sendEvent(chat, map[string]any{"event": "chat_session_file", "msg_id": "3", "file_id": up.FileID, "file_type": "attachment", "file_name": "invoice.pdf"})
	got := w.pollUntil(chat, time.Second, func(e event) bool { return contains(e.str("msg"), "Thanks, I received") })
	if msg := got[len(got)-1].str("msg"); msg != "Thanks, I received invoice.pdf." {
		t.Fatalf("agent said %q, want the event's file_name", msg)
	}
}

// TestPreflightAllowsHeadersOnce: reference 8.2 wants allowed headers
// "authorization, content-type"; each is named once however the browser
// spells its request.
func TestPreflightAllowsHeadersOnce(t *testing.T) {
	t.Parallel()
	sb := start(t, 200*time.Millisecond)
	w := newWidget(t, sb, "SwitchboardWebChat")
	for requested, want := range map[string]string{
		"authorization,content-type":  "authorization, content-type, x-switchboard-tenant",
		"Content-Type, Authorization": "authorization, content-type, x-switchboard-tenant",
		"":                            "authorization, content-type, x-switchboard-tenant",
		"authorization,x-custom":      "authorization, content-type, x-switchboard-tenant, x-custom",
	} {
		h := preflight(t, w, "chats", requested)
		if got := h.Get("Access-Control-Allow-Headers"); got != want {
			t.Errorf("requested %q: Access-Control-Allow-Headers = %q, want %q", requested, got, want)
		}
	}
}

func preflight(t *testing.T, w *client, path, requested string) http.Header {
	t.Helper()
	req, _ := http.NewRequest("OPTIONS", w.url(path), nil)
	req.Header.Set("Origin", w.origin)
	req.Header.Set("Access-Control-Request-Method", "POST")
	if requested != "" {
		req.Header.Set("Access-Control-Request-Headers", requested)
	}
	res, err := w.http.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusNoContent {
		t.Fatalf("preflight %s: %d", path, res.StatusCode)
	}
	return res.Header
}

// TestPreflightsAreJournaled: "Cross-origin, every call is preflighted"
// (reference 8.2), and the journal shows those OPTIONS requests too.
func TestPreflightsAreJournaled(t *testing.T) {
	t.Parallel()
	sb := start(t, 200*time.Millisecond)
	w := newWidget(t, sb, "SwitchboardWebChat")
	preflight(t, w, "chats/abc/events", "authorization,content-type")
	got := sb.Admin.Requests(t, "api=brightpattern&method=OPTIONS")
	if len(got) != 1 {
		t.Fatalf("journal has %d OPTIONS entries, want 1: %+v", len(got), got)
	}
	e := got[0]
	if e.Path != "/brightpattern/clientweb/api/v1/chats/abc/events" || e.Status != http.StatusNoContent || e.Operation != "Preflight" {
		t.Fatalf("journal entry %+v", e)
	}
	if o := e.Headers["Origin"]; len(o) != 1 || o[0] != w.origin {
		t.Fatalf("journal entry headers %v", e.Headers)
	}
}
