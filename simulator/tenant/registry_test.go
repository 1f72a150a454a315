package tenant

import (
	"testing"
	"time"
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
