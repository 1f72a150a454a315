package maiagent_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/switchboard-sim/switchboard/openapi"
	"github.com/switchboard-sim/switchboard/simulator/switchboardtest"
)

const (
	bot1     = "6b0f6a44-3c1e-4a7b-9d2e-1f5c8a9b0c01"
	bot2     = "6b0f6a44-3c1e-4a7b-9d2e-1f5c8a9b0c02"
	webChat1 = "0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d1"
	inbox1   = "5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a801"
	inbox2   = "5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a802"
	contact1 = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c01"
	hoursQ   = "What are your opening hours?"
	hoursA   = "Our support team is available Monday to Friday, 9:00 to 18:00 Taipei time, and on Saturdays from 10:00 to 14:00."
)

func apiKey(k string) switchboardtest.Header {
	return switchboardtest.Header{"Authorization", "Api-Key " + k}
}

// base is the /api/v1/ base the official examples use.
func base(sb *switchboardtest.Instance) string { return sb.API("maiagent") + "/api/v1" }

func completion(content string, streaming bool, conv string) map[string]any {
	b := map[string]any{"message": map[string]any{"content": content, "attachments": []any{}}, "is_streaming": streaming}
	if conv != "" {
		b["conversation"] = conv
	} else {
		b["conversation"] = nil
	}
	return b
}

// ask sends a non-streaming completion and returns the decoded answer.
func ask(t *testing.T, sb *switchboardtest.Instance, key, bot, content, conv string) (answer, convID string) {
	t.Helper()
	r := sb.Do(t, "POST", base(sb)+"/chatbots/"+bot+"/completions/", completion(content, false, conv), apiKey(key))
	if r.Status != 200 {
		t.Fatalf("completion %q: %d %s", content, r.Status, r.Body)
	}
	var out struct {
		Content, ConversationID, ConversationIDSnake string
	}
	m := r.Map(t)
	out.Content, _ = m["content"].(string)
	out.ConversationID, _ = m["conversationId"].(string)
	out.ConversationIDSnake, _ = m["conversation_id"].(string)
	if out.ConversationID == "" || out.ConversationID != out.ConversationIDSnake {
		t.Fatalf("conversationId %q and conversation_id %q must be set and equal", out.ConversationID, out.ConversationIDSnake)
	}
	return out.Content, out.ConversationID
}

// event is one decoded SSE data payload.
type event struct {
	Content        string `json:"content"`
	ConversationID string `json:"conversationId"`
	Snake          string `json:"conversation_id"`
	Done           bool   `json:"done"`
}

// postStream sends a streaming completion with no Accept header, as the
// official client does, and returns the open response.
func postStream(t *testing.T, client *http.Client, url, key string, body any) *http.Response {
	t.Helper()
	js, _ := json.Marshal(body)
	req, _ := http.NewRequest("POST", url, bytes.NewReader(js))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Api-Key "+key)
	resp, err := client.Do(req)
	if err != nil {
		t.Fatalf("POST %s: %v", url, err)
	}
	return resp
}

// readEvents reads a whole SSE stream, checking the framing (`data: {json}`
// then a blank line) and every payload against the spec's MaiAgentStreamEvent.
func readEvents(t *testing.T, r io.Reader) []event {
	t.Helper()
	schema := streamSchema(t)
	var out []event
	sc := bufio.NewScanner(r)
	expectBlank := false
	for sc.Scan() {
		line := sc.Text()
		if expectBlank {
			if line != "" {
				t.Fatalf("event not followed by a blank line: %q", line)
			}
			expectBlank = false
			continue
		}
		data, ok := strings.CutPrefix(line, "data: ")
		if !ok {
			t.Fatalf("line is not a data: field: %q", line)
		}
		var raw any
		if err := json.Unmarshal([]byte(data), &raw); err != nil {
			t.Fatalf("event data is not JSON: %q", data)
		}
		if err := schema.VisitJSON(raw); err != nil {
			t.Fatalf("event %s breaks MaiAgentStreamEvent: %v", data, err)
		}
		var ev event
		_ = json.Unmarshal([]byte(data), &ev)
		out = append(out, ev)
		expectBlank = true
	}
	return out
}

func streamSchema(t *testing.T) *openapi3.Schema {
	t.Helper()
	spec, err := openapi.Load("maiagent")
	if err != nil {
		t.Fatal(err)
	}
	ref := spec.Doc.Components.Schemas["MaiAgentStreamEvent"]
	if ref == nil || ref.Value == nil {
		t.Fatal("spec has no MaiAgentStreamEvent schema")
	}
	return ref.Value
}
