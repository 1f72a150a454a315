package brightpattern_test

import (
	"context"
	"testing"
	"time"

	"github.com/switchboard-sim/switchboard/simulator/switchboardtest"
)

// manualChat opens a chat with the automatic agent off, and drains its
// first events, so the test alone decides what happens.
func manualChat(t *testing.T, c *client) string {
	t.Helper()
	setService(t, c.sb, c.tenant(), map[string]any{"auto_agent": false})
	chat := c.requestChat(nil)
	if evs := c.poll(chat); find(evs, "chat_session_status") == nil {
		t.Fatalf("first poll = %v, want the queued status", names(evs))
	}
	return chat
}

func waitPolling(t *testing.T, c *client, chat string, want bool) {
	t.Helper()
	switchboardtest.Eventually(t, 0, "poll state", func() bool { return chats(t, c.sb, c.tenant())[chat].Polling == want })
}

// TestConcurrentPolls: while one poll is held, a second on the same chat
// gets 400, and the first still gets the next event.
func TestConcurrentPolls(t *testing.T) {
	t.Parallel()
	sb := start(t, 30*time.Second)
	c := newClient(t, sb, "SwitchboardWebChat", "dev-concurrent")
	chat := manualChat(t, c)

	first := make(chan []event, 1)
	go func() {
		r, err := c.send(context.Background(), "GET", c.url("chats/"+chat+"/events"), nil, nil)
		var out events
		if err == nil && r.Status == 200 {
			_ = jsonUnmarshal(r.Body, &out)
		}
		first <- out.Events
	}()
	waitPolling(t, c, chat, true)
	r := c.must(400, "GET", "chats/"+chat+"/events", nil)
	var e struct {
		Code int    `json:"error_code"`
		Msg  string `json:"error_message"`
	}
	r.decode(t, &e)
	if e.Code != 400 || e.Msg == "" {
		t.Fatalf("second poll body = %s", r.Body)
	}
	drive(t, sb, c.tenant(), chat, map[string]any{"action": "join"})
	got := <-first
	if find(got, "chat_session_party_joined") == nil {
		t.Fatalf("held poll got %v, want the join", names(got))
	}
}

// TestHeldPollReturnsEmpty: a poll with nothing to deliver ends with
// {"events":[]} after the hold, and the next poll loses nothing.
func TestHeldPollReturnsEmpty(t *testing.T) {
	t.Parallel()
	sb := start(t, 300*time.Millisecond)
	c := newClient(t, sb, "SwitchboardWebChat", "dev-hold")
	chat := manualChat(t, c)
	began := time.Now()
	r := c.must(200, "GET", "chats/"+chat+"/events", nil)
	t.Logf("empty poll answered after %v (hold 300ms; measured, not asserted)", time.Since(began))
	if string(r.Body) != `{"events":[]}` {
		t.Fatalf("held poll = %s, want {\"events\":[]}", r.Body)
	}
	drive(t, sb, c.tenant(), chat, map[string]any{"action": "join"})
	drive(t, sb, c.tenant(), chat, map[string]any{"action": "say", "text": "one"})
	drive(t, sb, c.tenant(), chat, map[string]any{"action": "say", "text": "two"})
	got := c.poll(chat)
	var msgs []string
	for _, e := range got {
		if e.name() == "chat_session_message" {
			msgs = append(msgs, e.str("msg"))
		}
	}
	if len(msgs) != 2 || msgs[0] != "one" || msgs[1] != "two" {
		t.Fatalf("next poll = %v, want both messages in order", names(got))
	}
	if again := c.poll(chat); len(again) != 0 {
		t.Fatalf("events delivered twice: %v", names(again))
	}
}

// TestAbandonedPoll: a client that goes away mid-poll releases the chat at
// once, and the event that comes next waits for the next poll.
func TestAbandonedPoll(t *testing.T) {
	t.Parallel()
	sb := start(t, time.Minute) // longer than eventually waits: only the client leaving frees the chat
	c := newClient(t, sb, "SwitchboardWebChat", "dev-abandon")
	chat := manualChat(t, c)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		_, _ = c.send(ctx, "GET", c.url("chats/"+chat+"/events"), nil, nil)
	}()
	waitPolling(t, c, chat, true)
	cancel()
	<-done
	waitPolling(t, c, chat, false)
	drive(t, sb, c.tenant(), chat, map[string]any{"action": "join"})
	got := c.poll(chat)
	if find(got, "chat_session_party_joined") == nil {
		t.Fatalf("event after an abandoned poll = %v, want the join", names(got))
	}
}

// TestInactivity: a warning at half the timeout, the timeout at full, and
// then the chat is gone.
func TestInactivity(t *testing.T) {
	t.Parallel()
	sb := start(t, 300*time.Millisecond)
	c := newClient(t, sb, "SwitchboardWebChat", "dev-idle")
	chat := c.requestChat(nil)
	c.advance(5*time.Minute - time.Second)
	if find(c.poll(chat), "chat_session_timeout_warning") != nil {
		t.Fatal("warning before half the timeout")
	}
	c.advance(time.Second)
	w := find(c.poll(chat), "chat_session_timeout_warning")
	if w == nil || w.str("msg") == "" || w["timestamp"] == nil {
		t.Fatalf("no timeout warning at 5 minutes")
	}
	c.must(200, "GET", "chats/active", nil)
	c.advance(5 * time.Minute)
	got := c.poll(chat)
	to := find(got, "chat_session_inactivity_timeout")
	if to == nil || to.str("msg") == "" {
		t.Fatalf("no inactivity timeout at 10 minutes: %v", names(got))
	}
	if ts, _ := to["timestamp"].(float64); int64(ts) != time.Date(2025, 3, 3, 9, 10, 0, 0, time.UTC).UnixMilli() {
		t.Fatalf("timeout timestamp = %v, want the virtual clock's 09:10", to["timestamp"])
	}
	c.must(404, "GET", "chats/active", nil)
	c.must(404, "GET", "chats/"+chat+"/events", nil)
}

// TestActivityResetsInactivity: a customer message restarts the timer.
func TestActivityResetsInactivity(t *testing.T) {
	t.Parallel()
	sb := start(t, 300*time.Millisecond)
	c := newClient(t, sb, "SwitchboardWebChat", "dev-active")
	chat := c.requestChat(nil)
	c.advance(4 * time.Minute)
	c.sendEvent(chat, map[string]any{"event": "chat_session_message", "msg_id": "3", "msg": "still here"})
	c.advance(4 * time.Minute)
	for _, e := range c.poll(chat) {
		if e.name() == "chat_session_timeout_warning" {
			t.Fatal("warning although the customer wrote 4 minutes ago")
		}
	}
	c.advance(time.Minute)
	if find(c.poll(chat), "chat_session_timeout_warning") == nil {
		t.Fatal("no warning 5 minutes after the last message")
	}
}

// TestResetReleasesPoll: resetting the tenant ends a held poll at once.
func TestResetReleasesPoll(t *testing.T) {
	t.Parallel()
	sb := start(t, time.Minute)
	c := newClient(t, sb, "SwitchboardWebChat", "dev-reset")
	chat := manualChat(t, c)
	done := make(chan int, 1)
	go func() {
		r, err := c.send(context.Background(), "GET", c.url("chats/"+chat+"/events"), nil, nil)
		if err != nil {
			done <- 0
			return
		}
		done <- r.Status
	}()
	waitPolling(t, c, chat, true)
	sb.Admin.Reset(t, c.tenant())
	if st := <-done; st != 200 {
		t.Fatalf("poll after reset: %d", st)
	}
	c.must(404, "GET", "chats/active", nil)
}
