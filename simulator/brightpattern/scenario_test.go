package brightpattern_test

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/switchboard-sim/switchboard/simulator/switchboardtest"
)

// after advances the clock by d and returns every event delivered then.
func (c *client) after(chat string, d time.Duration) []event {
	c.t.Helper()
	if d > 0 {
		c.advance(d)
	}
	return c.poll(chat)
}

// expect fails unless evs are exactly the named events, in order.
func expect(t *testing.T, when string, evs []event, want ...string) {
	t.Helper()
	got := make([]string, len(evs))
	for i, e := range evs {
		got[i] = e.name()
	}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("%s: events %v, want %v", when, names(evs), want)
	}
}

func activate(t *testing.T, sb *switchboardtest.Instance, name, tenant string) {
	t.Helper()
	r := admin(t, sb, "POST", "/scenarios/"+name+"/activate?tenant="+url.QueryEscape(tenant), nil)
	if r.Status != 200 {
		t.Fatalf("activate %s: %d %s", name, r.Status, r.Body)
	}
}

const (
	joined  = "chat_session_party_joined"
	left    = "chat_session_party_left"
	message = "chat_session_message"
	typing  = "chat_session_typing"
	status  = "chat_session_status"
	ended   = "chat_session_ended"
	signal  = "chat_session_signaling"
	info    = "chat_session_info"
)

// TestScenarioAgentAnswers: chosen per chat, the scripted agent joins at
// 10 s, greets the customer by name and answers the order question; the
// default bot and agent never act on the chat.
func TestScenarioAgentAnswers(t *testing.T) {
	t.Parallel()
	sb := start(t, 20*time.Millisecond)
	c := newClient(t, sb, "ScenarioAnswers", "dev-1")
	chat := c.requestChat(map[string]any{"first_name": "Anna", "scenario": "brightpattern-agent-answers"})
	expect(t, "at 9s", c.after(chat, 9*time.Second), info, status)
	evs := c.after(chat, time.Second)
	expect(t, "at 10s", evs, status, joined)
	if evs[1].str("type") != "internal" || evs[1].str("first_name") == "" {
		t.Fatalf("joined %v", evs[1])
	}
	agent := evs[1].str("party_id")
	expect(t, "at 12s", c.after(chat, 2*time.Second), typing)
	evs = c.after(chat, 3*time.Second)
	expect(t, "at 15s", evs, message)
	if evs[0].str("msg") != "Hello Anna, how can I help you today?" || evs[0].str("party_id") != agent {
		t.Fatalf("greeting %v", evs[0])
	}
	c.sendEvent(chat, map[string]any{"event": "chat_session_message", "msg": "Where is order 12345?"})
	expect(t, "2s after the question", c.after(chat, 2*time.Second), typing)
	evs = c.after(chat, 3*time.Second)
	expect(t, "5s after the question", evs, message)
	if evs[0].str("msg") != "Order 12345 ships tomorrow." {
		t.Fatalf("answer %v", evs[0])
	}
	expect(t, "a minute later", c.after(chat, time.Minute))
}

// TestScenarioBotThenAgent: activated for the tenant, the bot joins at
// once, and "agent" gets a transfer to a named agent 30 s later.
func TestScenarioBotThenAgent(t *testing.T) {
	t.Parallel()
	sb := start(t, 20*time.Millisecond)
	c := newClient(t, sb, "ScenarioBot", "dev-1")
	activate(t, sb, "brightpattern-bot-then-agent", c.tenant())
	chat := c.requestChat(map[string]any{"first_name": "Bo"})
	evs := c.poll(chat)
	expect(t, "at once", evs, info, status, status, joined)
	if evs[3].str("type") != "scenario" || evs[3].str("display_name") != "Assistant" {
		t.Fatalf("bot %v", evs[3])
	}
	bot := evs[3].str("party_id")
	expect(t, "at 1s", c.after(chat, time.Second), message)
	c.sendEvent(chat, map[string]any{"event": "chat_session_message", "msg": "I want a human please"})
	evs = c.after(chat, time.Second)
	expect(t, "1s after", evs, message)
	if evs[0].str("party_id") != bot || evs[0].str("msg") != "Transferring you to an agent." {
		t.Fatalf("bot says %v", evs[0])
	}
	expect(t, "29s after", c.after(chat, 28*time.Second))
	evs = c.after(chat, 2*time.Second)
	expect(t, "30s after", evs, left, joined)
	if evs[0].str("party_id") != bot || evs[1].str("type") != "internal" || evs[1].str("first_name") == "Maria" {
		t.Fatalf("transfer %v", names(evs))
	}
	agent := evs[1].str("party_id")
	evs = c.after(chat, 3*time.Second)
	expect(t, "33s after", evs, message)
	if evs[0].str("party_id") != agent {
		t.Fatalf("the agent should speak: %v", evs[0])
	}
}

