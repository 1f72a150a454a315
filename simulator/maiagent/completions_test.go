package maiagent_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/switchboard-sim/switchboard/simulator/switchboardtest"
)

// TestStreamingMatchesNonStreaming: a streamed answer is several data:
// events whose deltas join to exactly the non-streaming answer to the same
// question (asked in another tenant, and again after a reset).
func TestStreamingMatchesNonStreaming(t *testing.T) {
	sb := switchboardtest.Start(t)
	for _, q := range []string{hoursQ, "Tell me something about your loyalty programme", "使用串流模式測試：請給我一個笑話", "你們的退貨政策是什麼？"} {
		t.Run(q, func(t *testing.T) {
			resp := postStream(t, sb.Client, base(sb)+"/chatbots/"+bot1+"/completions/", "stream-key", completion(q, true, ""))
			defer resp.Body.Close()
			if ct := resp.Header.Get("Content-Type"); resp.StatusCode != 200 || !strings.HasPrefix(ct, "text/event-stream") {
				t.Fatalf("status %d Content-Type %q, want 200 text/event-stream", resp.StatusCode, ct)
			}
			evs := readEvents(t, resp.Body)
			if len(evs) < 3 {
				t.Fatalf("got %d events, want several", len(evs))
			}
			var joined strings.Builder
			for i, ev := range evs {
				last := i == len(evs)-1
				if ev.Done != last {
					t.Fatalf("event %d done=%v, want %v", i, ev.Done, last)
				}
				if ev.ConversationID == "" || ev.ConversationID != evs[0].ConversationID || ev.Snake != ev.ConversationID {
					t.Fatalf("event %d conversation ids %q/%q, want both %q", i, ev.ConversationID, ev.Snake, evs[0].ConversationID)
				}
				if !last {
					joined.WriteString(ev.Content)
				}
			}
			want, _ := ask(t, sb, "plain-key", bot1, q, "")
			if joined.String() != want {
				t.Fatalf("joined deltas %q\nnon-streaming  %q", joined.String(), want)
			}
			sb.Admin.Reset(t, "plain-key")
			again, _ := ask(t, sb, "plain-key", bot1, q, "")
			if again != want {
				t.Fatalf("after reset the answer changed: %q, was %q", again, want)
			}
		})
	}
}

func TestKnowledgeBaseAndFlags(t *testing.T) {
	sb := switchboardtest.Start(t)
	tests := []struct {
		name, bot, q, want string
	}{
		{"exact question", bot1, hoursQ, hoursA},
		{"reworded", bot1, "what are the opening hours", hoursA},
		{"chinese inside a longer message", bot1, "不使用串流模式測試：請給我一個笑話", "為什麼電腦很少感冒？因為它們都有防毒軟體！"},
		{"other chatbot's base", bot2, "What is the baggage allowance for economy?", "Economy tickets include one checked bag of up to 23 kg and one carry-on of up to 7 kg."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got, _ := ask(t, sb, "kb", tc.bot, tc.q, ""); got != tc.want {
				t.Fatalf("answer %q, want %q", got, tc.want)
			}
		})
	}
	t.Run("isStreaming camelCase streams too", func(t *testing.T) {
		resp := postStream(t, sb.Client, base(sb)+"/chatbots/"+bot1+"/completions/", "kb",
			map[string]any{"message": map[string]any{"content": hoursQ}, "isStreaming": true})
		defer resp.Body.Close()
		if evs := readEvents(t, resp.Body); len(evs) < 2 || !evs[len(evs)-1].Done {
			t.Fatalf("camelCase isStreaming did not stream: %+v", evs)
		}
	})
	t.Run("unknown question is a stable plausible answer", func(t *testing.T) {
		a, _ := ask(t, sb, "kb", bot1, "Do you sell gift cards?", "")
		b, _ := ask(t, sb, "kb-other", bot1, "do you sell GIFT cards", "")
		if a != b || len(strings.Fields(a)) < 8 {
			t.Fatalf("answers %q and %q: want the same plausible answer", a, b)
		}
	})
}

