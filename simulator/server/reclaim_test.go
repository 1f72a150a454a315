package server

import (
	"testing"
	"time"
)

type nopObserver struct{}

func (nopObserver) Request(string, string, int, time.Duration, int, string) {}
func (nopObserver) Stream(string, string, int)                              {}

// The timer's firing is simulated by calling reclaim: the test waits on no clock.
func TestMemoryIsReclaimedOnceManyStreamsClose(t *testing.T) {
	freed := 0
	r := &reclaimer{next: nopObserver{}, delay: time.Hour, free: func() { freed++ }}
	for range 1000 {
		r.Stream("a", "long-poll", 1)
	}
	// Long-polls answered and polling again: the count dips, nothing is armed.
	for range 300 {
		r.Stream("a", "long-poll", -1)
		r.Stream("a", "long-poll", 1)
	}
	for range 200 {
		r.Stream("a", "sse", -1)
	}
	if r.timer != nil {
		t.Fatal("a reclaim was armed by a drop of 200 of 1000 streams")
	}
	for range 700 {
		r.Stream("a", "long-poll", -1)
	}
	if r.timer == nil || !r.timer.Stop() {
		t.Fatal("no reclaim armed after 900 of 1000 streams closed")
	}
	r.reclaim()
	if freed != 1 || r.peak != 100 {
		t.Fatalf("freed %d times, peak %d; want once, and the peak reset to the 100 still open", freed, r.peak)
	}
	for range 50 {
		r.Stream("a", "long-poll", -1)
	}
	if r.timer.Stop() {
		t.Fatal("re-armed by a drop of 50")
	}
}
