package switchboardtest

import (
	"testing"
	"time"
)

// DefaultWithin is how long Eventually waits when within is 0: far longer
// than any condition takes on a loaded machine, since a test that passes only
// on a fast one is worse than a slow failure.
const DefaultWithin = 30 * time.Second

// Eventually polls cond until it holds, failing the test (naming what it
// waited for) when within passes first; within 0 means DefaultWithin. The
// wait is for a condition, never for time itself: a test advances the
// simulator's clock to make time pass, and polls only for work running on
// other goroutines (pushes, webhooks, shutdown). cond runs on the test's
// goroutine, so it may call t.Fatal.
func Eventually(t testing.TB, within time.Duration, what string, cond func() bool) {
	t.Helper()
	if within <= 0 {
		within = DefaultWithin
	}
	deadline := time.Now().Add(within)
	pause := time.Millisecond
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %s waiting for %s", within, what)
			return
		}
		time.Sleep(pause) // the polling interval, not a wait for an event
		pause = min(2*pause, 20*time.Millisecond)
	}
}
