package gateway

import (
	"math/rand/v2"
	"sync"
	"testing"
)

func TestKeySetRemembersAndForgetsAsACache(t *testing.T) {
	s := keySet{max: 8}
	if s.has(42) {
		t.Fatal("an empty set has a key")
	}
	s.add(0)
	if s.has(0) {
		t.Fatal("the zero hash marks empty slots; it must not be kept")
	}
	// 2, 3 and 10 share a bucket (slots 2 and 3 of 8).
	s.add(2)
	s.add(3)
	if !s.has(2) || !s.has(3) || s.has(10) {
		t.Fatalf("has(2)=%v has(3)=%v has(10)=%v, want true true false", s.has(2), s.has(3), s.has(10))
	}
	s.add(10) // the bucket is full: 10 takes slot 0 (bit 63 is clear)
	if !s.has(10) || s.has(2) || !s.has(3) {
		t.Fatalf("after a full bucket: has(10)=%v has(2)=%v has(3)=%v, want true false true", s.has(10), s.has(2), s.has(3))
	}
	s.add(3) // present: nothing moves
	if !s.has(10) || !s.has(3) {
		t.Fatal("adding a present key evicted another")
	}
}

// Readers and writers at once, for the race detector; afterwards the table
// is nearly full, as random keys over 1,024 slots should leave it.
func TestKeySetIsSafeForConcurrentUse(t *testing.T) {
	s := keySet{max: 1024}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rand.New(rand.NewPCG(uint64(g), 1))
			for range 20000 {
				k := r.Uint64() | 1
				s.add(k)
				s.has(k)
				s.has(r.Uint64())
			}
		}()
	}
	wg.Wait()
	var kept int
	for i := range *s.table.Load() {
		if (*s.table.Load())[i].Load() != 0 {
			kept++
		}
	}
	if kept < 1000 {
		t.Fatalf("%d of 1024 slots in use after 80,000 adds", kept)
	}
}
