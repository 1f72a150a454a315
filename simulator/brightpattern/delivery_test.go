package brightpattern_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"
)

// TestExactlyOnceMixedDelivery: while a client polls in a loop and also
// sends events, the poll delivers every agent message exactly once, in
// order, whatever the Send Events answers also showed (reference 8.2: real
// clients ignore those answers). The answers show each message at most
// once, in order.
func TestExactlyOnceMixedDelivery(t *testing.T) {
	t.Parallel()
	sb := start(t, 200*time.Millisecond)
	c := newClient(t, sb, "SwitchboardWebChat", "dev-mixed")
	chat := manualChat(t, c)
	drive(t, sb, c.tenant(), chat, map[string]any{"action": "join"})

	const n = 150
	var mu sync.Mutex
	var polled, answered []string
	done := make(chan error, 1)
	go func() {
		for {
			r, err := c.send(context.Background(), "GET", c.url("chats/"+chat+"/events"), nil, nil)
			if err != nil || r.Status != 200 {
				done <- fmt.Errorf("poll: %v %+v", err, r)
				return
			}
			var out events
			_ = jsonUnmarshal(r.Body, &out)
			mu.Lock()
			for _, e := range out.Events {
				if e.name() == "chat_session_message" {
					polled = append(polled, e.str("msg"))
				}
			}
			last := len(polled) > 0 && polled[len(polled)-1] == "last"
			mu.Unlock()
			if last {
				done <- nil
				return
			}
		}
	}()
	for i := 0; i < n; i++ {
		drive(t, sb, c.tenant(), chat, map[string]any{"action": "say", "text": fmt.Sprint(i)})
		if i%5 == 0 {
			for _, e := range c.sendEvent(chat, map[string]any{"event": "chat_session_typing", "msg": "x"}) {
				if e.name() == "chat_session_message" {
					answered = append(answered, e.str("msg"))
				}
			}
		}
	}
	drive(t, sb, c.tenant(), chat, map[string]any{"action": "say", "text": "last"})
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	for _, stream := range [][]string{polled, answered} {
		prev := -1
		for _, m := range stream {
			var k int
			if _, err := fmt.Sscan(m, &k); err == nil {
				if k <= prev {
					t.Fatalf("out of order or repeated: %d after %d", k, prev)
				}
				prev = k
			}
		}
	}
	if len(polled) != n+1 {
		t.Fatalf("the poll delivered %d messages, want %d", len(polled), n+1)
	}
	for i := 0; i < n; i++ {
		if polled[i] != fmt.Sprint(i) {
			t.Fatalf("poll message %d = %q", i, polled[i])
		}
	}
}