// TestScenarioFormAndFile: a form, then on "invoice" a message, a PDF the
// client downloads, and the end of the chat.
func TestScenarioFormAndFile(t *testing.T) {
	t.Parallel()
	sb := start(t, 20*time.Millisecond)
	c := newClient(t, sb, "ScenarioForm", "dev-1")
	chat := c.requestChat(map[string]any{"first_name": "Cy", "scenario": "brightpattern-form-and-file"})
	expect(t, "at 5s", c.after(chat, 5*time.Second), info, status, status, joined)
	evs := c.after(chat, 3*time.Second)
	expect(t, "at 8s", evs, "chat_session_form_show")
	if evs[0].str("form_name") != "ContactDetails" || evs[0].str("form_timeout") != "300" {
		t.Fatalf("form %v", evs[0])
	}
	c.sendEvent(chat, map[string]any{"event": "chat_session_message", "msg": "I need my invoice"})
	expect(t, "3s after", c.after(chat, 3*time.Second), message)
	evs = c.after(chat, 2*time.Second)
	expect(t, "5s after", evs, "chat_session_file")
	if evs[0].str("file_name") != "invoice.pdf" || evs[0].str("file_type") != "attachment" {
		t.Fatalf("file %v", evs[0])
	}
	r := c.must(200, "GET", "chats/"+chat+"/files/"+evs[0].str("file_id"), nil)
	if string(r.Body) != "Invoice for Cy" || !strings.HasPrefix(r.Header.Get("Content-Type"), "application/pdf") {
		t.Fatalf("file body %q (%s)", r.Body, r.Header.Get("Content-Type"))
	}
	expect(t, "20s after", c.after(chat, 15*time.Second), left, status, ended)
	c.must(404, "GET", "chats/active", nil)
}

// TestScenarioInactivityTimeout: the question goes unanswered and the chat
// ends with chat_session_inactivity_timeout 2 minutes later.
func TestScenarioInactivityTimeout(t *testing.T) {
	t.Parallel()
	sb := start(t, 20*time.Millisecond)
	c := newClient(t, sb, "ScenarioIdle", "dev-1")
	chat := c.requestChat(map[string]any{"scenario": "brightpattern-inactivity-timeout"})
	expect(t, "at 8s", c.after(chat, 8*time.Second), info, status, status, joined, message)
	expect(t, "at 2m7s", c.after(chat, 119*time.Second))
	evs := c.after(chat, time.Second)
	expect(t, "at 2m8s", evs, "chat_session_inactivity_timeout")
	if evs[0].str("msg") != "The chat was closed because of inactivity." {
		t.Fatalf("timeout %v", evs[0])
	}
	c.must(404, "GET", "chats/active", nil)
	c.must(404, "GET", "chats/"+chat+"/events", nil)
}

// TestScenarioNoAgentAvailable: nobody joins, and at 60 s the chat fails.
func TestScenarioNoAgentAvailable(t *testing.T) {
	t.Parallel()
	sb := start(t, 20*time.Millisecond)
	c := newClient(t, sb, "ScenarioNoAgent", "dev-1")
	chat := c.requestChat(map[string]any{"scenario": "brightpattern-no-agent-available"})
	expect(t, "at 59s", c.after(chat, 59*time.Second), info, status)
	evs := c.after(chat, time.Second)
	expect(t, "at 60s", evs, status)
	if evs[0].str("state") != "failed" || !strings.Contains(evs[0].str("msg"), "no agent is available") {
		t.Fatalf("failed %v", evs[0])
	}
	c.must(404, "GET", "chats/active", nil)
}

