package brightpattern_test

import (
	"context"
	"fmt"
	"net/http"
	"runtime"
	"sync"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/switchboard-sim/switchboard/simulator/switchboardtest"
)

// TestThousandLongPolls: 1,000 chats long-poll at once on one server; each
// gets every event exactly once and in order (its whole history), and once
// the clients leave the goroutine count returns to its baseline.
func TestThousandLongPolls(t *testing.T) {
	if testing.Short() {
		t.Skip("load test")
	}
	const n = 1000
	sb := start(t, 2*time.Second)
	transport := &http.Transport{MaxIdleConnsPerHost: n, MaxConnsPerHost: 0}
	hc := &http.Client{Transport: transport, Timeout: 2 * time.Minute}
	clients := make([]*client, n)
	ids := make([]string, n)
	for i := range clients {
		c := newClient(t, sb, "SwitchboardWebChat", fmt.Sprintf("load-%04d", i))
		c.http = hc
		clients[i] = c
		ids[i] = c.requestChat(nil)
	}
	tenant := clients[0].tenant()
	transport.CloseIdleConnections()
	baseline := goleak.IgnoreCurrent()
	before := runtime.NumGoroutine()

	got := make([][]event, n)
	errs := make(chan error, n)
	var wg sync.WaitGroup
	for i := range clients {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			c := clients[i]
			for {
				r, err := c.send(context.Background(), "GET", c.url("chats/"+ids[i]+"/events"), nil, nil)
				if err != nil || r.Status != 200 {
					errs <- fmt.Errorf("chat %d: %v %+v", i, err, r)
					return
				}
				var out events
				if err := jsonUnmarshal(r.Body, &out); err != nil {
					errs <- err
					return
				}
				got[i] = append(got[i], out.Events...)
				if find(out.Events, "chat_session_inactivity_timeout") != nil {
					return
				}
			}
		}(i)
	}
	switchboardtest.Eventually(t, 2*time.Minute, "every poll held", func() bool {
		for _, v := range chats(t, sb, tenant) {
			if !v.Polling && v.Pending == 0 {
				return false
			}
		}
		return true
	})
	peak := runtime.NumGoroutine()
	sb.Admin.Advance(t, tenant, 20*time.Second) // every agent joins and greets
	sb.Admin.Advance(t, tenant, 10*time.Minute) // every chat warns and times out
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	for i, c := range clients {
		want := c.history(ids[i])
		if len(got[i]) != len(want) {
			t.Fatalf("chat %d got %d events, history has %d: %v", i, len(got[i]), len(want), names(got[i]))
		}
		for j := range want {
			if fmt.Sprint(got[i][j]) != fmt.Sprint(want[j]) {
				t.Fatalf("chat %d event %d = %v, want %v", i, j, got[i][j], want[j])
			}
		}
	}
	transport.CloseIdleConnections()
	sb.Client.CloseIdleConnections() // the test's own keep-alive to the control plane
	t.Logf("goroutines: %d before, with %d polls held %d", before, n, peak)
	// Once the clients leave, every goroutine the polls started must be
	// gone: goleak reports any not alive at the baseline, polling while
	// connections wind down.
	var leak error
	defer func() {
		if leak != nil {
			t.Log(leak) // the leaked goroutines' stacks
		}
	}()
	switchboardtest.Eventually(t, 2*time.Minute, "the polls' goroutines to end", func() bool {
		leak = goleak.Find(baseline)
		return leak == nil
	})
}
