package llamadapro

import (
	"fmt"
	"math"
	"math/rand"
	"sort"
	"testing"
	"time"
)

func (n *dueNode) height() int {
	if n == nil {
		return 0
	}
	return 1 + max(n.left.height(), n.right.height())
}

// check verifies the treap's order, heap and subtree bounds.
func (n *dueNode) check(t *testing.T, lo, hi int64) {
	t.Helper()
	if n == nil {
		return
	}
	if n.seq <= lo || n.seq >= hi {
		t.Fatalf("seq %d outside (%d, %d)", n.seq, lo, hi)
	}
	want := n.due
	for _, c := range []*dueNode{n.left, n.right} {
		if c == nil {
			continue
		}
		if c.prio > n.prio {
			t.Fatal("heap order broken")
		}
		want = minDue(want, c.lo)
	}
	if n.lo != want {
		t.Fatalf("subtree lo of %d is %v, want %v", n.seq, n.lo, want)
	}
	n.left.check(t, lo, n.seq)
	n.right.check(t, n.seq, hi)
}

// TestDueWalkMatchesBruteForce compares the walk with a filter of every
// entry through random inserts and deletes, and checks that a one-sided
// range never enters more than (page + 1) × 2 × height nodes.
func TestDueWalkMatchesBruteForce(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewSource(7))
	var w dueWalk
	live := map[int64]taskDue{}
	seq := int64(0)
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	at := func() time.Time { return base.Add(time.Duration(rng.Intn(200)) * time.Minute) }
	bounded := 0
	for round := 0; round < 60; round++ {
		for i := 0; i < 50; i++ {
			if rng.Intn(4) == 0 && len(live) > 0 {
				for s := range live {
					w.remove(s)
					delete(live, s)
					break
				}
				continue
			}
			seq++
			d := dueOf(at(), seq)
			w.add(d)
			live[seq] = d
		}
		w.root.check(t, 0, math.MaxInt64)
		for q := 0; q < 20; q++ {
			var f TaskFilter
			b, a := at(), at()
			switch rng.Intn(3) {
			case 0:
				f.DueBefore = &b
			case 1:
				f.DueAfter = &a
			default:
				f.DueBefore, f.DueAfter = &b, &a
			}
			r := dueRangeOf(f)
			from := int64(math.MaxInt64)
			if rng.Intn(2) == 0 {
				from = rng.Int63n(seq + 1)
			}
			limit := 1 + rng.Intn(10)
			var want []int64
			for s, d := range live {
				if due := time.Unix(d.sec, int64(d.ns>>seqBits)); s <= from && (f.DueBefore == nil || due.Before(*f.DueBefore)) &&
					(f.DueAfter == nil || due.After(*f.DueAfter)) {
					want = append(want, s)
				}
			}
			sort.Slice(want, func(i, j int) bool { return want[i] > want[j] })
			want = want[:min(len(want), limit)]
			budget := -1
			if f.DueBefore == nil || f.DueAfter == nil {
				budget = (limit + 1) * 2 * (w.root.height() + 1)
				bounded++
			}
			var got []int64
			done := w.walk(from, r, budget, func(s int64) bool {
				got = append(got, s)
				return len(got) < limit
			})
			if !done {
				t.Fatalf("one-sided walk %+v from %d ran past %d nodes", f, from, budget)
			}
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Fatalf("walk %+v from %d limit %d:\n got %v\nwant %v", f, from, limit, got, want)
			}
		}
	}
	if bounded < 500 || len(live) < 1000 {
		t.Fatalf("compared too little: %d bounded walks, %d entries", bounded, len(live))
	}
}

// TestListTasksDueRangesMatchBruteForce pages GetTasks with due ranges
// through the walk (no direct sort of small ranges), with and without its
// fallback, against a filter and sort of every task.
func TestListTasksDueRangesMatchBruteForce(t *testing.T) {
	t.Parallel()
	for seed := int64(1); seed <= 3; seed++ {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			s := newTestState(t, fmt.Sprint("tasks-due-ref-", seed))
			rng := rand.New(rand.NewSource(seed))
			s.tix.gather = 0
			if seed == 3 {
				s.tix.walk = 0 // a two-sided range always falls back to sorting
			}
			pages := 0
			for round := 0; round < 5; round++ {
				randomTaskWrites(t, s, rng, 200)
				for q := 0; q < 30; q++ {
					f := randomTaskFilter(rng, s.clock.Now())
					if f.DueBefore == nil && f.DueAfter == nil {
						b := s.clock.Now().Add(time.Duration(rng.Intn(96)-24) * time.Hour)
						f.DueBefore = &b
					}
					after := int64(-1)
					for p := 0; p < 10; p++ {
						got, err := s.ListTasks(f)
						if err != nil {
							t.Fatal(err)
						}
						want, _ := refListTasks(s, f, after, f.Limit)
						if g, w := mustJSON(t, got), mustJSON(t, want); g != w {
							t.Fatalf("filter %+v after %d:\n got %s\nwant %s", f, after, g, w)
						}
						if got.NextPageToken == nil {
							break
						}
						pages++
						f.PageToken = *got.NextPageToken
						after, _ = decodePageToken(f.PageToken)
						if rng.Intn(3) == 0 {
							randomTaskWrites(t, s, rng, 4)
						}
					}
				}
			}
			if pages < 40 || len(s.tix.walks) == 0 {
				t.Fatalf("compared too little: %d next pages, %d walks", pages, len(s.tix.walks))
			}
		})
	}
}
