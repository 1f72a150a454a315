package tenant

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/switchboard-sim/switchboard/simulator/clock"
)

func TestEnsureByIDBeforeFirstUseIsTheCredentialsTenant(t *testing.T) {
	r := NewRegistry(Options{})
	byID := r.Ensure(ID("k1"))
	byCred, err := r.Resolve("k1", "", false)
	if err != nil || byID != byCred {
		t.Fatalf("tenant named by id %s before first use is not k1's tenant (%v)", ID("k1"), err)
	}
	if r.Ensure("k2") != r.Get("k2") {
		t.Fatal("a credential names its own tenant")
	}
}

func TestAccessAndOverride(t *testing.T) {
	r := NewRegistry(Options{})
	r.SetAccess("ro", ReadOnly)
	if _, err := r.Resolve("ro", "", true); err == nil {
		t.Fatal("a read-only credential wrote")
	}
	if _, err := r.Resolve("ro", "", false); err != nil {
		t.Fatalf("a read-only credential could not read: %v", err)
	}
	r.SetAccess("gone", Revoked)
	if _, err := r.Resolve("gone", "", false); err == nil {
		t.Fatal("a revoked credential was accepted")
	}
	a, _ := r.Resolve("k1", "", false)
	b, _ := r.Resolve("k2", a.ID(), false)
	if a != b {
		t.Fatal("X-Switchboard-Tenant with an existing id did not pick that tenant")
	}
}

func TestClocksAreIndependent(t *testing.T) {
	r := NewRegistry(Options{})
	a, b := r.Get("a"), r.Get("b")
	a.Clock().Advance(time.Hour)
	if !b.Now().Equal(r.BaseNow()) || a.Now().Sub(b.Now()) != time.Hour {
		t.Fatalf("a %v b %v", a.Now(), b.Now())
	}
	r.AdvanceAll(time.Minute)
	if c := r.Get("c"); !c.Now().Equal(b.Now()) {
		t.Fatalf("a new tenant starts at %v, want %v", c.Now(), b.Now())
	}
}

func held(r *Registry) []string {
	var out []string
	for _, t := range r.All() {
		out = append(out, t.ID())
	}
	return out
}

func TestMaxTenantsEvictsTheLeastRecentlyUsedWithoutTimers(t *testing.T) {
	r := NewRegistry(Options{MaxTenants: 2})
	a := r.Get("a")
	r.Get("b")
	fired := false
	a.Clock().After(time.Hour, func() { fired = true }) // a pending timer keeps a alive
	r.Get("c")
	if got, want := held(r), []string{ID("a"), ID("c")}; !equalSets(got, want) {
		t.Fatalf("held %v, want a (its timer is pending) and c: b, the oldest without timers, goes", got)
	}
	a.Clock().Advance(time.Hour)
	if !fired {
		t.Fatal("the kept tenant's timer did not fire")
	}
	r.Get("d") // now a has nothing pending and is the least recently used
	if got, want := held(r), []string{ID("c"), ID("d")}; !equalSets(got, want) {
		t.Fatalf("held %v, want c and d", got)
	}
	if r.Evictions() != 2 {
		t.Fatalf("evictions %d, want 2", r.Evictions())
	}
}

func TestIdleTenantsAreEvictedOnTheWallClock(t *testing.T) {
	wall := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	r := NewRegistry(Options{Idle: 10 * time.Minute, WallNow: func() time.Time { return wall }})
	r.Get("old")
	wall = wall.Add(6 * time.Minute)
	r.Get("new")
	busy := r.Get("busy")
	busy.Clock().After(time.Minute, func() {})
	wall = wall.Add(5 * time.Minute) // old idle 11 min, new and busy 5
	if n := r.EvictIdle(); n != 1 || r.Len() != 2 {
		t.Fatalf("evicted %d, held %v; want old evicted", n, held(r))
	}
	wall = wall.Add(time.Hour)
	if n := r.EvictIdle(); n != 1 || r.Len() != 1 || r.All()[0].ID() != ID("busy") {
		t.Fatalf("evicted %d, held %v; want only busy (pending timer) kept", n, held(r))
	}
}

// TestEvictedTenantReturnsFreshAtTheTimeItHad: without a Returner (no state
// file), a tenant comes back from its fixtures, its clock where it was.
func TestEvictedTenantReturnsFreshAtTheTimeItHad(t *testing.T) {
	r := NewRegistry(Options{MaxTenants: 1})
	a := r.Get("a")
	a.State("x", func(*Tenant) any { return "built" })
	a.Clock().Advance(90 * time.Minute)
	want := a.Now()
	r.Get("b")
	back := r.Get("a")
	if back == a {
		t.Fatal("a was not evicted")
	}
	r.Await(context.Background(), back)
	if _, ok := back.Peek("x"); ok || !back.Now().Equal(want) {
		t.Fatalf("returned with state %v at %v, want fresh at %v", ok, back.Now(), want)
	}
}

