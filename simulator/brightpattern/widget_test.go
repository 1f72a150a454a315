package brightpattern_test

import (
	"bytes"
	"context"
	"image/png"
	"net/http"
	"testing"
	"time"
)

// TestWidgetScript plays the official web widget's session: request a chat,
// long-poll, message, see the agent type and reply, upload a file and find
// it in the history, answer a form, end the chat.
func TestWidgetScript(t *testing.T) {
	t.Parallel()
	sb := start(t, 300*time.Millisecond)
	w := newWidget(t, sb, "SwitchboardWebChat")
	w.must(200, "GET", "availability", nil)
	w.must(200, "GET", "configuration", nil)
	chat := w.requestChat(map[string]any{"first_name": "Anna", "email": "", "location": map[string]any{"latitude": 52.1}, "user_platform": map[string]any{"os": "Linux"}})

	seen := w.pollUntil(chat, 2*time.Second, func(e event) bool {
		return e.name() == "chat_session_message" && contains(e.str("msg"), "How can I help")
	})
	joined := find(seen, "chat_session_party_joined")
	if joined == nil || joined.str("type") != "scenario" {
		t.Fatalf("first party should be the bot: %v", names(seen))
	}
	var agent string
	for _, e := range seen {
		if e.name() == "chat_session_party_joined" && e.str("type") == "internal" {
			agent = e.str("party_id")
		}
	}
	if agent == "" {
		t.Fatalf("no agent joined: %v", names(seen))
	}

	w.sendEvent(chat, map[string]any{"event": "chat_session_navigation", "msg_id": "1", "title": "Shop", "page": "http://localhost:3000/"})
	w.sendEvent(chat, map[string]any{"event": "chat_session_typing", "msg": "Hel"})
	w.sendEvent(chat, map[string]any{"event": "chat_session_message", "msg_id": "3", "msg": "Hello, where is my order?"})
	got := w.pollUntil(chat, time.Second, func(e event) bool {
		return e.name() == "chat_session_message" && e.str("party_id") == agent
	})
	want := []string{"chat_session_typing", "chat_session_not_typing", "chat_session_message"}
	if len(got) < 3 || got[len(got)-3].name() != want[0] || got[len(got)-2].name() != want[1] {
		t.Fatalf("agent answer = %v, want %v", names(got), want)
	}

	data := []byte("%PDF-1.4 receipt")
	var up struct {
		FileID   string `json:"file_id"`
		FileName string `json:"file_name"`
	}
	w.must(200, "POST", "files", multipartFile(t, "file-upload-input", "receipt.pdf", "application/pdf", data)).decode(t, &up)
	if up.FileID == "" || up.FileName != "receipt.pdf" {
		t.Fatalf("upload answer %+v", up)
	}
	w.sendEvent(chat, map[string]any{"event": "chat_session_file", "msg_id": "5", "file_id": up.FileID, "file_type": "attachment", "file_name": "receipt.pdf"})
	if f := find(w.history(chat), "chat_session_file"); f == nil || f.str("file_id") != up.FileID {
		t.Fatalf("uploaded file not in history")
	}
	w.pollUntil(chat, time.Second, func(e event) bool { return contains(e.str("msg"), "receipt.pdf") })

	w.sendEvent(chat, map[string]any{"event": "chat_session_message", "msg_id": "7", "msg": "Can I fill in a form?"})
	form := w.pollUntil(chat, time.Second, is("chat_session_form_show"))
	req := form[len(form)-1].str("form_request_id")
	w.sendEvent(chat, map[string]any{"event": "chat_session_form_data", "form_request_id": req, "form_name": "ContactDetails", "data": map[string]any{"phone": "+1 555 0100"}})
	w.pollUntil(chat, time.Second, func(e event) bool { return contains(e.str("msg"), "Thank you") })

	end := w.sendEvent(chat, map[string]any{"event": "chat_session_end"})
	if find(end, "chat_session_ended") == nil {
		t.Fatalf("end answered %v", names(end))
	}
	w.must(404, "GET", "chats/active", nil)
	w.must(404, "POST", "chats/"+chat+"/events", map[string]any{"events": []any{map[string]any{"event": "chat_session_message", "msg": "hi"}}})
	if got := w.poll(chat); find(got, "chat_session_ended") == nil {
		t.Fatalf("poll after the end = %v, want chat_session_ended", names(got))
	}
	w.must(404, "GET", "chats/"+chat+"/events", nil)
}

