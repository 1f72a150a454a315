package aicc_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/switchboard-sim/switchboard/simulator/aicc"
	"github.com/switchboard-sim/switchboard/simulator/switchboardtest"
)

// TestManyConversationsSlowReceiver: 200 conversations push at once to a
// receiver that takes 100 ms per push. Nothing is lost, nothing is
// reordered within a conversation, and memory and goroutines stay bounded.
func TestManyConversationsSlowReceiver(t *testing.T) {
	if testing.Short() {
		t.Skip("load test")
	}
	const convs, perConv = 200, 3
	var mu sync.Mutex
	got := map[string][]string{}
	total := 0
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		time.Sleep(100 * time.Millisecond) // the receiver's own slowness
		var p aicc.PushBody
		if json.Unmarshal(body, &p) != nil {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		mu.Lock()
		for _, m := range p.Messages {
			got[m.To] = append(got[m.To], val(m.Content))
			total++
		}
		mu.Unlock()
		_, _ = w.Write([]byte(`{"resultCode":"0","resultDesc":"success."}`))
	}))
	defer slow.Close()

	e := start(t, aicc.Options{})
	e.subscribe(t, "ch-load", slow.URL, map[string]any{"mode": "none"})
	steps := make([]map[string]any, perConv)
	for i := range steps {
		steps[i] = map[string]any{"at": "1s", "messages": []aicc.MessageSpec{text(aicc.SourceAgent, fmt.Sprintf("m%d", i))}}
	}
	for i := 0; i < convs; i++ {
		e.startConv(t, map[string]any{"channelId": "ch-load", "userId": fmt.Sprintf("u%03d", i), "steps": steps})
	}
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	baseG := runtime.NumGoroutine()

	e.sb.Admin.Advance(t, e.tenant, time.Second) // every conversation pushes now
	maxG := 0
	switchboardtest.Eventually(t, 0, "every push received", func() bool {
		maxG = max(maxG, runtime.NumGoroutine())
		mu.Lock()
		defer mu.Unlock()
		return total >= convs*perConv
	})
	switchboardtest.Eventually(t, 0, "every attempt journalled", func() bool { return len(e.deliveries(t, "&outcome=success")) == convs*perConv })
	runtime.GC()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)

	mu.Lock()
	defer mu.Unlock()
	if total != convs*perConv || len(got) != convs {
		t.Fatalf("received %d messages from %d conversations, want %d from %d", total, len(got), convs*perConv, convs)
	}
	for user, seq := range got {
		if fmt.Sprint(seq) != "[m0 m1 m2]" {
			t.Fatalf("conversation of %s arrived as %v", user, seq)
		}
	}
	if failed := e.deliveries(t, "&outcome=failed"); len(failed) != 0 {
		t.Fatalf("%d failed attempts, first %+v", len(failed), failed[0])
	}
	// One goroutine per busy queue at most, plus HTTP connections on both ends.
	if limit := baseG + convs + 8*aicc.Workers; maxG > limit {
		t.Fatalf("goroutines peaked at %d, over %d", maxG, limit)
	}
	if grow := int64(after.HeapInuse) - int64(before.HeapInuse); grow > 64<<20 {
		t.Fatalf("heap grew by %d MiB", grow>>20)
	}
	t.Logf("600 pushes: goroutines %d -> peak %d; heap in use %d KiB -> %d KiB", baseG, maxG, before.HeapInuse>>10, after.HeapInuse>>10)
}
