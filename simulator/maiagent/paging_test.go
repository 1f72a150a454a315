package maiagent_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/switchboard-sim/switchboard/simulator/switchboardtest"
)

type msgPage struct {
	Count    int     `json:"count"`
	Next     *string `json:"next"`
	Previous *string `json:"previous"`
	Results  []struct {
		ID           string `json:"id"`
		Conversation string `json:"conversation"`
		Type         string `json:"type"`
		Content      string `json:"content"`
	} `json:"results"`
}

// TestMessageCursorPaging: 50 messages walked forward by next links come
// back each exactly once, newest first; previous links walk back.
func TestMessageCursorPaging(t *testing.T) {
	t.Parallel()
	sb := switchboardtest.Start(t)
	key := apiKey("paging")
	_, conv := ask(t, sb, "paging", bot1, "question 0", "")
	for i := 1; i < 25; i++ {
		ask(t, sb, "paging", bot1, fmt.Sprintf("question %d", i), conv)
	}
	ask(t, sb, "paging", bot1, "another conversation", "") // must not show up
	for _, size := range []int{7, 10, 50} {
		t.Run(fmt.Sprintf("pageSize=%d", size), func(t *testing.T) {
			seen := map[string]bool{}
			var order []string
			url := fmt.Sprintf("%s/messages/?conversation=%s&pageSize=%d", base(sb), conv, size)
			var pages []string
			for url != "" {
				pages = append(pages, url)
				var p msgPage
				sb.Do(t, "GET", url, nil, key).JSON(t, &p)
				if p.Count != 50 {
					t.Fatalf("count %d, want 50", p.Count)
				}
				for _, m := range p.Results {
					if seen[m.ID] || m.Conversation != conv {
						t.Fatalf("message %s repeated or from another conversation", m.ID)
					}
					seen[m.ID] = true
					order = append(order, m.Content)
				}
				url = ""
				if p.Next != nil {
					if !strings.HasPrefix(*p.Next, "http://127.0.0.1:") {
						t.Fatalf("next %q is not an absolute URL", *p.Next)
					}
					url = *p.Next
				}
			}
			if len(seen) != 50 || order[1] != "question 24" || order[49] != "question 0" {
				t.Fatalf("walked %d messages; newest incoming %q, oldest %q", len(seen), order[1], order[49])
			}
			if len(pages) > 1 { // previous from the second page returns the first page
				var second, first, back msgPage
				sb.Do(t, "GET", pages[1], nil, key).JSON(t, &second)
				sb.Do(t, "GET", pages[0], nil, key).JSON(t, &first)
				if second.Previous == nil {
					t.Fatal("second page has no previous link")
				}
				sb.Do(t, "GET", *second.Previous, nil, key).JSON(t, &back)
				if len(back.Results) != len(first.Results) || back.Results[0].ID != first.Results[0].ID || back.Previous != nil {
					t.Fatalf("previous link did not return the first page")
				}
			}
		})
	}
	t.Run("get one message", func(t *testing.T) {
		var p msgPage
		sb.Do(t, "GET", base(sb)+"/messages/?pageSize=1", nil, key).JSON(t, &p)
		r := sb.Do(t, "GET", base(sb)+"/messages/"+p.Results[0].ID+"/", nil, key)
		if r.Status != 200 || r.Map(t)["id"] != p.Results[0].ID {
			t.Fatalf("GET message: %d %s", r.Status, r.Body)
		}
	})
}

// TestConversations: create, get, list with the inbox filter and cursor paging.
func TestConversations(t *testing.T) {
	t.Parallel()
	sb := switchboardtest.Start(t)
	key := apiKey("convs")
	r := sb.Do(t, "POST", base(sb)+"/conversations/", map[string]any{"webChat": webChat1}, key)
	if r.Status != 201 {
		t.Fatalf("create: %d %s", r.Status, r.Body)
	}
	created := r.Map(t)
	if created["inbox"].(map[string]any)["id"] != inbox1 || created["lastMessage"] != nil {
		t.Fatalf("new conversation %s: want inbox %s and no last message", r.Body, inbox1)
	}
	id := created["id"].(string)
	ask(t, sb, "convs", bot1, hoursQ, id)
	got := sb.Do(t, "GET", base(sb)+"/conversations/"+id+"/", nil, key).Map(t)
	if lm, _ := got["lastMessage"].(map[string]any); lm == nil || lm["content"] != hoursA || got["title"] != hoursQ {
		t.Fatalf("conversation after a turn: %v", got)
	}
	for i := 0; i < 4; i++ {
		ask(t, sb, "convs", bot1, "hello", "") // first web chat → inbox1
	}
	sb.Do(t, "POST", base(sb)+"/conversations/", map[string]any{"webChat": "0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d2"}, key)
	tests := []struct {
		query string
		want  int
	}{{"", 6}, {"inbox=" + inbox1, 5}, {"inbox=" + inbox2, 1}, {"inbox=none", 0}}
	for _, tc := range tests {
		t.Run(tc.query, func(t *testing.T) {
			url := base(sb) + "/conversations/?pageSize=2&" + tc.query
			n := 0
			seen := map[string]bool{}
			for url != "" {
				var p struct {
					Next    *string          `json:"next"`
					Results []map[string]any `json:"results"`
				}
				sb.Do(t, "GET", url, nil, key).JSON(t, &p)
				for _, c := range p.Results {
					if seen[c["id"].(string)] {
						t.Fatalf("conversation repeated")
					}
					seen[c["id"].(string)] = true
					n++
				}
				url = ""
				if p.Next != nil {
					url = *p.Next
				}
			}
			if n != tc.want {
				t.Fatalf("listed %d conversations, want %d", n, tc.want)
			}
		})
	}
}

// TestInboxesAndSender: the inbox list gives the web chat ids the official
// examples read (channel.id), and a completion from a fixture contact
// opens a conversation for that contact.
func TestInboxesAndSender(t *testing.T) {
	t.Parallel()
	sb := switchboardtest.Start(t)
	var inboxes struct {
		Count   int `json:"count"`
		Results []struct {
			ID      string              `json:"id"`
			Channel struct{ ID string } `json:"channel"`
		} `json:"results"`
	}
	sb.Do(t, "GET", base(sb)+"/inboxes/", nil, apiKey("inbox")).JSON(t, &inboxes)
	if inboxes.Count != 3 || inboxes.Results[0].ID != inbox1 || inboxes.Results[0].Channel.ID != webChat1 {
		t.Fatalf("inboxes %+v", inboxes)
	}
	r := sb.Do(t, "POST", base(sb)+"/chatbots/"+bot1+"/completions/",
		map[string]any{"message": map[string]any{"content": "hello", "sender": contact1}}, apiKey("inbox"))
	conv := r.Map(t)["conversationId"].(string)
	got := sb.Do(t, "GET", base(sb)+"/conversations/"+conv+"/", nil, apiKey("inbox")).Map(t)
	if got["contact"].(map[string]any)["id"] != contact1 {
		t.Fatalf("conversation contact %v, want %s", got["contact"], contact1)
	}
}
