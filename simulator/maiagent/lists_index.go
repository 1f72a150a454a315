package maiagent

import "github.com/switchboard-sim/switchboard/simulator/index"

// seqIndex holds items by creation sequence, newest first, in one set for
// all of them and one per group (an inbox, a conversation), so a page of a
// list reads O(page + log² n) items whatever the tenant holds. It is kept
// up to date where items are created or become visible; nothing in MaiAgent
// is deleted or moves between groups.
type seqIndex[T any] struct {
	bySeq map[int64]T
	all   *index.Set[int64]
	group map[string]*index.Set[int64]
}

func newestFirst(a, b int64) bool { return a > b }

func newSeqIndex[T any]() *seqIndex[T] {
	return &seqIndex[T]{bySeq: map[int64]T{}, all: index.NewSet(newestFirst), group: map[string]*index.Set[int64]{}}
}

// add indexes item under seq, in the list of all items and in group's.
func (x *seqIndex[T]) add(seq int64, group string, item T) {
	x.bySeq[seq] = item
	x.all.Add(seq)
	g := x.group[group]
	if g == nil {
		g = index.NewSet(newestFirst)
		x.group[group] = g
	}
	g.Add(seq)
}

// set is group's items, or every item when group is empty; nil when the group has none.
func (x *seqIndex[T]) set(group string) *index.Set[int64] {
	if group == "" {
		return x.all
	}
	return x.group[group]
}

// page is cursorPage over group's items; callers copy the results.
func (x *seqIndex[T]) page(group string, cur Cursor, size int) Page[T] {
	set := x.set(group)
	n := 0
	if set != nil {
		n = set.Len()
	}
	at := func(i int) int64 {
		v, _ := set.At(i)
		return v
	}
	idx, page := cursorPageAt[T](n, at, cur, size)
	page.Count = n
	page.Results = make([]T, 0, len(idx))
	if len(idx) > 0 {
		set.AscendFrom(idx[0], func(seq int64) bool {
			page.Results = append(page.Results, x.bySeq[seq])
			return len(page.Results) < len(idx)
		})
	}
	return page
}
