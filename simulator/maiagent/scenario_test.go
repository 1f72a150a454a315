package maiagent_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/switchboard-sim/switchboard/simulator/maiagent"
	"github.com/switchboard-sim/switchboard/simulator/server"
	"github.com/switchboard-sim/switchboard/simulator/switchboardtest"
)

const (
	faqHours  = "We are open Monday to Friday, 9:00 to 18:00."
	faqRefund = "Refunds are processed within 5 business days of receiving the item."
	faqShip   = "Orders ship within 24 hours; delivery takes 2 to 4 days."
)

// receiver records the contents of webhook deliveries.
type receiver struct {
	mu  sync.Mutex
	got []string
	srv *httptest.Server
}

func newReceiver(t *testing.T) *receiver {
	r := &receiver{}
	r.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		b, _ := io.ReadAll(req.Body)
		var m map[string]any
		_ = json.Unmarshal(b, &m)
		r.mu.Lock()
		r.got = append(r.got, m["content"].(string))
		r.mu.Unlock()
	}))
	t.Cleanup(r.srv.Close)
	return r
}

func (r *receiver) contents() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string{}, r.got...)
}

// streamed asks q streaming and returns the content of every non-final event.
func streamed(t *testing.T, sb *switchboardtest.Instance, key string, body any) []string {
	t.Helper()
	resp := postStream(t, sb.Client, base(sb)+"/chatbots/"+bot1+"/completions/", key, body)
	defer resp.Body.Close()
	evs := readEvents(t, resp.Body)
	if len(evs) == 0 || !evs[len(evs)-1].Done {
		t.Fatalf("stream did not end with done: %+v", evs)
	}
	var out []string
	for _, ev := range evs[:len(evs)-1] {
		out = append(out, ev.Content)
	}
	return out
}

// TestFAQScenario runs the built-in maiagent-faq-answers end to end: once
// activated for a tenant, matching questions get its fixed answers
// (streamed 3 tokens per event, by webhook for Send Message (Create)),
// others the built-in answer; other tenants and deactivation are unaffected.
func TestFAQScenario(t *testing.T) {
	t.Parallel()
	sb := switchboardtest.Start(t)
	recv := newReceiver(t)
	if r := sb.Admin.Do(t, "POST", "/scenarios/maiagent-faq-answers/activate?tenant=faq", nil); r.Status != 200 {
		t.Fatalf("activate: %d %s", r.Status, r.Body)
	}
	sb.Admin.Do(t, "POST", "/maiagent/webhooks?tenant=faq", map[string]string{"url": recv.srv.URL})

	got, conv := ask(t, sb, "faq", bot1, hoursQ, "")
	if got != faqHours {
		t.Fatalf("opening hours: %q, want the scenario's %q", got, faqHours)
	}
	parts := streamed(t, sb, "faq", completion("Can I get a refund?", true, conv))
	if strings.Join(parts, "") != faqRefund || len(parts) != 4 || parts[0] != "Refunds are processed " {
		t.Fatalf("streamed refund answer %q, want %q in chunks of 3 tokens", parts, faqRefund)
	}
	if other, _ := ask(t, sb, "faq", bot1, "How do I reset my password?", conv); other == faqHours || other == "" {
		t.Fatalf("an unmatched question got %q, want the built-in answer", other)
	}
	r := sb.Do(t, "POST", base(sb)+"/messages/", map[string]any{"conversation": conv, "content": "When will my order ship?", "attachments": []any{}}, apiKey("faq"))
	if r.Status != 201 {
		t.Fatalf("create message: %d %s", r.Status, r.Body)
	}
	switchboardtest.Eventually(t, 0, "the webhook reply", func() bool { return len(recv.contents()) == 1 })
	if c := recv.contents(); c[0] != faqShip {
		t.Fatalf("webhook reply %q, want %q", c[0], faqShip)
	}
	var page msgPage
	sb.Do(t, "GET", base(sb)+"/messages/?conversation="+conv, nil, apiKey("faq")).JSON(t, &page)
	if page.Count != 8 {
		t.Fatalf("conversation has %d messages, want 8 (4 questions, 4 single replies)", page.Count)
	}

	if plain, _ := ask(t, sb, "other", bot1, hoursQ, ""); plain != hoursA {
		t.Fatalf("another tenant got %q, want the knowledge-base answer", plain)
	}
	sb.Admin.Do(t, "POST", "/scenarios/maiagent-faq-answers/deactivate?tenant=faq", nil)
	if after, _ := ask(t, sb, "faq", bot1, hoursQ, ""); after != hoursA {
		t.Fatalf("after deactivation: %q, want the knowledge-base answer", after)
	}
}