// TestScenarioVideoCall: the agent's call request and offer arrive as
// signaling events, which stay out of the history.
func TestScenarioVideoCall(t *testing.T) {
	t.Parallel()
	sb := start(t, 20*time.Millisecond)
	c := newClient(t, sb, "ScenarioVideo", "dev-1")
	chat := c.requestChat(map[string]any{"scenario": "brightpattern-video-call"})
	evs := c.after(chat, 5*time.Second)
	agent := evs[len(evs)-1].str("party_id")
	evs = c.after(chat, 5*time.Second)
	expect(t, "at 10s", evs, signal)
	data, _ := evs[0]["data"].(map[string]any)
	if data["type"] != "REQUEST_CALL" || data["offerVideo"] != true || evs[0].str("party_id") != agent {
		t.Fatalf("call request %v", evs[0])
	}
	evs = c.after(chat, 2*time.Second)
	expect(t, "at 12s", evs, signal)
	if data, _ = evs[0]["data"].(map[string]any); data["type"] != "OFFER_CALL" || !strings.HasPrefix(data["sdp"].(string), "v=0") {
		t.Fatalf("offer %v", evs[0])
	}
	if find(c.history(chat), signal) != nil {
		t.Fatal("signaling in the history")
	}
}

// TestScenarioServiceClosed: 5 minutes after activation open chats end,
// availability turns notAvailable and new chats get 503, until the
// control plane opens the service again.
func TestScenarioServiceClosed(t *testing.T) {
	t.Parallel()
	sb := start(t, 20*time.Millisecond)
	c := newClient(t, sb, "ScenarioClosed", "dev-1")
	activate(t, sb, "brightpattern-service-closed", c.tenant())
	chat := c.requestChat(nil)
	evs := c.after(chat, 10*time.Second)
	if find(evs, joined) == nil {
		t.Fatalf("the default agent should still serve chats before closing: %v", names(evs))
	}
	c.after(chat, 4*time.Minute+49*time.Second)
	evs = c.after(chat, time.Second)
	if len(evs) < 2 || evs[len(evs)-1].name() != ended || !strings.Contains(evs[0].str("msg"), "Opening hours") {
		t.Fatalf("closing: %v", names(evs))
	}
	var av struct{ Chat string }
	c.must(200, "GET", "availability", nil).decode(t, &av)
	if av.Chat != "notAvailable" {
		t.Fatalf("availability %q", av.Chat)
	}
	r := c.must(503, "POST", "chats", map[string]any{"parameters": map[string]any{}})
	if !contains(string(r.Body), "closed") {
		t.Fatalf("refusal %s", r.Body)
	}
	setService(t, sb, c.tenant(), map[string]any{"service_open": nil})
	c.requestChat(nil)
}

// TestScenarioParameterErrors: a bad scenario parameter is a 400 naming it,
// and no chat is created.
func TestScenarioParameterErrors(t *testing.T) {
	t.Parallel()
	sb := start(t, 20*time.Millisecond)
	c := newClient(t, sb, "ScenarioBad", "dev-1")
	for _, v := range []any{"no-such-scenario", "llamadapro-call-busy", 42} {
		r := c.must(400, "POST", "chats", map[string]any{"parameters": map[string]any{"scenario": v}})
		if !contains(string(r.Body), "parameters.scenario") {
			t.Fatalf("%v: %s", v, r.Body)
		}
	}
	c.must(404, "GET", "chats/active", nil)
	c.requestChat(map[string]any{"scenario": ""})
}

// TestScenarioTakesOverOpenChat: a tenant scenario activated while a chat
// is open answers its next message, and the default agent no longer does.
func TestScenarioTakesOverOpenChat(t *testing.T) {
	t.Parallel()
	sb := start(t, 20*time.Millisecond)
	c := newClient(t, sb, "ScenarioTakeOver", "dev-1")
	chat := c.requestChat(map[string]any{"first_name": "Ed"})
	if find(c.after(chat, 10*time.Second), message) == nil {
		t.Fatal("the default agent should greet first")
	}
	activate(t, sb, "brightpattern-agent-answers", c.tenant())
	c.sendEvent(chat, map[string]any{"event": "chat_session_message", "msg": "order 777"})
	evs := c.after(chat, time.Minute)
	expect(t, "a minute later", evs, typing, message)
	if evs[1].str("msg") != "Order 777 ships tomorrow." {
		t.Fatalf("answer %v", evs[1])
	}
}
