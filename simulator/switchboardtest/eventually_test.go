package switchboardtest_test

import (
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/switchboard-sim/switchboard/simulator/switchboardtest"
)

// recorder is a testing.TB that keeps its failure instead of stopping.
type recorder struct {
	testing.TB
	failed string
}

func (r *recorder) Helper() {}
func (r *recorder) Fatalf(format string, args ...any) {
	r.failed = fmt.Sprintf(format, args...)
}

func TestEventuallyWaitsForAConditionOnAnotherGoroutine(t *testing.T) {
	var done atomic.Bool
	go func() {
		for range 3 {
			time.Sleep(time.Millisecond)
		}
		done.Store(true)
	}()
	r := &recorder{TB: t}
	switchboardtest.Eventually(r, 0, "the flag", done.Load)
	if r.failed != "" || !done.Load() {
		t.Fatalf("Eventually returned with the flag %v, failure %q", done.Load(), r.failed)
	}
}

func TestEventuallyFailsNamingWhatItWaitedFor(t *testing.T) {
	r := &recorder{TB: t}
	calls := 0
	switchboardtest.Eventually(r, 30*time.Millisecond, "the impossible", func() bool { calls++; return false })
	if !strings.Contains(r.failed, "waiting for the impossible") {
		t.Fatalf("failure %q does not name the condition", r.failed)
	}
	if calls < 2 {
		t.Fatalf("cond was checked %d times; Eventually must poll", calls)
	}
}