// TestScenarioPerConversation: message.metadata.switchboardScenario chooses
// a scenario for that conversation only; an unknown name is a 400.
func TestScenarioPerConversation(t *testing.T) {
	t.Parallel()
	sb := switchboardtest.Start(t)
	body := completion(hoursQ, false, "")
	body["message"].(map[string]any)["metadata"] = map[string]any{"switchboardScenario": "maiagent-faq-answers"}
	r := sb.Do(t, "POST", base(sb)+"/chatbots/"+bot1+"/completions/", body, apiKey("meta"))
	if r.Status != 200 || r.Map(t)["content"] != faqHours {
		t.Fatalf("chosen by metadata: %d %s", r.Status, r.Body)
	}
	conv := r.Map(t)["conversationId"].(string)
	if again, _ := ask(t, sb, "meta", bot1, "Do you ship abroad?", conv); again != faqShip {
		t.Fatalf("same conversation: %q, want %q", again, faqShip)
	}
	if fresh, _ := ask(t, sb, "meta", bot1, hoursQ, ""); fresh != hoursA {
		t.Fatalf("a new conversation got %q, want the knowledge-base answer", fresh)
	}
	body["message"].(map[string]any)["metadata"] = map[string]any{"switchboardScenario": "brightpattern-agent-answers"}
	bad := sb.Do(t, "POST", base(sb)+"/chatbots/"+bot1+"/completions/", body, apiKey("meta"))
	if bad.Status != 400 || !strings.Contains(string(bad.Body), `"message.metadata.switchboardScenario"`) {
		t.Fatalf("another API's scenario: %d %s, want 400 naming the field", bad.Status, bad.Body)
	}
}

const delayedScenario = `schemaVersion: 1
name: maiagent-test-delayed
description: Answers orders after 30 s, follows up tenant-wide after 10 minutes, streams 2 tokens per event.
api: maiagent
timeline:
  - when: chatRequested
    actions:
      - {do: pacing, with: {tokenDelay: 1ms, tokensPerChunk: 2}}
  - when: customerMessage
    pattern: '(?i)order\D*(?P<order>\d+)'
    actions:
      - {after: 30s, do: answers, with: {text: 'Order {{.Match.order}} is on its way.'}}
  - when: elapsed
    after: 10m
    actions:
      - {do: answers, with: {text: 'Anything else?'}}
`

