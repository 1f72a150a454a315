package server

import (
	"runtime/debug"
	"sync"
	"time"

	"github.com/switchboard-sim/switchboard/simulator/gateway"
)

// reclaimer passes the gateway's observations on, and hands memory back to
// the OS once many open streams (long-polls, SSE) have closed. Each open
// stream holds a goroutine stack, connection buffers and its handler's
// state; when thousands close at once and the simulator then idles, no
// collection runs to find that memory free, and the runtime keeps it mapped:
// the resident set stayed at six times its size before the streams. A
// drop of at least a quarter of the open streams (and at least
// reclaimMinDrop of them) arms a timer, re-armed while streams keep closing;
// when it fires, debug.FreeOSMemory collects and returns what is free.
type reclaimer struct {
	next  gateway.Observer
	delay time.Duration
	free  func()

	mu    sync.Mutex
	open  int
	peak  int // the most streams open since the last reclaim
	timer *time.Timer
}

const reclaimMinDrop = 256

func newReclaimer(next gateway.Observer) *reclaimer {
	return &reclaimer{next: next, delay: 2 * time.Second, free: debug.FreeOSMemory}
}

func (r *reclaimer) Request(api, operation string, status int, took time.Duration, violations int, fault string) {
	r.next.Request(api, operation, status, took, violations, fault)
}

func (r *reclaimer) Stream(api, kind string, delta int) {
	r.next.Stream(api, kind, delta)
	r.mu.Lock()
	defer r.mu.Unlock()
	r.open += delta
	r.peak = max(r.peak, r.open)
	if delta >= 0 || r.peak-r.open < reclaimMinDrop || r.open > r.peak*3/4 {
		return
	}
	if r.timer == nil {
		r.timer = time.AfterFunc(r.delay, r.reclaim)
	} else {
		r.timer.Reset(r.delay)
	}
}

func (r *reclaimer) reclaim() {
	r.free()
	r.mu.Lock()
	r.peak = r.open
	r.mu.Unlock()
}
