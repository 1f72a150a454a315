package tenant

import (
	"container/list"
	"context"
	"sync/atomic"
	"time"
)

// Busier is implemented by tenant states with work in flight that no clock
// timer shows (an AICC push being sent); a busy tenant is never evicted.
type Busier interface{ Busy() bool }

// Returner rebuilds a tenant that comes back after eviction (from the state
// file). It runs before any other request sees the tenant; requests it
// makes itself carry ctx, which Await lets through.
type Returner func(ctx context.Context, t *Tenant)

type restoringKey struct{}

// IsRestoring reports whether ctx belongs to the rebuilding of a returning
// tenant (such requests are not journalled or persisted again).
func IsRestoring(ctx context.Context) bool {
	return ctx != nil && ctx.Value(restoringKey{}) != nil
}

// evictState is per-tenant bookkeeping for eviction.
type evictState struct {
	lastUsed atomic.Int64 // wall-clock unix nanoseconds
	elem     *list.Element
	// ready is closed once a returning tenant is rebuilt (nil: nothing to wait for).
	ready   chan struct{}
	claimed atomic.Bool
	offset  time.Duration // clock ahead of the base clock when it was evicted
}

// evicted remembers how far ahead of the base clock an evicted tenant was.
type evicted struct{ offset time.Duration }

func (r *Registry) wallNow() time.Time {
	if r.opts.WallNow != nil {
		return r.opts.WallNow()
	}
	return time.Now()
}

// touchLocked marks t used now (for --tenant-idle and the LRU order).
func (r *Registry) touchLocked(t *Tenant) {
	t.ev.lastUsed.Store(r.wallNow().UnixNano())
	if t.ev.elem != nil && r.lru.Front() != t.ev.elem { // a busy tenant usually is the front already
		r.lru.MoveToFront(t.ev.elem)
	}
}

// touchFast marks t, the LRU front already, used now. The time is stored
// at most once a millisecond: idle eviction counts in minutes, and each
// store is a write to a cache line every core serving t reads.
func (r *Registry) touchFast(t *Tenant) {
	now := r.wallNow().UnixNano()
	if now-t.ev.lastUsed.Load() > int64(time.Millisecond) {
		t.ev.lastUsed.Store(now)
	}
}

// evictable: no pending timer with effects outside the tenant, no busy
// state. A tenant waiting for such timers stays until they fire; internal
// ones (a task's due date) are re-armed when it is rebuilt.
func (t *Tenant) evictable() bool {
	if t.ev.ready != nil {
		select {
		case <-t.ev.ready:
		default:
			return false // still being rebuilt
		}
	}
	if t.clock.Holding() > 0 {
		return false
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, s := range t.states {
		if b, ok := s.(Busier); ok && b.Busy() {
			return false
		}
	}
	return true
}

// evictLocked drops t from memory. Its access rules stay (they are keyed by
// id); with a Returner it is rebuilt when next used. The caller releases
// its states with r.release outside the registry lock (states take their
// own locks).
func (r *Registry) evictLocked(t *Tenant) {
	delete(r.tenants, t.id)
	if t.ev.elem != nil {
		r.lru.Remove(t.ev.elem)
	}
	r.gone[t.id] = evicted{offset: t.clock.Now().Sub(r.base.Now())}
	r.evictions++
}

func (r *Registry) release(ts ...*Tenant) {
	for _, t := range ts {
		t.Reset()
		t.clock.Close()
		if r.opts.OnEvict != nil {
			r.opts.OnEvict(t.id)
		}
	}
}

// Hold stops eviction (true) while a state file is replayed at start-up:
// a tenant evicted then could not be rebuilt from a file not yet open.
// Releasing it evicts what is over MaxTenants.
func (r *Registry) Hold(on bool) {
	r.lock()
	defer r.mu.Unlock()
	r.hold = on
	if !on {
		r.overLimitLocked(nil)
	}
}

// overLimitLocked evicts least recently used tenants past MaxTenants.
func (r *Registry) overLimitLocked(keep *Tenant) {
	if r.opts.MaxTenants <= 0 || r.hold {
		return
	}
	for e := r.lru.Back(); e != nil && len(r.tenants) > r.opts.MaxTenants; {
		prev := e.Prev()
		t := e.Value.(*Tenant)
		if t != keep && t.evictable() {
			r.evictLocked(t)
			go r.release(t)
		}
		e = prev
	}
}

// EvictIdle evicts every tenant unused for Options.Idle (wall clock) that
// has no pending timer, and returns how many it evicted.
func (r *Registry) EvictIdle() int {
	if r.opts.Idle <= 0 {
		return 0
	}
	r.lock()
	defer r.mu.Unlock()
	if r.hold {
		return 0
	}
	cutoff := r.wallNow().Add(-r.opts.Idle).UnixNano()
	var out []*Tenant
	for e := r.lru.Back(); e != nil; {
		prev := e.Prev()
		t := e.Value.(*Tenant)
		if t.ev.lastUsed.Load() > cutoff {
			break // the list is in order of use
		}
		if t.evictable() {
			r.evictLocked(t)
			out = append(out, t)
		}
		e = prev
	}
	r.mu.Unlock()
	r.release(out...)
	r.lock()
	return len(out)
}

// Evictions is how many tenants were evicted since start.
func (r *Registry) Evictions() int {
	r.lock()
	defer r.mu.Unlock()
	return r.evictions
}

// Await makes sure a tenant that came back after eviction is rebuilt
// before it is used: the first caller rebuilds it, the others wait. ctx of
// the rebuild itself passes through.
func (r *Registry) Await(ctx context.Context, t *Tenant) {
	if t == nil || t.ev.ready == nil || IsRestoring(ctx) {
		return
	}
	if t.ev.claimed.CompareAndSwap(false, true) {
		if r.opts.Returner != nil {
			r.opts.Returner(context.WithValue(context.Background(), restoringKey{}, t.id), t)
		}
		if at := r.base.Now().Add(t.ev.offset); at.After(t.Now()) {
			t.Clock().Set(at)
		}
		close(t.ev.ready)
		return
	}
	<-t.ev.ready
}

// StartJanitor evicts idle tenants every interval until stop is closed.
func (r *Registry) StartJanitor(interval time.Duration, stop <-chan struct{}, evicted func(n int)) {
	go func() {
		tick := time.NewTicker(interval)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
				if n := r.EvictIdle(); n > 0 && evicted != nil {
					evicted(n)
				}
			}
		}
	}()
}
