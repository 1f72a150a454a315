// Package index holds the sorted structures behind the simulated APIs' list
// and search operations: a counted B-tree with positional access, so that a
// page costs O(page size + log n) whatever the number of records, and a
// string interner that keeps composite index keys small.
package index

import (
	"github.com/tidwall/btree"
)

// Sorted is an ordered set of T with positional access. It is not safe for
// concurrent use: callers guard it with the lock of the state it indexes.
type Sorted[T any] struct {
	tr *btree.BTreeG[T]
	// hint remembers the path of the last insert. Records mostly arrive in
	// order (a new id, the clock's now), so the next insert lands where the
	// last one did and each node's binary search is skipped.
	hint btree.PathHint
}

// NewSorted builds an empty set ordered by less, which must be a strict
// total order over the items that are ever stored together.
func NewSorted[T any](less func(a, b T) bool) *Sorted[T] {
	// NoLocks: every caller already holds its state's mutex.
	return &Sorted[T]{tr: btree.NewBTreeGOptions(less, btree.Options{NoLocks: true})}
}

// Set inserts v, replacing an item that orders equal to it.
func (s *Sorted[T]) Set(v T) { s.tr.SetHint(v, &s.hint) }

// Delete removes the item that orders equal to v and reports whether there was one.
func (s *Sorted[T]) Delete(v T) bool {
	_, ok := s.tr.Delete(v)
	return ok
}

// Len is the number of items.
func (s *Sorted[T]) Len() int { return s.tr.Len() }

// At is the item at position i (0 is the smallest).
func (s *Sorted[T]) At(i int) (T, bool) { return s.tr.GetAt(i) }

// Rank is the number of items that order before pivot, in O(log² n): a
// binary search over positions, each read in O(log n) from the node counts.
func (s *Sorted[T]) Rank(pivot T) int {
	lo, hi := 0, s.tr.Len()
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		v, _ := s.tr.GetAt(mid)
		if s.tr.Less(v, pivot) {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo
}

// Ascend calls fn for each item not before pivot, in order, until fn returns false.
func (s *Sorted[T]) Ascend(pivot T, fn func(T) bool) { s.tr.Ascend(pivot, fn) }

// AscendFrom calls fn for each item from position i on, in order, until fn returns false.
func (s *Sorted[T]) AscendFrom(i int, fn func(T) bool) {
	if i >= s.tr.Len() {
		return
	}
	if i <= 0 {
		s.tr.Scan(fn)
		return
	}
	v, _ := s.tr.GetAt(i)
	s.tr.Ascend(v, fn)
}

// Scan calls fn for every item in order until fn returns false.
func (s *Sorted[T]) Scan(fn func(T) bool) { s.tr.Scan(fn) }

// Interner numbers distinct strings from 1 so that index keys can hold a
// small integer instead of a string. Numbers are never reused.
type Interner struct {
	ids map[string]uint32
}

// ID is s's number, allotting the next one if s is new.
func (in *Interner) ID(s string) uint32 {
	if in.ids == nil {
		in.ids = map[string]uint32{}
	}
	if id, ok := in.ids[s]; ok {
		return id
	}
	id := uint32(len(in.ids) + 1)
	in.ids[s] = id
	return id
}

// Lookup is s's number without allotting one; false if s was never seen,
// in which case no indexed item can hold it.
func (in *Interner) Lookup(s string) (uint32, bool) {
	id, ok := in.ids[s]
	return id, ok
}
