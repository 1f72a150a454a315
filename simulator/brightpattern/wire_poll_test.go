package brightpattern_test

import (
	"context"
	"fmt"
	"testing"
	"time"
)

// Tests named after reference 8.2's wire fact: "Neither client reads the
// answer of Send Events ... Every server event, including the
// chat_session_ended that follows a customer's chat_session_end, must
// therefore also arrive through Get New Chat Events."

// pollOnlyClient is a client that polls and never looks at a Send Events
// answer, as the official widget and the Node client do.
type pollOnlyClient struct {
	*client
	chat   string
	polled []event
}

// pollOnce polls once and stops the client on the events that end a
// session for the real clients. It reports whether the client stopped.
func (p *pollOnlyClient) pollOnce() bool {
	p.t.Helper()
	for _, e := range p.poll(p.chat) {
		p.polled = append(p.polled, e)
		if stops(e) {
			return true
		}
	}
	return false
}

// stops is the real clients' stop rule (reference 8.2).
func stops(e event) bool {
	return e.name() == "chat_session_ended" || e.name() == "chat_session_inactivity_timeout" ||
		e.name() == "chat_session_status" && e.str("state") == "failed"
}

// until polls, advancing the clock by step before each poll, until match.
func (p *pollOnlyClient) until(step time.Duration, match func(event) bool) {
	p.t.Helper()
	from := len(p.polled)
	for i := 0; i < 40; i++ {
		p.advance(step)
		p.pollOnce()
		for _, e := range p.polled[from:] {
			if match(e) {
				return
			}
		}
	}
	p.t.Fatalf("no matching event; polled %v", names(p.polled[from:]))
}

// send posts one client event, wrapped as the clients do, and drops the answer.
func (p *pollOnlyClient) send(ev map[string]any) {
	p.t.Helper()
	p.must(200, "POST", "chats/"+p.chat+"/events", map[string]any{"events": []any{ev}})
}

func fromAgent(chat string) func(event) bool {
	return func(e event) bool {
		return e.name() == "chat_session_message" && e.str("party_id") != chat
	}
}

// TestNeitherClientReadsSendEventsAnswers: a client that only polls sees a
// whole chat: the agent joins, messages both ways (the agent typing and
// replying), a form and the agent's answer to it, the customer ends the
// chat, and the poll brings party_left, completed and chat_session_ended,
// on which the client stops. Only after that does a poll get 404. Every
// server event of the history reached the poll exactly once, in order.
func TestNeitherClientReadsSendEventsAnswers(t *testing.T) {
	t.Parallel()
	for _, kind := range []string{"widget", "node"} {
		t.Run(kind, func(t *testing.T) {
			sb := start(t, 200*time.Millisecond)
			c := newClient(t, sb, "SwitchboardWebChat", "end-user-42")
			if kind == "widget" {
				c = newWidget(t, sb, "SwitchboardWebChat")
			}
			p := &pollOnlyClient{client: c}
			p.chat = c.requestChat(map[string]any{"first_name": "Anna"})

			p.until(time.Second, func(e event) bool {
				return e.name() == "chat_session_party_joined" && e.str("type") == "internal"
			})
			p.until(time.Second, fromAgent(p.chat)) // the greeting
			p.send(map[string]any{"event": "chat_session_message", "msg_id": "3", "msg": "where is my parcel?"})
			p.until(time.Second, fromAgent(p.chat)) // the reply
			p.send(map[string]any{"event": "chat_session_message", "msg_id": "5", "msg": "Can I fill in a form?"})
			p.until(time.Second, is("chat_session_form_show"))
			var form event
			for _, e := range p.polled {
				if e.name() == "chat_session_form_show" {
					form = e
				}
			}
			p.send(map[string]any{"event": "chat_session_form_data", "form_request_id": form.str("form_request_id"),
				"form_name": form.str("form_name"), "data": map[string]any{"phone": "+1 555 0100"}})
			p.until(time.Second, func(e event) bool { return fromAgent(p.chat)(e) && contains(e.str("msg"), "Thank you") })
			p.send(map[string]any{"event": "chat_session_end"})

			var stopped bool
			for i := 0; i < 3 && !stopped; i++ {
				stopped = p.pollOnce()
			}
			if !stopped {
				t.Fatalf("the poll never brought chat_session_ended; polled %v", names(p.polled))
			}
			tail := names(p.polled[len(p.polled)-3:])
			if want := fmt.Sprint([]string{"chat_session_party_left", "chat_session_status", "chat_session_ended"}); fmt.Sprint(tail) != want {
				t.Fatalf("the poll ended with %v, want %s", tail, want)
			}
			if st := p.polled[len(p.polled)-2].str("state"); st != "completed" {
				t.Fatalf("status before the end = %q, want completed", st)
			}
			c.must(404, "GET", "chats/"+p.chat+"/events", nil)

			var server []event
			for _, e := range c.history(p.chat) {
				if e.str("party_id") != p.chat { // client events carry the chat id
					server = append(server, e)
				}
			}
			if fmt.Sprint(names(server)) != fmt.Sprint(names(p.polled)) {
				t.Fatalf("polled %v\nhistory's server events %v", names(p.polled), names(server))
			}
		})
	}
}

