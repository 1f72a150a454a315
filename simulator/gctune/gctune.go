// Package gctune gives the garbage collector a floor of headroom. With the
// default GOGC=100 the next collection starts when the heap has grown by as
// much as is live; a simulator holding a few megabytes of state then
// collects every few megabytes of garbage, which at tens of thousands of
// requests a second is dozens of collections a second, each one stealing
// CPU and stalling the requests in flight (mark assists). After each
// collection the tuner sets GOGC so that the heap may grow by at least
// Headroom before the next one; once the live heap is larger than that,
// GOGC stays at its base and the runtime behaves as it always did.
//
// This is what a memory ballast did, without the ballast: nothing is
// allocated, and the resident set grows only by garbage that a collection
// would have found anyway.
package gctune

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// Tuner adjusts GOGC after every collection until Stop.
type Tuner struct {
	headroom uint64
	base     int // GOGC when the live heap exceeds headroom
	max      int

	mu      sync.Mutex
	stopped bool
	percent int // the GOGC last set
	sample  []metrics.Sample
}

// MaxPercent caps GOGC: with next to nothing live, the heap still collects
// after at most this many times its live size.
const MaxPercent = 2000

// Start tunes GOGC from now on so that the heap may grow by at least
// headroom bytes past the live heap before the next collection. The
// current GOGC (100 unless the GOGC environment variable says otherwise) is
// the base it never goes below.
func Start(headroom uint64) *Tuner {
	base := debug.SetGCPercent(100)
	debug.SetGCPercent(base)
	t := &Tuner{headroom: headroom, base: base, max: max(base, MaxPercent), percent: base,
		sample: []metrics.Sample{{Name: "/gc/heap/live:bytes"}}}
	if base <= 0 || headroom == 0 {
		t.stopped = true // GOGC=off, or nothing to do
		return t
	}
	t.tune()
	t.arm()
	return t
}

// Percent is the GOGC the tuner last set.
func (t *Tuner) Percent() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.percent
}

// Stop puts GOGC back to its base and stops tuning.
func (t *Tuner) Stop() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.stopped {
		return
	}
	t.stopped = true
	debug.SetGCPercent(t.base)
	t.percent = t.base
}

// sentinel is garbage on purpose: its finalizer runs after the collection
// that found it unreachable, which is when the live heap is known. It holds
// a pointer so it is not a tiny allocation batched with others.
type sentinel struct{ _ *byte }

func (t *Tuner) arm() {
	runtime.SetFinalizer(&sentinel{}, func(*sentinel) {
		if t.tune() {
			t.arm()
		}
	})
}

// tune sets GOGC from the live heap and says whether to keep tuning.
func (t *Tuner) tune() bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.stopped {
		return false
	}
	metrics.Read(t.sample)
	p := Percent(t.sample[0].Value.Uint64(), t.headroom, t.base, t.max)
	if p != t.percent {
		debug.SetGCPercent(p)
		t.percent = p
	}
	return true
}

// Percent is the GOGC that lets a heap with live bytes grow by at least
// headroom before it collects: never below base, never above limit.
func Percent(live, headroom uint64, base, limit int) int {
	if live == 0 {
		return limit
	}
	p := headroom * 100 / live
	if p >= uint64(limit) {
		return limit
	}
	return max(base, int(p))
}
