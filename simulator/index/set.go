package index

import "sort"

// smallMax is the size up to which a Set stays a sorted slice: most keys
// of a composite index hold a handful of items, and a slice costs a few
// bytes per item where a B-tree costs a node.
const smallMax = 128

// Set is an ordered set that is a sorted slice while small and a counted
// B-tree once it grows past smallMax. Like Sorted it is not safe for
// concurrent use.
type Set[T any] struct {
	less  func(a, b T) bool
	small []T
	big   *Sorted[T]
}

// NewSet builds an empty set ordered by less (a strict total order).
func NewSet[T any](less func(a, b T) bool) *Set[T] { return &Set[T]{less: less} }

// Len is the number of items.
func (s *Set[T]) Len() int {
	if s.big != nil {
		return s.big.Len()
	}
	return len(s.small)
}

func (s *Set[T]) search(v T) int {
	return sort.Search(len(s.small), func(i int) bool { return !s.less(s.small[i], v) })
}

// Add inserts v, replacing an item that orders equal to it.
func (s *Set[T]) Add(v T) {
	if s.big != nil {
		s.big.Set(v)
		return
	}
	i := s.search(v)
	if i < len(s.small) && !s.less(v, s.small[i]) {
		s.small[i] = v
		return
	}
	if len(s.small) == smallMax {
		s.big = NewSorted(s.less)
		for _, x := range s.small {
			s.big.Set(x)
		}
		s.small = nil
		s.big.Set(v)
		return
	}
	var zero T
	s.small = append(s.small, zero)
	copy(s.small[i+1:], s.small[i:])
	s.small[i] = v
}

// Delete removes the item that orders equal to v and reports whether there was one.
func (s *Set[T]) Delete(v T) bool {
	if s.big != nil {
		return s.big.Delete(v)
	}
	i := s.search(v)
	if i == len(s.small) || s.less(v, s.small[i]) {
		return false
	}
	s.small = append(s.small[:i], s.small[i+1:]...)
	return true
}

// At is the item at position i (0 is the first in order).
func (s *Set[T]) At(i int) (T, bool) {
	if s.big != nil {
		return s.big.At(i)
	}
	if i < 0 || i >= len(s.small) {
		var zero T
		return zero, false
	}
	return s.small[i], true
}

// Rank is the number of items that order before pivot.
func (s *Set[T]) Rank(pivot T) int {
	if s.big != nil {
		return s.big.Rank(pivot)
	}
	return s.search(pivot)
}

// Ascend calls fn for each item not before pivot, in order, until fn returns false.
func (s *Set[T]) Ascend(pivot T, fn func(T) bool) {
	if s.big != nil {
		s.big.Ascend(pivot, fn)
		return
	}
	s.from(s.search(pivot), fn)
}

// AscendFrom calls fn for each item from position i on, in order, until fn returns false.
func (s *Set[T]) AscendFrom(i int, fn func(T) bool) {
	if s.big != nil {
		s.big.AscendFrom(i, fn)
		return
	}
	s.from(max(i, 0), fn)
}

func (s *Set[T]) from(i int, fn func(T) bool) {
	for ; i < len(s.small); i++ {
		if !fn(s.small[i]) {
			return
		}
	}
}