// TestSendEventsAnswerStillListsNewEvents: the Send Events answer keeps
// the vendor's documented content (the server events it caused), and those
// events still reach the poll.
func TestSendEventsAnswerStillListsNewEvents(t *testing.T) {
	t.Parallel()
	sb := start(t, 200*time.Millisecond)
	c := newClient(t, sb, "SwitchboardWebChat", "dev-answer")
	chat := manualChat(t, c)
	drive(t, sb, c.tenant(), chat, map[string]any{"action": "join"})

	ans := c.sendEvent(chat, map[string]any{"event": "chat_session_end"})
	want := []string{"chat_session_status", "chat_session_party_joined", "chat_session_party_left", "chat_session_status", "chat_session_ended"}
	if fmt.Sprint(names(ans)) != fmt.Sprint(want) {
		t.Fatalf("Send Events answer = %v, want %v", names(ans), want)
	}
	if got := c.poll(chat); fmt.Sprint(names(got)) != fmt.Sprint(want) {
		t.Fatalf("poll after the answer = %v, want the same events %v", names(got), want)
	}
	c.must(404, "GET", "chats/"+chat+"/events", nil)
}

// TestSendEventsAnswerHandsEachEventOnce: an event already polled is not
// in a later answer, and an event already in an answer is not repeated in
// the next one.
func TestSendEventsAnswerHandsEachEventOnce(t *testing.T) {
	t.Parallel()
	sb := start(t, 200*time.Millisecond)
	c := newClient(t, sb, "SwitchboardWebChat", "dev-once")
	chat := manualChat(t, c)
	drive(t, sb, c.tenant(), chat, map[string]any{"action": "join"})
	c.poll(chat)
	drive(t, sb, c.tenant(), chat, map[string]any{"action": "say", "text": "one"})
	typing := map[string]any{"event": "chat_session_typing", "msg": "x"}
	if got := names(c.sendEvent(chat, typing)); fmt.Sprint(got) != "[chat_session_message(one)]" {
		t.Fatalf("first answer = %v", got)
	}
	if got := c.sendEvent(chat, typing); len(got) != 0 {
		t.Fatalf("second answer = %v, want nothing new", names(got))
	}
	if got := names(c.poll(chat)); fmt.Sprint(got) != "[chat_session_message(one)]" {
		t.Fatalf("poll = %v, want the message the answers showed", got)
	}
}

// TestHeldPollBringsTheEnd: a poll held while the customer ends the chat
// answers with the end, and only the poll after it gets 404.
func TestHeldPollBringsTheEnd(t *testing.T) {
	t.Parallel()
	sb := start(t, 30*time.Second)
	c := newClient(t, sb, "SwitchboardWebChat", "dev-held-end")
	chat := manualChat(t, c)
	drive(t, sb, c.tenant(), chat, map[string]any{"action": "join"})
	c.poll(chat)

	held := make(chan []event, 1)
	go func() {
		r, err := c.send(context.Background(), "GET", c.url("chats/"+chat+"/events"), nil, nil)
		var out events
		if err == nil && r.Status == 200 {
			_ = jsonUnmarshal(r.Body, &out)
		}
		held <- out.Events
	}()
	waitPolling(t, c, chat, true)
	c.must(200, "POST", "chats/"+chat+"/events", map[string]any{"events": []any{map[string]any{"event": "chat_session_end"}}})
	got := <-held
	for len(got) == 0 || !stops(got[len(got)-1]) {
		more := c.poll(chat)
		if len(more) == 0 {
			t.Fatalf("no chat_session_ended; got %v", names(got))
		}
		got = append(got, more...)
	}
	if fmt.Sprint(names(got)) != "[chat_session_party_left chat_session_status chat_session_ended]" {
		t.Fatalf("held poll brought %v", names(got))
	}
	c.must(404, "GET", "chats/"+chat+"/events", nil)
}

// TestEventsSendEventsCausesReachThePoll: events a Send Events call causes
// at once (a call rejected for want of an agent, the agent leaving on a
// disconnect) reach a client that only polls.
func TestEventsSendEventsCausesReachThePoll(t *testing.T) {
	t.Parallel()
	sb := start(t, 200*time.Millisecond)
	c := newClient(t, sb, "SwitchboardWebChat", "dev-caused")
	p := &pollOnlyClient{client: c, chat: manualChat(t, c)}
	p.send(map[string]any{"event": "chat_session_signaling", "msg_id": "3", "data": map[string]any{"type": "REQUEST_CALL", "offerVideo": false}})
	p.pollOnce()
	if e := find(p.polled, "chat_session_signaling"); e == nil || fmt.Sprint(e["data"]) == "" || !contains(fmt.Sprint(e["data"]), "CALL_REJECTED") {
		t.Fatalf("poll after REQUEST_CALL with no agent = %v, want CALL_REJECTED", names(p.polled))
	}
	drive(t, sb, c.tenant(), p.chat, map[string]any{"action": "join"})
	p.send(map[string]any{"event": "chat_session_disconnect"})
	from := len(p.polled)
	p.pollOnce()
	got := names(p.polled[from:])
	if fmt.Sprint(got) != "[chat_session_status chat_session_party_joined chat_session_party_left]" {
		t.Fatalf("poll after join and disconnect = %v", got)
	}
}
