package llamadapro_test

import (
	"bytes"
	"net/http"
	"testing"
	"time"

	"github.com/switchboard-sim/switchboard/simulator/switchboardtest"
)

// operations lists one valid request per operation of this package.
var operations = []struct {
	op, method, path string
	body             any
}{
	{"GetContacts", "GET", "/api/v1/contacts", nil},
	{"CreateContact", "POST", "/api/v1/contacts", map[string]any{"firstName": "A"}},
	{"SearchContacts", "POST", "/api/v1/contacts/search", map[string]any{}},
	{"GetContact", "GET", "/api/v1/contacts/501", nil},
	{"UpdateContact", "PUT", "/api/v1/contacts/501", map[string]any{"firstName": "B"}},
	{"DeleteContact", "DELETE", "/api/v1/contacts/502", nil},
	{"Create", "POST", "/api/v1/conversations", map[string]any{"funnelId": 1, "contactId": 501}},
	{"GetConversation", "GET", "/api/v1/conversations/1001", nil},
	{"BulkCreate", "POST", "/api/v1/conversations/bulk", map[string]any{"conversations": []any{map[string]any{"funnelId": 1, "contactId": 501}}}},
	{"BulkUpdate", "PUT", "/api/v1/conversations/bulk", map[string]any{"conversations": []any{map[string]any{"id": 1001}}}},
	{"CreateMessage", "POST", "/api/v1/whatsapp/messages", map[string]any{"fromPhoneNumber": "+14155552671", "toPhoneNumber": "+56912345678", "content": "x", "type": "text"}},
	{"CreateTemplateMessage", "POST", "/api/v1/whatsapp/messages/template", map[string]any{"fromPhoneNumber": "+14155552671", "toPhoneNumber": "+56912345678", "templateName": "hello_world", "languageCode": "es"}},
	{"GetMessage", "GET", "/api/v1/messages/msg_1", nil},
	{"UploadMedia", "POST", "/api/v1/whatsapp/media", map[string]any{"fromPhoneNumber": "+14155552671", "fileId": "file_logo"}},
	{"GetMediaContent", "GET", "/api/v1/whatsapp/media/file_logo", nil},
	{"GetCustomFieldDefinitions", "GET", "/api/v1/custom-fields/definitions", nil},
	{"CreateCustomFieldDefinition", "POST", "/api/v1/custom-fields/definitions", map[string]any{"entityType": "CONTACT", "fieldKey": "k", "fieldType": "STRING"}},
	{"GetCustomFieldDefinition", "GET", "/api/v1/custom-fields/definitions/1", nil},
	{"UpdateCustomFieldDefinition", "PUT", "/api/v1/custom-fields/definitions/1", map[string]any{"fieldLabel": "L"}},
	{"DeleteCustomFieldDefinition", "DELETE", "/api/v1/custom-fields/definitions/3", nil},
	{"GetCustomFieldListOptions", "GET", "/api/v1/custom-fields/definitions/2/options", nil},
	{"CreateCustomFieldListOption", "POST", "/api/v1/custom-fields/definitions/2/options", map[string]any{"definitionId": 2, "value": "v"}},
	{"GetCustomFieldListOption", "GET", "/api/v1/custom-fields/definitions/2/options/1", nil},
	{"UpdateCustomFieldListOption", "PUT", "/api/v1/custom-fields/definitions/2/options/1", map[string]any{"label": "G"}},
	{"DeleteCustomFieldListOption", "DELETE", "/api/v1/custom-fields/definitions/2/options/3", nil},
	{"StartAgentCall", "POST", "/api/v2/calls/agent", map[string]any{"toPhoneNumber": "+56912345678", "objectives": []any{"Say hi"}}},
	{"StartAgentCallV1", "POST", "/api/v1/calls/agent", map[string]any{"voiceAgentId": 123, "to": "+56912345678", "contextVariables": map[string]any{}}},
	{"StartBridgeCall", "POST", "/api/v1/calls/bridge", map[string]any{"to": "+56912345678"}},
	{"CreateCall", "POST", "/api/v1/calls", map[string]any{"status": "completed", "userId": nil, "metadata": nil, "from": "a", "to": "b", "duration": 1, "direction": "outbound", "startTime": "2025-03-01T10:00:00Z"}},
	{"GetCall", "GET", "/api/v1/calls/7001", nil},
	{"GetCallRecording", "GET", "/api/v1/calls/7001/recording", nil},
	{"GetCallTranscription", "GET", "/api/v1/calls/7001/transcription", nil},
	{"LoadRecording", "POST", "/api/v1/recordings", map[string]any{"userId": 1, "url": "https://x.example/a.wav"}},
	{"GetRecording", "GET", "/api/v1/recordings/8001", nil},
	{"GetRecordingAudio", "GET", "/api/v1/recordings/8001/audio", nil},
}

