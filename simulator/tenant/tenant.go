// Package tenant isolates state per credential. Every distinct credential is
// its own tenant, created on first use and filled lazily from fixtures, with
// its own virtual clock, so parallel tests never see each other.
package tenant

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/switchboard-sim/switchboard/simulator/clock"
)

// ID is a tenant's id: the first 12 hex characters of the SHA-256 of its
// credential, so it never reveals the key.
func ID(credential string) string {
	sum := sha256.Sum256([]byte(credential))
	return hex.EncodeToString(sum[:])[:12]
}

// idCache remembers the ids of recent credentials: a request's credential
// is nearly always one seen before, and hashing it again was a SHA-256 and
// two allocations per request. Bounded: when full it starts over.
type idCache struct {
	mu sync.RWMutex
	m  map[string]string
}

const idCacheSize = 4096

func (c *idCache) of(credential string) string {
	c.mu.RLock()
	id, ok := c.m[credential]
	c.mu.RUnlock()
	if ok {
		return id
	}
	id = ID(credential)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= idCacheSize {
		c.m = make(map[string]string, 64)
	}
	c.m[strings.Clone(credential)] = id
	return id
}

// Tenant is one isolated world.
type Tenant struct {
	id      string
	seed    int64
	clock   *clock.Clock
	created time.Time

	mu     sync.Mutex
	states map[string]any
	apis   map[string]bool
	// built is a copy of states, replaced (never changed) under mu, so that
	// State finds a built state without the lock: every request asks.
	built atomic.Pointer[map[string]any]

	ev *evictState
}

// ID is the tenant's id.
func (t *Tenant) ID() string { return t.id }

// Clock is the tenant's own clock.
func (t *Tenant) Clock() *clock.Clock { return t.clock }

// Now is the tenant clock's current instant.
func (t *Tenant) Now() time.Time { return t.clock.Now() }

// Seed derives a deterministic seed for one API's fake data in this tenant
// from the global seed, the tenant id and the API name.
func (t *Tenant) Seed(api string) uint64 {
	h := sha256.New()
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], uint64(t.seed))
	h.Write(b[:])
	h.Write([]byte(t.id))
	h.Write([]byte{0})
	h.Write([]byte(api))
	return binary.BigEndian.Uint64(h.Sum(nil)[:8])
}

// State returns this tenant's state for api, building it on first use.
// build runs under the tenant's lock, once per reset.
func (t *Tenant) State(api string, build func(*Tenant) any) any {
	if m := t.built.Load(); m != nil {
		if s, ok := (*m)[api]; ok {
			return s // built since the last reset, so api is in apis already
		}
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	t.apis[api] = true
	s, ok := t.states[api]
	if !ok {
		s = build(t)
		t.states[api] = s
		t.publishLocked()
	}
	return s
}

// publishLocked copies states to built.
func (t *Tenant) publishLocked() {
	m := make(map[string]any, len(t.states))
	for k, v := range t.states {
		m[k] = v
	}
	t.built.Store(&m)
}

// Peek returns api's state if it has been built.
func (t *Tenant) Peek(api string) (any, bool) {
	if m := t.built.Load(); m != nil {
		s, ok := (*m)[api]
		return s, ok
	}
	return nil, false
}

// PeekAs is Peek typed: api's state as a T, without building it; false
// when there is none yet or it is of another type.
func PeekAs[T any](t *Tenant, api string) (T, bool) {
	v, ok := t.Peek(api)
	if !ok {
		var zero T
		return zero, false
	}
	s, ok := v.(T)
	return s, ok
}

// Closer is implemented by states that own goroutines or timers.
type Closer interface{ Close() }

// Reset drops every API's state and pending timer, so the next request
// rebuilds the tenant from its fixtures. The clock keeps its time.
func (t *Tenant) Reset() {
	t.mu.Lock()
	states := t.states
	t.states = map[string]any{}
	t.publishLocked()
	t.mu.Unlock()
	t.clock.CancelAll()
	for _, s := range states {
		if c, ok := s.(Closer); ok {
			c.Close()
		}
	}
}

// APIs lists the APIs this tenant has used, sorted.
func (t *Tenant) APIs() []string {
	t.mu.Lock()
	defer t.mu.Unlock()
	out := make([]string, 0, len(t.apis))
	for a := range t.apis {
		out = append(out, a)
	}
	sort.Strings(out)
	return out
}
