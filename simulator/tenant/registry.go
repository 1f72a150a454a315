package tenant

import (
	"container/list"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/switchboard-sim/switchboard/simulator/clock"
	"github.com/switchboard-sim/switchboard/simulator/errs"
)

// Access is what a credential may do.
type Access string

// The access levels.
const (
	ReadWrite Access = "read-write"
	ReadOnly  Access = "read-only"
	Revoked   Access = "revoked"
)

// AuthMode decides which credentials are accepted.
type AuthMode string

// The auth modes.
const (
	// AuthAny accepts every well-formed credential and creates its tenant.
	AuthAny AuthMode = "any"
	// AuthRegistered accepts only credentials that fixtures or the control plane registered.
	AuthRegistered AuthMode = "registered"
)

// Options configure a Registry. The zero value works: virtual clock at
// clock.DefaultStart, seed 0, any credential accepted.
type Options struct {
	Seed      int64
	ClockMode clock.Mode
	Start     time.Time
	Auth      AuthMode
	// MaxTenants, when positive, evicts the least recently used tenants
	// past this many (those without pending timers).
	MaxTenants int
	// Idle, when positive, lets EvictIdle evict tenants unused for this
	// long on the wall clock (those without pending timers).
	Idle time.Duration
	// Returner rebuilds an evicted tenant when it is next used (from the
	// state file); without it the tenant returns fresh from its fixtures.
	Returner Returner
	// OnEvict, when set, is told the id of every evicted tenant (outside
	// the registry's lock).
	OnEvict func(id string)
	// WallNow replaces time.Now for idle times (tests).
	WallNow func() time.Time
}

// Registry holds every tenant.
type Registry struct {
	mu         sync.Mutex
	opts       Options
	tenants    map[string]*Tenant
	access     map[string]Access
	registered map[string]bool
	base       *clock.Clock // the starting point for new tenants
	lru        *list.List   // of *Tenant, most recently used at the front
	gone       map[string]evicted
	evictions  int
	hold       bool
	ids        idCache
	// last is the latest credential Resolve served with no override, while
	// nothing else has taken mu since (lock clears it): its tenant is still
	// the LRU front and no access rule applies. A client repeating requests
	// with one key, the common case, is then resolved without mu.
	last atomic.Pointer[resolved]
}

type resolved struct {
	credential string
	t          *Tenant
}

// lock takes mu for anything but Resolve, and forgets Resolve's shortcut:
// whatever the caller changes (a tenant, the LRU order, access) is seen by
// the next Resolve.
func (r *Registry) lock() {
	r.mu.Lock()
	r.last.Store(nil)
}

// NewRegistry builds an empty registry.
func NewRegistry(opts Options) *Registry {
	if opts.ClockMode == "" {
		opts.ClockMode = clock.Virtual
	}
	if opts.Start.IsZero() && opts.ClockMode == clock.Virtual {
		opts.Start = clock.DefaultStart
	}
	if opts.Auth == "" {
		opts.Auth = AuthAny
	}
	return &Registry{
		opts:       opts,
		tenants:    map[string]*Tenant{},
		access:     map[string]Access{},
		registered: map[string]bool{},
		base:       clock.New(opts.ClockMode, opts.Start),
		lru:        list.New(),
		gone:       map[string]evicted{},
	}
}

// Seed is the global seed.
func (r *Registry) Seed() int64 { return r.opts.Seed }

// Register marks credentials as known, for AuthRegistered.
func (r *Registry) Register(credentials ...string) {
	r.lock()
	defer r.mu.Unlock()
	for _, c := range credentials {
		r.registered[ID(c)] = true
	}
}

// Resolve authorises a request's credential and returns the tenant it acts
// on: the credential's own, or the one named by override (the
// X-Switchboard-Tenant header). write says whether the request changes state.
func (r *Registry) Resolve(credential, override string, write bool) (*Tenant, error) {
	if l := r.last.Load(); l != nil && override == "" && l.credential == credential {
		r.touchFast(l.t)
		return l.t, nil
	}
	credID := r.ids.of(credential)
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.opts.Auth == AuthRegistered && !r.registered[credID] {
		return nil, errs.New(errs.Unauthorized, "credential is not registered")
	}
	id := credID
	if override != "" {
		if _, ok := r.tenants[override]; ok {
			id = override
		} else {
			id = ID(override)
		}
	}
	for _, k := range [2]string{credID, id} {
		if len(r.access) == 0 {
			break
		}
		switch r.access[k] {
		case Revoked:
			return nil, errs.New(errs.Unauthorized, "credential has been revoked")
		case ReadOnly:
			if write {
				return nil, errs.New(errs.Forbidden, "credential is read-only")
			}
		}
	}
	t := r.getLocked(id)
	if override == "" && len(r.access) == 0 {
		r.last.Store(&resolved{credential: strings.Clone(credential), t: t})
	} else {
		r.last.Store(nil)
	}
	return t, nil
}

// Get returns the tenant for a credential, creating it.
func (r *Registry) Get(credential string) *Tenant {
	r.lock()
	defer r.mu.Unlock()
	return r.getLocked(ID(credential))
}

