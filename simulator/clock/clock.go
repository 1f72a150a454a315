// Package clock is the simulator's time source. Domain code never calls
// time.Now: it asks a Clock, so tests and scenarios can move time and every
// timer fires, in order, when the clock passes it.
package clock

import (
	"container/heap"
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

// Mode selects how a clock moves.
type Mode string

const (
	// Virtual clocks start at a fixed instant and move only when advanced or set.
	Virtual Mode = "virtual"
	// Real clocks follow the wall clock; Advance adds an offset.
	Real Mode = "real"
)

// DefaultStart is where virtual clocks begin: a Monday morning inside every
// fixture's business hours.
var DefaultStart = time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC)

// ParseStart reads the first instant of a virtual clock (--clock-start):
// RFC 3339, or the zero time for "" (meaning DefaultStart).
func ParseStart(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("--clock-start: %w", err)
	}
	return t, nil
}

// CheckStart reports a start instant given to a real clock. A real clock
// reads the wall clock and Advance adds an offset to it, so a starting
// instant belongs to virtual mode only: with real it is a usage error.
func CheckStart(mode Mode, start time.Time) error {
	if mode == Real && !start.IsZero() {
		return fmt.Errorf("--clock-start sets the first instant of a virtual clock; --clock real follows the wall clock " +
			"(drop --clock-start, or move a real clock with POST /__admin/clock/advance)")
	}
	return nil
}

// Clock is one tenant's time. The zero value is not usable; use New.
type Clock struct {
	mu   sync.Mutex
	mode Mode
	// now (virtual: the current instant) and offset (real: added to the
	// wall clock) are written under mu but read without it: every request
	// reads its tenant's clock, often on both cores at once.
	now    atomic.Pointer[time.Time]
	offset atomic.Int64 // a time.Duration
	timers timerHeap
	seq    uint64
	wall   *time.Timer // real mode: wakes the clock for its next timer
	closed bool
	firing sync.Mutex // serialises timer callbacks so they run in order
}

// New returns a clock in the given mode. For Virtual, start is the first
// instant; for Real, start-time.Now() becomes the offset (zero start means none).
func New(mode Mode, start time.Time) *Clock {
	c := &Clock{mode: mode}
	if mode == Real {
		if !start.IsZero() {
			c.offset.Store(int64(time.Until(start)))
		}
	} else {
		c.mode = Virtual
		c.setNow(start.UTC())
	}
	return c
}

// setNow moves a virtual clock; the caller holds mu, or owns c.
func (c *Clock) setNow(t time.Time) { c.now.Store(&t) }

// Mode reports how the clock moves.
func (c *Clock) Mode() Mode { return c.mode }

// Now is the clock's current instant, in UTC.
func (c *Clock) Now() time.Time {
	if c.mode == Real {
		return time.Now().Add(time.Duration(c.offset.Load())).UTC()
	}
	return *c.now.Load()
}

// Timer is a scheduled callback.
type Timer struct {
	at      time.Time
	seq     uint64
	fn      func()
	index   int
	stopped bool
	// internal timers only change the tenant's own state, which rebuilding
	// the tenant re-arms; they do not keep an idle tenant in memory.
	internal bool
}

// At is when the timer fires.
func (t *Timer) At() time.Time { return t.at }

// At schedules fn to run when the clock reaches at. A time already passed
// fires on the next Advance, Set or Fire.
func (c *Clock) At(at time.Time, fn func()) *Timer {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.seq++
	t := &Timer{at: at.UTC(), seq: c.seq, fn: fn}
	heap.Push(&c.timers, t)
	c.rearmLocked()
	return t
}

// AtInternal is At for a timer whose effect stays inside the tenant (a
// task going overdue): rebuilding the tenant re-arms it, so it does not
// keep an idle tenant in memory (see Holding). Timers with effects outside
// (webhook pushes, scenario actions) use At.
func (c *Clock) AtInternal(at time.Time, fn func()) *Timer {
	t := c.At(at, fn)
	c.mu.Lock()
	t.internal = true
	c.mu.Unlock()
	return t
}

// Holding is the number of scheduled timers that are not internal: work
// that must happen on time, so the tenant stays in memory for it.
func (c *Clock) Holding() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for _, t := range c.timers {
		if !t.internal {
			n++
		}
	}
	return n
}

