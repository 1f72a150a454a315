package maiagent_test

import (
	"strings"
	"testing"

	"github.com/switchboard-sim/switchboard/simulator/switchboardtest"
)

// TestErrors: every documented error in DRF's shape with its status.
func TestErrors(t *testing.T) {
	t.Parallel()
	sb := switchboardtest.Start(t)
	_, conv := ask(t, sb, "err", bot1, hoursQ, "")
	url := base(sb) + "/chatbots/" + bot1 + "/completions/"
	tests := []struct {
		name    string
		url     string
		body    any
		headers []switchboardtest.Header
		status  int
		want    map[string]any
	}{
		{"missing key", url, completion("hi", false, ""), nil, 401, map[string]any{"detail": "Authentication credentials were not provided."}},
		{"bearer instead of Api-Key", url, completion("hi", false, ""), []switchboardtest.Header{switchboardtest.Bearer("k")}, 401, map[string]any{"detail": "Invalid API key format."}},
		{"empty key", url, completion("hi", false, ""), []switchboardtest.Header{{"Authorization", "Api-Key "}}, 401, map[string]any{"detail": "Invalid API key format."}},
		{"unknown chatbot", base(sb) + "/chatbots/00000000-0000-4000-8000-000000000000/completions/", completion("hi", false, ""), nil, 404, map[string]any{"detail": "Not found."}},
		{"video refused", url, map[string]any{"message": map[string]any{"content": "look", "attachments": []any{map[string]any{"type": "video", "filename": "a.mp4"}}}}, nil, 400,
			map[string]any{"message.attachments.0.type": []any{`"video" is not yet supported.`}}},
		{"sticker refused and unknown conversation, both named", url, map[string]any{"conversation": "nope", "message": map[string]any{"content": "x", "attachments": []any{map[string]any{"type": "image"}, map[string]any{"type": "sticker"}}}}, nil, 400,
			map[string]any{"conversation": []any{`Invalid pk "nope" - object does not exist.`}, "message.attachments.1.type": []any{`"sticker" is not yet supported.`}}},
		{"type outside the enum", url, map[string]any{"message": map[string]any{"content": "x", "attachments": []any{map[string]any{"type": "gif"}}}}, nil, 400, nil},
		{"missing content", url, map[string]any{"message": map[string]any{}}, nil, 400, map[string]any{"message.content": []any{"This field is required."}}},
		{"blank content", url, map[string]any{"message": map[string]any{"content": ""}}, nil, 400, map[string]any{"message.content": []any{"This field may not be blank."}}},
		{"malformed JSON", url, `{"message":`, nil, 400, nil},
		{"unknown sender", url, map[string]any{"message": map[string]any{"content": "x", "sender": "who"}}, nil, 400, map[string]any{"message.sender": []any{`Invalid pk "who" - object does not exist.`}}},
		{"conversation without webChat", base(sb) + "/conversations/", map[string]any{}, nil, 400, map[string]any{"webChat": []any{"This field is required."}}},
		{"unknown webChat", base(sb) + "/conversations/", map[string]any{"webChat": "x"}, nil, 400, map[string]any{"webChat": []any{`Invalid pk "x" - object does not exist.`}}},
		{"message to unknown conversation", base(sb) + "/messages/", map[string]any{"conversation": "x", "content": "hi"}, nil, 400, map[string]any{"conversation": []any{`Invalid pk "x" - object does not exist.`}}},
		{"message list, bad cursor", base(sb) + "/messages/?cursor=@@@", nil, nil, 404, map[string]any{"detail": "Invalid cursor"}},
		{"unknown message", base(sb) + "/messages/nope/", nil, nil, 404, map[string]any{"detail": "Not found."}},
		{"unknown conversation", base(sb) + "/conversations/nope/", nil, nil, 404, map[string]any{"detail": "Not found."}},
		{"records of unknown chatbot", base(sb) + "/chatbots/nope/records/", nil, nil, 404, map[string]any{"detail": "Not found."}},
		{"records page past the end", base(sb) + "/chatbots/" + bot1 + "/records/?page=9", nil, nil, 404, map[string]any{"detail": "Invalid page."}},
		{"export of unknown chatbot", base(sb) + "/chatbots/nope/records/export-excel/", nil, nil, 404, map[string]any{"detail": "Not found."}},
		{"attachment without upload", base(sb) + "/attachments/", map[string]any{"file": "media/none", "filename": "a.png", "type": "image"}, nil, 400, nil},
		{"records pageSize not a number", base(sb) + "/chatbots/" + bot1 + "/records/?pageSize=x", nil, nil, 400, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			method := "POST"
			if tc.body == nil {
				method = "GET"
			}
			hs := tc.headers
			if hs == nil && !strings.HasPrefix(tc.name, "missing key") {
				hs = []switchboardtest.Header{apiKey("err")}
			}
			r := sb.Do(t, method, tc.url, tc.body, hs...)
			if r.Status != tc.status {
				t.Fatalf("status %d, want %d: %s", r.Status, tc.status, r.Body)
			}
			got := r.Map(t)
			if tc.want == nil {
				if len(got) == 0 {
					t.Fatalf("empty error body")
				}
				for k, v := range got {
					if _, isList := v.([]any); !isList && k != "detail" {
						t.Fatalf("error body %s is not DRF-shaped", r.Body)
					}
				}
				return
			}
			if len(got) != len(tc.want) {
				t.Fatalf("body %s, want %v", r.Body, tc.want)
			}
			for k, v := range tc.want {
				if !equalJSON(got[k], v) {
					t.Fatalf("%s = %v, want %v (body %s)", k, got[k], v, r.Body)
				}
			}
		})
	}
	t.Run("nothing half-applied", func(t *testing.T) {
		var page struct{ Count int }
		sb.Do(t, "GET", base(sb)+"/messages/?conversation="+conv, nil, apiKey("err")).JSON(t, &page)
		if page.Count != 2 {
			t.Fatalf("conversation has %d messages after refused requests, want 2", page.Count)
		}
	})
}