func TestReturnerRebuildsBeforeAnyoneElseSeesTheTenant(t *testing.T) {
	var r *Registry
	rebuilt := 0
	r = NewRegistry(Options{MaxTenants: 1, Returner: func(ctx context.Context, t *Tenant) {
		if !IsRestoring(ctx) {
			panic("the rebuild's context is not marked")
		}
		r.Await(ctx, t) // the rebuild's own requests pass
		rebuilt++
		t.State("x", func(*Tenant) any { return "rebuilt" })
	}})
	a := r.Get("a")
	a.Clock().Advance(time.Hour)
	r.Get("b")
	back := r.Get("a")
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r.Await(context.Background(), back)
			if v, _ := back.Peek("x"); v != "rebuilt" {
				t.Error("a caller saw the tenant before it was rebuilt")
			}
		}()
	}
	wg.Wait()
	if rebuilt != 1 || !back.Now().Equal(clock.DefaultStart.Add(time.Hour)) {
		t.Fatalf("rebuilt %d times, clock %v", rebuilt, back.Now())
	}
}

func equalSets(a, b []string) bool {
	sort.Strings(a)
	sort.Strings(b)
	return strings.Join(a, ",") == strings.Join(b, ",")
}

func TestIDCacheAgreesAndStaysBounded(t *testing.T) {
	var c idCache
	for i := range idCacheSize + 10 {
		cred := fmt.Sprintf("Bearer key-%d", i)
		for range 2 { // computed, then remembered
			if got, want := c.of(cred), ID(cred); got != want {
				t.Fatalf("of(%q) = %q, want %q", cred, got, want)
			}
		}
		if len(c.m) > idCacheSize {
			t.Fatalf("the cache holds %d ids, more than %d", len(c.m), idCacheSize)
		}
	}
}

// A credential resolved again takes Resolve's shortcut; anything that
// changes what Resolve would answer must end it.
func TestRepeatedResolveSeesEveryChange(t *testing.T) {
	wall := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	r := NewRegistry(Options{MaxTenants: 1, Idle: time.Minute, WallNow: func() time.Time { return wall }})
	first, _ := r.Resolve("k", "", true)
	if again, _ := r.Resolve("k", "", true); again != first {
		t.Fatal("a repeated credential resolved to another tenant")
	}
	r.SetAccess("k", ReadOnly)
	if _, err := r.Resolve("k", "", true); err == nil {
		t.Fatal("a credential made read-only still wrote")
	}
	r.SetAccess("k", Revoked)
	if _, err := r.Resolve("k", "", false); err == nil {
		t.Fatal("a revoked credential was still accepted")
	}
	r.SetAccess("k", ReadWrite)
	k, _ := r.Resolve("k", "", false)
	other, _ := r.Resolve("other", "", false) // MaxTenants 1: k is evicted
	if again, _ := r.Resolve("k", "", false); again == k || again == other {
		t.Fatal("an evicted tenant was handed out again")
	}
	if over, _ := r.Resolve("k", other.ID(), false); over == other {
		t.Fatal("the override named an evicted tenant and got it")
	}
	wall = wall.Add(2 * time.Minute)
	k, _ = r.Resolve("k", "", false)
	wall = wall.Add(30 * time.Second)
	if again, _ := r.Resolve("k", "", false); again != k {
		t.Fatal("a repeated credential resolved to another tenant")
	}
	wall = wall.Add(45 * time.Second) // 45 s after the last use, 75 s after the one before
	if n := r.EvictIdle(); n != 0 {
		t.Fatal("a tenant used 45 s ago was evicted as idle: the shortcut did not mark it used")
	}
}

// State is built once per reset, and Peek sees exactly what State built.
func TestStateIsBuiltOncePerReset(t *testing.T) {
	ten := NewRegistry(Options{}).Get("k")
	builds := 0
	build := func(*Tenant) any { builds++; return &builds }
	if _, ok := ten.Peek("api"); ok {
		t.Fatal("Peek found a state nothing built")
	}
	first := ten.State("api", build)
	if ten.State("api", build) != first || builds != 1 {
		t.Fatalf("built %d times, want once", builds)
	}
	if s, ok := ten.Peek("api"); !ok || s != first {
		t.Fatal("Peek does not see the built state")
	}
	ten.Reset()
	if _, ok := ten.Peek("api"); ok {
		t.Fatal("Peek sees a state after Reset")
	}
	ten.State("api", build)
	if builds != 2 || len(ten.APIs()) != 1 {
		t.Fatalf("built %d times, APIs %v; want a rebuild and one API", builds, ten.APIs())
	}
}