// After schedules fn to run d after the clock's current instant.
func (c *Clock) After(d time.Duration, fn func()) *Timer {
	return c.At(c.Now().Add(d), fn)
}

// Stop cancels t. It reports whether t was still pending.
func (c *Clock) Stop(t *Timer) bool {
	if t == nil {
		return false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if t.stopped || t.index < 0 {
		return false
	}
	t.stopped = true
	heap.Remove(&c.timers, t.index)
	return true
}

// Pending is the number of scheduled timers.
func (c *Clock) Pending() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.timers)
}

// CancelAll drops every pending timer (used when a tenant is reset).
func (c *Clock) CancelAll() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, t := range c.timers {
		t.stopped = true
		t.index = -1
	}
	c.timers = nil
}

// Advance moves the clock forward by d, firing every timer it passes in
// order. Each callback sees Now() equal to its own deadline.
func (c *Clock) Advance(d time.Duration) {
	if d < 0 {
		d = 0
	}
	c.mu.Lock()
	if c.mode == Real {
		c.offset.Add(int64(d))
		c.mu.Unlock()
		c.Fire()
		return
	}
	target := c.Now().Add(d)
	c.mu.Unlock()
	c.runUntil(target)
}

// Set moves the clock to t. Moving backwards fires nothing; moving forwards
// fires every timer passed.
func (c *Clock) Set(t time.Time) {
	t = t.UTC()
	c.mu.Lock()
	if c.mode == Real {
		c.offset.Store(int64(time.Until(t)))
		c.mu.Unlock()
		c.Fire()
		return
	}
	if t.Before(c.Now()) {
		c.setNow(t)
		c.mu.Unlock()
		return
	}
	c.mu.Unlock()
	c.runUntil(t)
}

// Fire runs every timer already due, without moving a virtual clock.
func (c *Clock) Fire() { c.runUntil(time.Time{}) }

// runUntil fires due timers in deadline order; callbacks run without the
// clock's lock so they may schedule more timers, which fire in the same pass
// when they fall inside it. A zero target means "up to now".
func (c *Clock) runUntil(target time.Time) {
	c.firing.Lock()
	defer c.firing.Unlock()
	for {
		c.mu.Lock()
		limit := target
		if limit.IsZero() || c.mode == Real {
			limit = c.Now()
		}
		if len(c.timers) == 0 || c.timers[0].at.After(limit) {
			if c.mode == Virtual && !target.IsZero() && target.After(c.Now()) {
				c.setNow(target)
			}
			c.rearmLocked()
			c.mu.Unlock()
			return
		}
		t := heap.Pop(&c.timers).(*Timer)
		t.stopped = true
		if c.mode == Virtual && t.at.After(c.Now()) {
			c.setNow(t.at)
		}
		c.mu.Unlock()
		t.fn()
	}
}

// rearmLocked makes a real clock wake for its earliest timer.
func (c *Clock) rearmLocked() {
	if c.mode != Real || c.closed {
		return
	}
	if c.wall != nil {
		c.wall.Stop()
		c.wall = nil
	}
	if len(c.timers) == 0 {
		return
	}
	wait := c.timers[0].at.Sub(c.Now())
	if wait < 0 {
		wait = 0
	}
	c.wall = time.AfterFunc(wait, c.Fire)
}

// Close stops a real clock's wake-ups and drops its timers.
func (c *Clock) Close() {
	c.mu.Lock()
	c.closed = true
	if c.wall != nil {
		c.wall.Stop()
		c.wall = nil
	}
	c.mu.Unlock()
	c.CancelAll()
}

type timerHeap []*Timer

func (h timerHeap) Len() int { return len(h) }
func (h timerHeap) Less(i, j int) bool {
	if h[i].at.Equal(h[j].at) {
		return h[i].seq < h[j].seq
	}
	return h[i].at.Before(h[j].at)
}
func (h timerHeap) Swap(i, j int) {
	h[i], h[j] = h[j], h[i]
	h[i].index = i
	h[j].index = j
}
func (h *timerHeap) Push(x any) {
	t := x.(*Timer)
	t.index = len(*h)
	*h = append(*h, t)
}
func (h *timerHeap) Pop() any {
	old := *h
	n := len(old)
	t := old[n-1]
	old[n-1] = nil
	t.index = -1
	*h = old[:n-1]
	return t
}
