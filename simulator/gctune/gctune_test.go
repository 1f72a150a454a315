package gctune

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"

	"github.com/switchboard-sim/switchboard/simulator/switchboardtest"
)

func TestPercent(t *testing.T) {
	const mb = 1 << 20
	for _, c := range []struct {
		live, headroom uint64
		want           int
	}{
		{8 * mb, 64 * mb, 800},  // a small heap may grow by the headroom
		{64 * mb, 64 * mb, 100}, // at the headroom, the base
		{800 * mb, 64 * mb, 100},
		{16 * 1024, 64 * mb, MaxPercent}, // capped
		{0, 64 * mb, MaxPercent},
	} {
		if got := Percent(c.live, c.headroom, 100, MaxPercent); got != c.want {
			t.Errorf("Percent(%d, %d) = %d, want %d", c.live, c.headroom, got, c.want)
		}
	}
	if got := Percent(800*mb, 64*mb, 150, MaxPercent); got != 150 {
		t.Errorf("the base is a floor: got %d, want 150", got)
	}
}

// TestTunerFollowsCollections checks that the tuner raises GOGC for a small
// heap, keeps tuning after later collections, and puts GOGC back on Stop.
// It changes process-wide GC settings, so it does not run in parallel.
func TestTunerFollowsCollections(t *testing.T) {
	before := debug.SetGCPercent(100)
	defer debug.SetGCPercent(before)

	tu := Start(1 << 30) // far more than this test's live heap
	defer tu.Stop()
	if p := tu.Percent(); p != MaxPercent {
		t.Fatalf("GOGC after start = %d, want %d for a heap far below the headroom", p, MaxPercent)
	}
	// Simulate a base change another way: lower the tuner's setting by hand
	// and see the next collection's finalizer set it again.
	tu.mu.Lock()
	tu.percent = -2
	tu.mu.Unlock()
	runtime.GC()
	switchboardtest.Eventually(t, 5*time.Second, "the tuner to run after a collection", func() bool {
		runtime.GC()
		return tu.Percent() == MaxPercent
	})
	tu.Stop()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("GOGC after Stop = %d, want the base 100", got)
	}
}