// TestConversationMemory: the official examples' conversation flow (in
// Chinese) and English variants are answered from earlier turns.
func TestConversationMemory(t *testing.T) {
	sb := switchboardtest.Start(t)
	tests := []struct {
		name, first, second, want string
	}{
		{"official example", "你好，請記住我說我叫小明", "我剛才說我叫什麼名字？", "小明"},
		{"english name", "Hi, my name is Ada Lovelace.", "What did I say my name was?", "Ada Lovelace"},
		{"call me", "Please call me Bob", "what's my name?", "Bob"},
		{"other fact", "My favourite colour is green.", "What did I say my favourite colour was?", "green"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, conv := ask(t, sb, "memory", bot1, tc.first, "")
			got, conv2 := ask(t, sb, "memory", bot1, tc.second, conv)
			if conv2 != conv {
				t.Fatalf("second turn moved to conversation %s, want %s", conv2, conv)
			}
			if !strings.Contains(got, tc.want) {
				t.Fatalf("answer %q does not recall %q", got, tc.want)
			}
			if fresh, _ := ask(t, sb, "memory", bot1, tc.second, ""); strings.Contains(fresh, tc.want) {
				t.Fatalf("a new conversation remembered %q: %q", tc.want, fresh)
			}
		})
	}
}

// TestErrors: every documented error in DRF's shape with its status.
func TestErrors(t *testing.T) {
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

// TestPathsAndSlashes: /api/ and /api/v1/ are the same API, and a path
// without its trailing slash is redirected (GET and POST), never a 5xx.
func TestPathsAndSlashes(t *testing.T) {
	sb := switchboardtest.Start(t)
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, prefix := range []string{"/api", "/api/v1"} {
		for _, method := range []string{"GET", "POST"} {
			path := sb.API("maiagent") + prefix + "/conversations"
			req, _ := http.NewRequest(method, path, strings.NewReader(`{"webChat":"`+webChat1+`"}`))
			req.Header.Set("Authorization", "Api-Key slash")
			req.Header.Set("Content-Type", "application/json")
			resp, err := noRedirect.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != 301 && resp.StatusCode != 307 && resp.StatusCode != 308 || resp.Header.Get("Location") != "/maiagent"+prefix+"/conversations/" {
				t.Fatalf("%s %s: %d Location %q, want a redirect to the slashed path", method, path, resp.StatusCode, resp.Header.Get("Location"))
			}
		}
		// Followed, the redirected POST lands (Go re-sends the body on 307).
		r := sb.Do(t, "POST", sb.API("maiagent")+prefix+"/conversations", map[string]any{"webChat": webChat1}, apiKey("slash"))
		if r.Status != 201 {
			t.Fatalf("POST %s/conversations following the redirect: %d %s", prefix, r.Status, r.Body)
		}
	}
	var page struct{ Results []any }
	sb.Do(t, "GET", sb.API("maiagent")+"/api/conversations/", nil, apiKey("slash")).JSON(t, &page)
	if len(page.Results) != 2 {
		t.Fatalf("/api/ lists %d conversations created via both prefixes, want 2", len(page.Results))
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

// TestAccessAndMediaType: a read-only key may read but not write (403), a
// revoked one is 401, and a body that is not JSON is 415, all DRF-shaped.
func TestAccessAndMediaType(t *testing.T) {
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
	sb := switchboardtest.Start(t)
	var out struct {
		APIs map[string]struct {
			Chatbots []struct {
				ID       string `json:"id"`
				WebChats []struct {
					ID, InboxID string
				} `json:"webChats"`
				Questions []string `json:"knowledgeBaseQuestions"`
			} `json:"chatbots"`
			ContactIDs []string `json:"contactIds"`
		} `json:"apis"`
	}
	sb.Admin.Do(t, "GET", "/fixtures", nil).JSON(t, &out)
	m := out.APIs["maiagent"]
	if len(m.Chatbots) != 2 || m.Chatbots[0].ID != bot1 || m.Chatbots[0].WebChats[0].ID != webChat1 || m.Chatbots[0].Questions[0] != hoursQ || m.ContactIDs[0] != contact1 {
		t.Fatalf("fixtures %+v", m)
	}
}
