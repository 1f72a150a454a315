package llamadapro_test

import (
	"sync"
	"testing"
	"time"
)

// TestConcurrentWritersAndClock sends messages, starts calls and lists
// contacts from several goroutines while the clock fires their timers.
func TestConcurrentWritersAndClock(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 5; i++ {
				for _, r := range []struct {
					method, path string
					body         any
				}{
					{"POST", "/api/v1/whatsapp/messages", map[string]any{"fromPhoneNumber": "+14155552671", "toPhoneNumber": "+56912345678", "content": "x", "type": "text"}},
					{"POST", "/api/v2/calls/agent", map[string]any{"toPhoneNumber": "+56912345678", "objectives": []any{"Say hi"}}},
					{"GET", "/api/v1/contacts?searchBy=jane", nil},
				} {
					if got := c.do(t, r.method, r.path, r.body); got.Status != 200 { // Errorf: not on the test goroutine
						t.Errorf("%s %s: %d %s", r.method, r.path, got.Status, got.Body)
					}
				}
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; i < 10; i++ {
			if r := c.sb.Do(t, "POST", c.sb.Admin.URL()+"/clock/advance?tenant="+c.key, map[string]any{"by": "30s"}); r.Status != 200 {
				t.Errorf("advance: %d %s", r.Status, r.Body)
			}
		}
	}()
	wg.Wait()
	c.advance(t, time.Hour)
	m := c.must(t, 200, "GET", "/api/v1/messages/msg_20", nil)
	if m["status"] != "read" {
		t.Errorf("message 20 = %v", m["status"])
	}
	if call := c.must(t, 200, "GET", "/api/v1/calls/7020", nil); call["status"] != "completed" {
		t.Errorf("call 7020 = %v", call["status"])
	}
}
