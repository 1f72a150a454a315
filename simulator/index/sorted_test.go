package index

import (
	"math/rand"
	"sort"
	"testing"
)

func TestSortedMatchesASortedSlice(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	s := NewSorted(func(a, b int) bool { return a < b })
	ref := map[int]bool{}
	for i := 0; i < 5000; i++ {
		v := rng.Intn(2000)
		if rng.Intn(3) == 0 {
			if got, want := s.Delete(v), ref[v]; got != want {
				t.Fatalf("Delete(%d) = %v, want %v", v, got, want)
			}
			delete(ref, v)
		} else {
			s.Set(v)
			ref[v] = true
		}
		if i%250 != 0 {
			continue
		}
		var want []int
		for k := range ref {
			want = append(want, k)
		}
		sort.Ints(want)
		if s.Len() != len(want) {
			t.Fatalf("Len = %d, want %d", s.Len(), len(want))
		}
		for p := -1; p <= 2001; p += 37 {
			if got, want := s.Rank(p), sort.SearchInts(want, p); got != want {
				t.Fatalf("Rank(%d) = %d, want %d", p, got, want)
			}
		}
		for _, from := range []int{0, 1, len(want) / 2, max(len(want)-1, 0), len(want)} {
			var got []int
			s.AscendFrom(from, func(v int) bool { got = append(got, v); return len(got) < 5 })
			end := min(from+5, len(want))
			if from > len(want) {
				end = from
			}
			if len(got) != end-from {
				t.Fatalf("AscendFrom(%d) gave %v, want %v", from, got, want[from:end])
			}
			for j := range got {
				if got[j] != want[from+j] {
					t.Fatalf("AscendFrom(%d) gave %v, want %v", from, got, want[from:end])
				}
			}
		}
	}
}

func TestInternerNumbersFromOne(t *testing.T) {
	var in Interner
	if _, ok := in.Lookup("a"); ok {
		t.Fatal("Lookup on an empty interner found a")
	}
	a, b := in.ID("a"), in.ID("b")
	if a != 1 || b != 2 || in.ID("a") != 1 {
		t.Fatalf("ids a=%d b=%d, want 1, 2 and a stable", a, b)
	}
	if id, ok := in.Lookup("b"); !ok || id != 2 {
		t.Fatalf("Lookup(b) = %d, %v", id, ok)
	}
}
