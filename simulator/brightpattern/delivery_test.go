package brightpattern_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"
)

// TestExactlyOnceMixedDelivery: while a client polls in a loop and also
// sends events (whose answers deliver too), every agent message arrives
// exactly once, and each path sees them in order.
func TestExactlyOnceMixedDelivery(t *testing.T) {
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
	count := map[string]int{}
	for _, stream := range [][]string{polled, answered} {
		prev := -1
		for _, m := range stream {
			count[m]++
			var k int
			if _, err := fmt.Sscan(m, &k); err == nil {
				if k <= prev {
					t.Fatalf("out of order: %d after %d", k, prev)
				}
				prev = k
			}
		}
	}
	for i := 0; i < n; i++ {
		if count[fmt.Sprint(i)] != 1 {
			t.Fatalf("message %d delivered %d times", i, count[fmt.Sprint(i)])
		}
	}
}