// TestAccessAndMediaType: a read-only key may read but not write (403), a
// revoked one is 401, and a body that is not JSON is 415, all DRF-shaped.
func TestAccessAndMediaType(t *testing.T) {
	t.Parallel()
	sb := switchboardtest.Start(t)
	sb.Admin.SetAccess(t, "ro", "read-only")
	sb.Admin.SetAccess(t, "gone", "revoked")
	tests := []struct {
		name, key, method, path string
		body                    any
		headers                 []switchboardtest.Header
		status                  int
	}{
		{"read-only may list", "ro", "GET", "/conversations/", nil, nil, 200},
		{"read-only may not post", "ro", "POST", "/chatbots/" + bot1 + "/completions/", completion("hi", false, ""), nil, 403},
		{"revoked", "gone", "GET", "/conversations/", nil, nil, 401},
		{"text body", "media", "POST", "/conversations/", "webChat=x", []switchboardtest.Header{{"Content-Type", "text/plain"}}, 415},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := sb.Do(t, tc.method, base(sb)+tc.path, tc.body, append(tc.headers, apiKey(tc.key))...)
			if r.Status != tc.status {
				t.Fatalf("status %d, want %d: %s", r.Status, tc.status, r.Body)
			}
			if tc.status != 200 {
				if d, _ := r.Map(t)["detail"].(string); d == "" {
					t.Fatalf("body %s has no detail", r.Body)
				}
			}
		})
	}
}

func TestControlPlaneFixtures(t *testing.T) {
	t.Parallel()
	sb := switchboardtest.Start(t)
	var out struct {
		APIs struct {
			MaiAgent struct {
				Chatbots []struct {
					ID       string `json:"id"`
					WebChats []struct {
						ID, InboxID string
					} `json:"webChats"`
					Questions []string `json:"knowledgeBaseQuestions"`
				} `json:"chatbots"`
				ContactIDs []string `json:"contactIds"`
			} `json:"maiagent"`
		} `json:"apis"`
	}
	sb.Admin.Do(t, "GET", "/fixtures", nil).JSON(t, &out)
	m := out.APIs.MaiAgent
	if len(m.Chatbots) != 2 || m.Chatbots[0].ID != bot1 || m.Chatbots[0].WebChats[0].ID != webChat1 || m.Chatbots[0].Questions[0] != hoursQ || m.ContactIDs[0] != contact1 {
		t.Fatalf("fixtures %+v", m)
	}
}

func equalJSON(a, b any) bool {
	switch x := a.(type) {
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !equalJSON(x[i], y[i]) {
				return false
			}
		}
		return true
	default:
		return a == b
	}
}
