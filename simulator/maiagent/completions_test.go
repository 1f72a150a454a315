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
	t.Parallel()
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
	t.Parallel()
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
	t.Parallel()
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

// TestPathsAndSlashes: /api/ and /api/v1/ are the same API, and a path
// without its trailing slash is redirected (GET and POST), never a 5xx.
func TestPathsAndSlashes(t *testing.T) {
	t.Parallel()
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
			want := map[string]int{"GET": 301, "POST": 307}[method] // 307 keeps the method and body
			if resp.StatusCode != want || resp.Header.Get("Location") != "/maiagent"+prefix+"/conversations/" {
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