func (r *Registry) getLocked(id string) *Tenant {
	t, ok := r.tenants[id]
	if !ok {
		start := r.base.Now()
		t = &Tenant{
			id:      id,
			seed:    r.opts.Seed,
			clock:   clock.New(r.opts.ClockMode, start),
			created: start,
			states:  map[string]any{},
			apis:    map[string]bool{},
			ev:      &evictState{},
		}
		if g, ok := r.gone[id]; ok {
			delete(r.gone, id)
			if r.opts.Returner != nil {
				// Rebuilt from the state file from its first instant, then
				// brought to the time it had (Await).
				t.clock.Set(r.start())
				t.ev.offset, t.ev.ready = g.offset, make(chan struct{})
			} else {
				t.clock.Set(start.Add(g.offset)) // fresh from fixtures, at the time it had
			}
		}
		r.tenants[id] = t
		t.ev.elem = r.lru.PushFront(t)
		r.overLimitLocked(t)
	}
	r.touchLocked(t)
	return t
}

// Lookup finds an existing tenant by id or by credential.
func (r *Registry) Lookup(idOrCredential string) (*Tenant, bool) {
	r.lock()
	defer r.mu.Unlock()
	if t, ok := r.tenants[idOrCredential]; ok {
		return t, true
	}
	t, ok := r.tenants[ID(idOrCredential)]
	return t, ok
}

// Ensure finds a tenant by id or credential, creating it when it does not
// exist yet. A value shaped like a tenant id (12 lower-case hex characters)
// is taken as the id, so a test that names a tenant by id before its first
// request acts on the tenant that request will use.
func (r *Registry) Ensure(idOrCredential string) *Tenant {
	r.lock()
	defer r.mu.Unlock()
	if t, ok := r.tenants[idOrCredential]; ok {
		return t
	}
	if looksLikeID(idOrCredential) {
		return r.getLocked(idOrCredential)
	}
	return r.getLocked(ID(idOrCredential))
}

func looksLikeID(s string) bool {
	if len(s) != 12 {
		return false
	}
	for _, c := range s {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// SetAccess changes what a credential (or tenant id) may do. It also
// registers the credential.
func (r *Registry) SetAccess(idOrCredential string, a Access) string {
	r.lock()
	defer r.mu.Unlock()
	id := idOrCredential
	if _, ok := r.tenants[id]; !ok {
		id = ID(idOrCredential)
	}
	r.registered[id] = true
	if a == ReadWrite {
		delete(r.access, id)
	} else {
		r.access[id] = a
	}
	return id
}

// Info describes a tenant for the control plane.
type Info struct {
	ID      string    `json:"id"`
	Access  Access    `json:"access"`
	APIs    []string  `json:"apis"`
	Now     time.Time `json:"now"`
	Created time.Time `json:"createdAt"`
	Timers  int       `json:"pendingTimers"`
}

// List describes every tenant, sorted by id.
func (r *Registry) List() []Info {
	r.lock()
	ts := make([]*Tenant, 0, len(r.tenants))
	access := map[string]Access{}
	for id, t := range r.tenants {
		ts = append(ts, t)
		access[id] = r.access[id]
	}
	r.mu.Unlock()
	sort.Slice(ts, func(i, j int) bool { return ts[i].id < ts[j].id })
	out := make([]Info, len(ts))
	for i, t := range ts {
		a := access[t.id]
		if a == "" {
			a = ReadWrite
		}
		out[i] = Info{ID: t.id, Access: a, APIs: t.APIs(), Now: t.Now(), Created: t.created, Timers: t.clock.Pending()}
	}
	return out
}

// Len is how many tenants are held.
func (r *Registry) Len() int {
	r.lock()
	defer r.mu.Unlock()
	return len(r.tenants)
}

// All returns every tenant.
func (r *Registry) All() []*Tenant {
	r.lock()
	defer r.mu.Unlock()
	out := make([]*Tenant, 0, len(r.tenants))
	for _, t := range r.tenants {
		out = append(out, t)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].id < out[j].id })
	return out
}

// BaseNow is the starting instant for new tenants.
func (r *Registry) BaseNow() time.Time { return r.base.Now() }

// AdvanceAll advances every tenant's clock and the starting point for new ones.
func (r *Registry) AdvanceAll(d time.Duration) {
	r.base.Advance(d)
	for _, t := range r.All() {
		t.clock.Advance(d)
	}
}

// SetAll sets every tenant's clock and the starting point for new ones.
func (r *Registry) SetAll(at time.Time) {
	r.base.Set(at)
	for _, t := range r.All() {
		t.clock.Set(at)
	}
}

// ResetAll returns every tenant to its fixtures; withClock also rewinds
// clocks to the configured start.
func (r *Registry) ResetAll(withClock bool) {
	if withClock {
		r.base.Set(r.start())
	}
	for _, t := range r.All() {
		t.Reset()
		if withClock {
			t.clock.Set(r.start())
		}
	}
}

// ResetTenant returns one tenant to its fixtures.
func (r *Registry) ResetTenant(t *Tenant, withClock bool) {
	t.Reset()
	if withClock {
		t.clock.Set(r.start())
	}
}

// start is the configured first instant: fixed for virtual clocks, the wall
// clock for real ones.
func (r *Registry) start() time.Time {
	if r.opts.ClockMode == clock.Real {
		return time.Now()
	}
	return r.opts.Start
}

// Close stops every clock.
func (r *Registry) Close() {
	r.base.Close()
	for _, t := range r.All() {
		t.Reset()
		t.clock.Close()
	}
}

// Mode is the clock mode of every tenant.
func (r *Registry) Mode() clock.Mode { return r.opts.ClockMode }

// EnsureID returns the tenant with exactly this id, creating it (used when
// replaying a state file, which names tenants by id).
func (r *Registry) EnsureID(id string) *Tenant {
	r.lock()
	defer r.mu.Unlock()
	return r.getLocked(id)
}