// TestDelayedAnswers: a scenario answer due later is sent by webhook when
// the clock reaches it (and not before, with no built-in reply meanwhile);
// in a completion it is a follow-up message; a tenant-wide answer goes to
// every conversation; pacing groups streamed tokens.
func TestDelayedAnswers(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "delayed.yaml"), []byte(delayedScenario), 0o600); err != nil {
		t.Fatal(err)
	}
	sb := switchboardtest.Start(t, switchboardtest.WithConfig(func(c *server.Config) {
		c.Scenarios = dir
	}), switchboardtest.WithVendor(&maiagent.Vendor{Options: maiagent.Options{TokenDelay: time.Millisecond}}))
	recv := newReceiver(t)
	sb.Admin.Do(t, "POST", "/scenarios/maiagent-test-delayed/activate?tenant=late", nil)
	sb.Admin.Do(t, "POST", "/maiagent/webhooks?tenant=late", map[string]string{"url": recv.srv.URL})
	conv := sb.Do(t, "POST", base(sb)+"/conversations/", map[string]any{"webChat": webChat1}, apiKey("late")).Map(t)["id"].(string)
	sb.Do(t, "POST", base(sb)+"/messages/", map[string]any{"conversation": conv, "content": "Where is order 4711?", "attachments": []any{}}, apiKey("late"))
	sb.Admin.Advance(t, "late", 29*time.Second)
	var page msgPage
	sb.Do(t, "GET", base(sb)+"/messages/?conversation="+conv, nil, apiKey("late")).JSON(t, &page)
	if page.Count != 1 || len(recv.contents()) != 0 {
		t.Fatalf("before 30 s: %d messages, deliveries %q; want only the question", page.Count, recv.contents())
	}
	sb.Admin.Advance(t, "late", time.Second)
	switchboardtest.Eventually(t, 0, "the delayed reply", func() bool { return len(recv.contents()) == 1 })
	if c := recv.contents()[0]; c != "Order 4711 is on its way." {
		t.Fatalf("delayed reply %q", c)
	}

	parts := streamed(t, sb, "late", completion("Tell me about order 99", true, conv))
	if len(parts) < 2 || len(tokensOf(parts[0])) != 2 {
		t.Fatalf("paced stream %q, want 2 tokens per event", parts)
	}
	sb.Admin.Advance(t, "late", 30*time.Second)
	switchboardtest.Eventually(t, 0, "the follow-up", func() bool { return len(recv.contents()) == 2 })
	if c := recv.contents()[1]; c != "Order 99 is on its way." {
		t.Fatalf("follow-up %q", c)
	}
	other := sb.Do(t, "POST", base(sb)+"/conversations/", map[string]any{"webChat": webChat1}, apiKey("late")).Map(t)["id"].(string)
	sb.Admin.Advance(t, "late", 10*time.Minute)
	switchboardtest.Eventually(t, 0, "the tenant-wide answers", func() bool { return len(recv.contents()) == 4 })
	for _, c := range []string{conv, other} {
		sb.Do(t, "GET", base(sb)+"/messages/?conversation="+c, nil, apiKey("late")).JSON(t, &page)
		if page.Results[0].Content != "Anything else?" {
			t.Fatalf("conversation %s last message %q", c, page.Results[0].Content)
		}
	}
}

// TestDeferredRepliesInOrder: two messages the scenario answers later get
// their own replies, in order, each recorded against its own question.
func TestDeferredRepliesInOrder(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "delayed.yaml"), []byte(delayedScenario), 0o600); err != nil {
		t.Fatal(err)
	}
	sb := switchboardtest.Start(t, switchboardtest.WithConfig(func(c *server.Config) { c.Scenarios = dir }))
	recv := newReceiver(t)
	sb.Admin.Do(t, "POST", "/scenarios/maiagent-test-delayed/activate?tenant=fifo", nil)
	sb.Admin.Do(t, "POST", "/maiagent/webhooks?tenant=fifo", map[string]string{"url": recv.srv.URL})
	conv := sb.Do(t, "POST", base(sb)+"/conversations/", map[string]any{"webChat": webChat1}, apiKey("fifo")).Map(t)["id"].(string)
	for _, q := range []string{"order 1 please", "and order 2"} {
		sb.Do(t, "POST", base(sb)+"/messages/", map[string]any{"conversation": conv, "content": q, "attachments": []any{}}, apiKey("fifo"))
		sb.Admin.Advance(t, "fifo", 10*time.Second)
	}
	sb.Admin.Advance(t, "fifo", 30*time.Second)
	switchboardtest.Eventually(t, 0, "both replies", func() bool { return len(recv.contents()) == 2 })
	if c := recv.contents(); c[0] != "Order 1 is on its way." || c[1] != "Order 2 is on its way." {
		t.Fatalf("replies %q", c)
	}
	var recs struct {
		Results []struct{ InputMessage, OutputMessage string }
	}
	sb.Do(t, "GET", base(sb)+"/chatbots/"+bot1+"/records/", nil, apiKey("fifo")).JSON(t, &recs)
	if len(recs.Results) != 2 || recs.Results[0].InputMessage != "and order 2" || recs.Results[0].OutputMessage != "Order 2 is on its way." {
		t.Fatalf("records %+v", recs.Results)
	}
}

func tokensOf(s string) []string { return strings.Fields(s) }
