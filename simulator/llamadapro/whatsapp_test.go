package llamadapro_test

import (
	"encoding/base64"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/switchboard-sim/switchboard/simulator/switchboardtest"
)

// TestWhatsAppMessageReachesRead is the acceptance flow.
func TestWhatsAppMessageReachesRead(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	ct := c.must(t, 200, "POST", "/api/v1/contacts", map[string]any{"firstName": "Lucia", "addresses": []any{map[string]any{"channelType": "WHATSAPP", "address": "+56955554444"}}})
	msg := c.must(t, 200, "POST", "/api/v1/whatsapp/messages", map[string]any{"fromPhoneNumber": "+14155552671", "toPhoneNumber": "+56955554444", "content": "Hola Lucia", "type": "text"})
	if msg["status"] != "pending" || num(msg, "contactId") != num(ct, "id") {
		t.Fatalf("message = %v", msg)
	}
	conv := c.must(t, 200, "GET", path("/api/v1/conversations/{}", num(msg, "funnelConversationId")), nil)
	sessions := list(conv, "channelSessions")
	if num(conv, "contactId") != num(ct, "id") || len(sessions) != 1 || obj(sessions[0])["channelType"] != "WHATSAPP" ||
		obj(sessions[0])["messagingConversationId"] != msg["conversationId"] || num(obj(sessions[0]), "id") != num(msg, "sessionId") {
		t.Errorf("conversation = %v", conv)
	}
	id := msg["id"].(string)
	for _, step := range []struct {
		advance time.Duration
		want    string
	}{{0, "pending"}, {time.Second, "sent"}, {2 * time.Second, "delivered"}, {7 * time.Second, "read"}, {time.Hour, "read"}} {
		c.advance(t, step.advance)
		if got := c.must(t, 200, "GET", "/api/v1/messages/"+id, nil); got["status"] != step.want {
			t.Fatalf("after +%v status %v, want %s", step.advance, got["status"], step.want)
		}
	}
	// A second message reuses the conversation and session.
	again := c.must(t, 200, "POST", "/api/v1/whatsapp/messages", map[string]any{"fromPhoneNumber": "+14155552671", "toPhoneNumber": "+56955554444", "content": "¿Sigues ahí?", "type": "text"})
	if again["conversationId"] != msg["conversationId"] || again["id"] == msg["id"] {
		t.Errorf("second message = %v", again)
	}
	c.fails(t, 404, "GET", "/api/v1/messages/msg_999", nil)
}

func TestWhatsAppUnknownNumberCreatesContact(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	msg := c.must(t, 200, "POST", "/api/v1/whatsapp/messages", map[string]any{"fromPhoneNumber": "+14155552671", "toPhoneNumber": "+447700900123", "content": "hi", "type": "text"})
	ct := c.must(t, 200, "GET", path("/api/v1/contacts/{}", num(msg, "contactId")), nil)
	if a := obj(list(ct, "addresses")[0]); a["channelType"] != "WHATSAPP" || a["address"] != "+447700900123" {
		t.Errorf("created contact = %v", ct)
	}
	// The magic failing number fails delivery.
	bad := c.must(t, 200, "POST", "/api/v1/whatsapp/messages", map[string]any{"fromPhoneNumber": "+14155552671", "toPhoneNumber": "+15005550003", "content": "hi", "type": "text"})
	c.advance(t, time.Minute)
	got := c.must(t, 200, "GET", "/api/v1/messages/"+bad["id"].(string), nil)
	if got["status"] != "failed" || len(list(got, "errors")) != 1 {
		t.Errorf("failing number = %v", got)
	}
}

func TestWhatsAppMessageBadInput(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	c.fails(t, 400, "POST", "/api/v1/whatsapp/messages", map[string]any{"fromPhoneNumber": "4155552671", "toPhoneNumber": "0912", "content": "", "type": "text"},
		"fromPhoneNumber", "toPhoneNumber", "content")
	c.fails(t, 400, "POST", "/api/v1/whatsapp/messages", map[string]any{"fromPhoneNumber": "+14155552671", "toPhoneNumber": "+56912345678", "content": "x", "type": "hologram"}, "type")
	c.fails(t, 400, "POST", "/api/v1/whatsapp/messages", map[string]any{"fromPhoneNumber": "+14155552671", "toPhoneNumber": "+56912345678", "content": "x", "type": "image"}, "fileId")
	c.fails(t, 400, "POST", "/api/v1/whatsapp/messages", map[string]any{"fromPhoneNumber": "+14155552671", "toPhoneNumber": "+56912345678", "content": "x", "type": "image", "fileId": "nope"}, "fileId")
	c.fails(t, 400, "POST", "/api/v1/whatsapp/messages", map[string]any{"fromPhoneNumber": "+14155552671"}, "toPhoneNumber", "content", "type")
}

