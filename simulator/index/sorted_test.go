package index

import (
	"fmt"
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

func TestSetMatchesASortedSliceAcrossItsTwoForms(t *testing.T) {
	rng := rand.New(rand.NewSource(9))
	for _, span := range []int{50, 400, 3000} { // stays small, crosses smallMax, grows big
		s := NewSet(func(a, b int) bool { return a > b }) // descending, as the task index uses it
		ref := map[int]bool{}
		for i := 0; i < 4000; i++ {
			v := rng.Intn(span)
			if rng.Intn(3) == 0 {
				if got, want := s.Delete(v), ref[v]; got != want {
					t.Fatalf("span %d: Delete(%d) = %v, want %v", span, v, got, want)
				}
				delete(ref, v)
			} else {
				s.Add(v)
				ref[v] = true
			}
			if i%200 != 0 {
				continue
			}
			var want []int
			for k := range ref {
				want = append(want, k)
			}
			sort.Sort(sort.Reverse(sort.IntSlice(want)))
			if s.Len() != len(want) {
				t.Fatalf("span %d: Len = %d, want %d", span, s.Len(), len(want))
			}
			for p := span + 1; p >= -1; p -= 1 + span/40 {
				rank := sort.Search(len(want), func(i int) bool { return want[i] <= p })
				if got := s.Rank(p); got != rank {
					t.Fatalf("span %d: Rank(%d) = %d, want %d", span, p, got, rank)
				}
				if v, ok := s.At(rank); ok != (rank < len(want)) || ok && v != want[rank] {
					t.Fatalf("span %d: At(%d) = %d, %v", span, rank, v, ok)
				}
				var got []int
				s.Ascend(p, func(v int) bool { got = append(got, v); return len(got) < 3 })
				var from []int
				s.AscendFrom(rank, func(v int) bool { from = append(from, v); return len(from) < 3 })
				w := want[rank:min(rank+3, len(want))]
				if fmt.Sprint(got) != fmt.Sprint(w) || fmt.Sprint(from) != fmt.Sprint(w) {
					t.Fatalf("span %d: Ascend(%d) = %v, AscendFrom(%d) = %v, want %v", span, p, got, rank, from, w)
				}
			}
		}
	}
}
