package llamadapro

import (
	"fmt"
	"runtime"
	"testing"
	"time"
)

// benchSizes are the record counts every list benchmark runs at.
var benchSizes = []int{100, 10_000, 100_000}

// heapInUse is the live heap after a full collection.
func heapInUse() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// benchPerSize builds a state per size with fill (which returns how many
// records it added), reports the live heap per record added as
// heap-B/record, then times op.
func benchPerSize(b *testing.B, fill func(s *State, n int) int, op func(b *testing.B, s *State)) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			s := newTestState(b, fmt.Sprint("bench-", b.Name()))
			before := heapInUse()
			added := fill(s, n)
			perRecord := float64(heapInUse()-before) / float64(max(added, 1))
			b.ResetTimer()
			op(b, s)
			b.ReportMetric(perRecord, "heap-B/record") // after op: ResetTimer clears metrics
		})
	}
}

// fillTasks creates tasks until the tenant holds n, spread over a few
// statuses, conversations and assignees, most with a due date.
func fillTasks(s *State, n int) int {
	added := 0
	for i := len(s.tasks); i < n; i++ {
		in := NewTask{Context: TaskContext{ConversationID: int64(1000 + i%50)}, Objective: "bench",
			CreatedBy: Party{ID: "u_1", Type: "user"}, AssignedTo: Party{ID: fmt.Sprint(i % 20), Type: "user"}}
		if i%4 != 3 {
			due := s.clock.Now().Add(24*time.Hour + time.Duration(i%10000)*time.Minute)
			in.DueDate = &due
		}
		if i%5 == 4 {
			in.Status = StatusCompleted
		}
		s.CreateTask(in)
		added++
	}
	return added
}

func BenchmarkListTasks(b *testing.B) {
	benchPerSize(b, fillTasks, func(b *testing.B, s *State) {
		for b.Loop() {
			if _, err := s.ListTasks(TaskFilter{Status: StatusScheduled, Limit: 20}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkListTasksAssigneeAndDue(b *testing.B) {
	benchPerSize(b, fillTasks, func(b *testing.B, s *State) {
		before := s.clock.Now().Add(24*time.Hour + 5000*time.Minute)
		f := TaskFilter{Status: StatusScheduled, AssignedToID: "6", DueBefore: &before, Limit: 20}
		if p, _ := s.ListTasks(f); p.TotalCount == 0 {
			b.Fatal("the filter matches nothing")
		}
		for b.Loop() {
			if _, err := s.ListTasks(f); err != nil {
				b.Fatal(err)
			}
		}
	})
}
