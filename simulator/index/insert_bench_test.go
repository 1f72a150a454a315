package index

import "testing"

// Inserts in arrival order, as ids and clock times arrive: newest first
// (the task lists' order) and oldest first. NoHint is the B-tree's own Set,
// for comparison with Sorted.Set's path hint.
func benchInsert(b *testing.B, less func(a, b int64) bool, hint bool) {
	s := NewSorted(less)
	b.ReportAllocs()
	var i int64
	for b.Loop() {
		i++
		if hint {
			s.Set(i)
		} else {
			s.tr.Set(i)
		}
	}
}

func newest(a, b int64) bool { return a > b }
func oldest(a, b int64) bool { return a < b }

func BenchmarkInsertNewestFirst(b *testing.B)       { benchInsert(b, newest, true) }
func BenchmarkInsertNewestFirstNoHint(b *testing.B) { benchInsert(b, newest, false) }
func BenchmarkInsertOldestFirst(b *testing.B)       { benchInsert(b, oldest, true) }
func BenchmarkInsertOldestFirstNoHint(b *testing.B) { benchInsert(b, oldest, false) }
