package brightpattern

import (
	"fmt"
	"math/rand"
	"reflect"
	"sort"
	"testing"
	"time"
)

// refHistory is the history the straightforward way: filter the log, sort it.
func refHistory(c *Chat) []Event {
	recs := make([]record, 0, len(c.log))
	for _, r := range c.log {
		if r.ev.Name() != EvSignaling {
			recs = append(recs, r)
		}
	}
	sort.SliceStable(recs, func(i, j int) bool {
		if recs[i].at.Equal(recs[j].at) {
			return recs[i].seq < recs[j].seq
		}
		return recs[i].at.Before(recs[j].at)
	})
	out := make([]Event, len(recs))
	for i, r := range recs {
		out[i] = r.ev
	}
	return out
}

// TestHistoryMatchesBruteForce adds random events, some stamped earlier
// than the last or at the same instant, and compares the history with a
// filter and sort of the whole log after each.
func TestHistoryMatchesBruteForce(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewSource(3))
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for run := 0; run < 20; run++ {
		c := newChat("c", "app", "key", "web", base)
		now := base
		for i := 0; i < 300; i++ {
			switch rng.Intn(4) {
			case 0: // same instant
			case 1:
				now = now.Add(-time.Duration(rng.Intn(5)) * time.Second) // out of order
			default:
				now = now.Add(time.Duration(rng.Intn(3)) * time.Second)
			}
			name := []string{EvMessage, EvSignaling, EvTyping, EvStatus}[rng.Intn(4)]
			c.add(Event{"event": name, "n": fmt.Sprint(i)}, now, rng.Intn(2) == 0)
			if i%25 == 0 || i == 299 {
				if got, want := c.history(), refHistory(c); !reflect.DeepEqual(got, want) {
					t.Fatalf("run %d after %d events:\n got %v\nwant %v", run, i+1, got, want)
				}
			}
		}
	}
}

// BenchmarkHistory is GetChatHistory of a chat with n events.
func BenchmarkHistory(b *testing.B) {
	for _, n := range []int{100, 10_000, 100_000} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
			c := newChat("c", "app", "key", "web", base)
			for i := 0; i < n; i++ {
				c.add(Event{"event": EvMessage, "n": i}, base.Add(time.Duration(i)*time.Second), i%2 == 0)
			}
			for b.Loop() {
				_ = c.history()
			}
			b.ReportMetric(float64(n), "events")
		})
	}
}