func TestEveryOperationAuth(t *testing.T) {
	t.Parallel()
	sb := switchboardtest.Start(t)
	sb.Admin.SetAccess(t, "lp-readonly", "read-only")
	for _, op := range operations {
		t.Run(op.op, func(t *testing.T) {
			url := sb.API("llamadapro") + op.path
			if r := sb.Do(t, op.method, url, op.body); r.Status != http.StatusUnauthorized || r.Map(t)["code"] != 401.0 {
				t.Errorf("no key: %d %s", r.Status, r.Body)
			}
			if r := sb.Do(t, op.method, url, op.body, switchboardtest.Header{"Authorization", "Basic abc"}); r.Status != http.StatusUnauthorized {
				t.Errorf("malformed key: %d", r.Status)
			}
			r := sb.Do(t, op.method, url, op.body, switchboardtest.Header{"x-api-key", "lp-readonly"})
			if op.method != "GET" && r.Status != http.StatusForbidden {
				t.Errorf("read-only write: %d %s", r.Status, r.Body)
			}
			if op.method == "GET" && r.Status == http.StatusForbidden {
				t.Errorf("read-only read refused: %s", r.Body)
			}
		})
	}
}

// TestEveryOperationAnswers runs each operation once in order on one tenant
// (the calls and recordings exist because the clock moves between them).
func TestEveryOperationAnswers(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	for _, op := range operations {
		if op.op == "GetCall" {
			c.advance(t, 10*time.Minute)
		}
		c.must(t, 200, op.method, op.path, op.body)
	}
}

// TestDeterministic replays the same requests on two servers with the same
// seed and compares every response byte for byte.
func TestDeterministic(t *testing.T) {
	t.Parallel()
	run := func() [][]byte {
		sb := switchboardtest.Start(t, switchboardtest.WithSeed(42))
		var out [][]byte
		for _, op := range operations {
			if op.op == "GetCall" {
				sb.Admin.Advance(t, "det", 10*time.Minute)
			}
			r := sb.Do(t, op.method, sb.API("llamadapro")+op.path, op.body, switchboardtest.Bearer("det"))
			out = append(out, r.Body)
		}
		r := sb.Do(t, "GET", sb.API("llamadapro")+"/api/v1/contacts?pageSize=100", nil, switchboardtest.Bearer("det"))
		return append(out, r.Body)
	}
	a, b := run(), run()
	for i := range a {
		// Links carry the server's port; compare them without it.
		if !bytes.Equal(stripPorts(a[i]), stripPorts(b[i])) {
			t.Errorf("response %d differs:\n%s\n%s", i, a[i], b[i])
		}
	}
}

func stripPorts(b []byte) []byte {
	out := []byte{}
	for i := 0; i < len(b); i++ {
		if b[i] == ':' && i > 0 && b[i-1] == '1' && i+1 < len(b) && b[i+1] >= '0' && b[i+1] <= '9' {
			for i+1 < len(b) && b[i+1] >= '0' && b[i+1] <= '9' {
				i++
			}
			continue
		}
		out = append(out, b[i])
	}
	return out
}