func TestTemplateMessage(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	base := map[string]any{"fromPhoneNumber": "+14155552671", "toPhoneNumber": "+56912345678", "templateName": "order_update", "languageCode": "en_US"}
	with := func(extra map[string]any) map[string]any {
		out := map[string]any{}
		for k, v := range base {
			out[k] = v
		}
		for k, v := range extra {
			out[k] = v
		}
		return out
	}
	vars := []any{map[string]any{"value": "Jane"}, map[string]any{"value": "A-1001"}}
	m := c.must(t, 200, "POST", "/api/v1/whatsapp/messages/template", with(map[string]any{"variables": vars}))
	if m["content"] != "Hi Jane, your order A-1001 is on its way." || num(m, "contactId") != 501 {
		t.Errorf("template message = %v", m)
	}
	comps := []any{map[string]any{"type": "body", "parameters": []any{map[string]any{"type": "text", "text": "Ana"}, map[string]any{"type": "text", "text": "B-2"}}}}
	m = c.must(t, 200, "POST", "/api/v1/whatsapp/messages/template", with(map[string]any{"components": comps}))
	if !strings.Contains(m["content"].(string), "Ana") {
		t.Errorf("components content = %v", m["content"])
	}
	c.must(t, 200, "POST", "/api/v1/whatsapp/messages/template", with(map[string]any{"templateName": "hello_world"}))
	c.fails(t, 400, "POST", "/api/v1/whatsapp/messages/template", with(map[string]any{"variables": vars, "components": comps}), "variables", "components")
	c.fails(t, 404, "POST", "/api/v1/whatsapp/messages/template", with(map[string]any{"templateName": "no_such_template", "variables": vars}))
	c.fails(t, 400, "POST", "/api/v1/whatsapp/messages/template", with(map[string]any{"variables": vars[:1]}), "variables")
	c.fails(t, 400, "POST", "/api/v1/whatsapp/messages/template", with(map[string]any{"components": comps[:0]}), "components")
	c.fails(t, 400, "POST", "/api/v1/whatsapp/messages/template", with(map[string]any{"variables": vars, "languageCode": "fr", "toPhoneNumber": "12"}), "languageCode", "toPhoneNumber")
	c.fails(t, 400, "POST", "/api/v1/whatsapp/messages/template", map[string]any{"fromPhoneNumber": "+14155552671"}, "toPhoneNumber", "templateName", "languageCode")
}

func TestUploadMedia(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	png := []byte("\x89PNG\r\n\x1a\nsimulated")
	up := c.must(t, 200, "POST", "/api/v1/whatsapp/media", map[string]any{"fromPhoneNumber": "+14155552671", "fileName": "a.png", "contentType": "image/png",
		"content": base64.StdEncoding.EncodeToString(png), "tags": map[string]any{"k": "v"}})
	if num(up, "size") != int64(len(png)) || obj(up["tags"])["k"] != "v" {
		t.Errorf("upload = %v", up)
	}
	get := c.sb.Do(t, "GET", up["url"].(string), nil, switchboardtest.Bearer(c.key))
	if get.Status != http.StatusOK || string(get.Body) != string(png) || get.Header.Get("Content-Type") != "image/png" {
		t.Fatalf("download: %d %q %q", get.Status, get.Body, get.Header.Get("Content-Type"))
	}
	if r := c.sb.Do(t, "GET", up["url"].(string), nil); r.Status != http.StatusUnauthorized {
		t.Errorf("download without a key: %d", r.Status)
	}
	// fileId mode: a fixture file, and a file uploaded before.
	for _, fid := range []string{"file_brochure", up["fileId"].(string)} {
		again := c.must(t, 200, "POST", "/api/v1/whatsapp/media", map[string]any{"fromPhoneNumber": "+14155552671", "fileId": fid})
		if again["fileId"] != fid || again["mediaId"] == up["mediaId"] {
			t.Errorf("fileId mode = %v", again)
		}
	}
	// A media message carries the file as an attachment.
	msg := c.must(t, 200, "POST", "/api/v1/whatsapp/messages", map[string]any{"fromPhoneNumber": "+14155552671", "toPhoneNumber": "+56912345678", "content": "see", "type": "image", "fileId": up["fileId"]})
	att := obj(list(msg, "attachments")[0])
	if att["type"] != "image" || att["url"] == "" {
		t.Errorf("attachment = %v", att)
	}
	c.fails(t, 400, "POST", "/api/v1/whatsapp/media", map[string]any{"fromPhoneNumber": "+14155552671"}, "fileId")
	c.fails(t, 400, "POST", "/api/v1/whatsapp/media", map[string]any{"fromPhoneNumber": "+14155552671", "fileId": "file_logo", "content": "aGk="}, "fileId")
	c.fails(t, 400, "POST", "/api/v1/whatsapp/media", map[string]any{"fromPhoneNumber": "bad", "fileName": "", "contentType": "png", "content": "@@@"},
		"fromPhoneNumber", "fileName", "contentType", "content")
	c.fails(t, 404, "POST", "/api/v1/whatsapp/media", map[string]any{"fromPhoneNumber": "+14155552671", "fileId": "file_missing"})
	c.fails(t, 404, "GET", "/api/v1/whatsapp/media/media_999", nil)
}