// TestCrossOriginWidget is the widget on another origin: preflights pass,
// the cookie identifies the client, and the agent's photo and files load
// with no Authorization header and no query string.
func TestCrossOriginWidget(t *testing.T) {
	t.Parallel()
	sb := start(t, 300*time.Millisecond)
	w := newWidget(t, sb, "SwitchboardWebChat")
	for _, path := range []string{"availability", "configuration", "chats", "chats/active", "chats/x/events", "files"} {
		req, _ := http.NewRequest("OPTIONS", w.url(path), nil)
		req.Header.Set("Origin", w.origin)
		req.Header.Set("Access-Control-Request-Method", "POST")
		req.Header.Set("Access-Control-Request-Headers", "authorization,content-type")
		res, err := w.http.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		h := res.Header
		if res.StatusCode >= 300 || h.Get("Access-Control-Allow-Origin") != w.origin || h.Get("Access-Control-Allow-Credentials") != "true" ||
			!contains(h.Get("Access-Control-Allow-Headers"), "authorization") || !contains(h.Get("Access-Control-Allow-Headers"), "content-type") {
			t.Fatalf("preflight %s: %d %v", path, res.StatusCode, h)
		}
	}
	// The widget's availability and configuration GETs carry a Content-Type and no body.
	for _, path := range []string{"availability", "configuration"} {
		r, err := w.send(context.Background(), "GET", w.url(path), nil, map[string]string{"Content-Type": "application/json; charset=UTF-8"})
		if err != nil || r.Status != 200 {
			t.Fatalf("GET %s with a Content-Type: %v %+v", path, err, r)
		}
	}
	r := w.must(200, "GET", "availability", nil)
	if r.Header.Get("Access-Control-Allow-Origin") != w.origin || r.Header.Get("Access-Control-Allow-Credentials") != "true" {
		t.Fatalf("normal answer lacks CORS headers: %v", r.Header)
	}
	if r := w.do("GET", "chats/active", nil); r.Status != 404 || r.Header.Get("Access-Control-Allow-Origin") != w.origin {
		t.Fatalf("error answer: %d %v", r.Status, r.Header)
	}
	chat := w.requestChat(map[string]any{"first_name": "Lee"})
	var active struct {
		ChatID string `json:"chat_id"`
	}
	w.must(200, "GET", "chats/active", nil).decode(t, &active)
	if active.ChatID != chat {
		t.Fatalf("cookie should identify the client: active %q, want %q", active.ChatID, chat)
	}
	if again := w.requestChat(nil); again != chat {
		t.Fatalf("a second request chat opened %s, want the active %s", again, chat)
	}
	stranger := newWidget(t, sb, "SwitchboardWebChat")
	stranger.must(404, "GET", "chats/active", nil)

	seen := w.pollUntil(chat, 2*time.Second, func(e event) bool {
		return e.name() == "chat_session_party_joined" && e.str("type") == "internal"
	})
	party := seen[len(seen)-1].str("party_id")
	photoURL := sb.API("brightpattern") + "/clientweb/api/v1/chats/" + chat + "/profilephotos/" + party
	var first []byte
	for i := 0; i < 2; i++ {
		r, err := w.send(context.Background(), "GET", photoURL, nil, map[string]string{"Authorization": ""})
		if err != nil || r.Status != 200 || r.Header.Get("Content-Type") != "image/png" {
			t.Fatalf("photo with only the cookie: %v %+v", err, r)
		}
		if _, err := png.Decode(bytes.NewReader(r.Body)); err != nil {
			t.Fatalf("photo is not a PNG: %v", err)
		}
		if first != nil && !bytes.Equal(first, r.Body) {
			t.Fatal("photo is not deterministic")
		}
		first = r.Body
	}
	if r, _ := stranger.send(context.Background(), "GET", photoURL, nil, map[string]string{"Authorization": ""}); r.Status != 401 {
		t.Fatalf("photo with no cookie and no header: %d, want 401", r.Status)
	}
	if r, _ := w.send(context.Background(), "GET", photoURL+"x", nil, map[string]string{"Authorization": ""}); r.Status != 404 {
		t.Fatalf("photo of an unknown party: %d, want 404", r.Status)
	}

	w.sendEvent(chat, map[string]any{"event": "chat_session_message", "msg_id": "3", "msg": "send me the file please"})
	fe := w.pollUntil(chat, time.Second, is("chat_session_file"))
	file := fe[len(fe)-1]
	fileURL := sb.API("brightpattern") + "/clientweb/api/v1/chats/" + chat + "/files/" + file.str("file_id")
	r, err := w.send(context.Background(), "GET", fileURL, nil, map[string]string{"Authorization": ""})
	if err != nil || r.Status != 200 || r.Header.Get("Content-Type") != "application/pdf" || !bytes.HasPrefix(r.Body, []byte("%PDF")) {
		t.Fatalf("agent file with only the cookie: %v %+v", err, r)
	}
	// A mobile client may send its Authorization header instead.
	dev := newClient(t, sb, "SwitchboardWebChat", "device-1")
	if r, _ := dev.send(context.Background(), "GET", fileURL+"?tenantUrl="+tenantURL, nil, nil); r.Status != 200 {
		t.Fatalf("file with the Authorization header: %d %s", r.Status, r.Body)
	}
	if r, _ := dev.send(context.Background(), "GET", fileURL+"x?tenantUrl="+tenantURL, nil, nil); r.Status != 404 {
		t.Fatalf("unknown file: %d, want 404", r.Status)
	}
}
