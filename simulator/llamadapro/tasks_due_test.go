package llamadapro

import (
	"encoding/json"
	"math/rand"
	"testing"
	"time"
)

// TestOneAdvancePastSeveralDueDatesStampsEachTaskAtItsOwn: the tenant's
// tasks share one clock timer, yet a single Advance past several due dates
// makes each task overdue at its own due instant, and moving, completing or
// deleting a task takes it off the schedule.
func TestOneAdvancePastSeveralDueDatesStampsEachTaskAtItsOwn(t *testing.T) {
	s := newTestState(t, "due-schedule")
	start := s.clock.Now()
	timers := s.clock.Pending() // the fixtures' scheduled tasks already have the tenant's timer
	create := func(due time.Duration) Task {
		at := start.Add(due)
		return s.CreateTask(NewTask{Objective: "o", CreatedBy: Party{ID: "1", Type: "user"}, AssignedTo: Party{ID: "2", Type: "user"}, DueDate: &at})
	}
	patch := func(id, key string, v any) {
		t.Helper()
		b, _ := json.Marshal(v)
		if _, err := s.UpdateTask(id, map[string]json.RawMessage{key: b}); err != nil {
			t.Fatal(err)
		}
	}
	a, b1, b2, c := create(3*time.Hour), create(2*time.Hour), create(2*time.Hour), create(time.Hour)
	moved, done, gone := create(4*time.Hour), create(90*time.Minute), create(5*time.Hour)
	patch(moved.ID, "dueDate", start.Add(30*time.Minute+500*time.Microsecond))
	patch(done.ID, "status", StatusCompleted)
	if _, err := s.DeleteTask(gone.ID); err != nil {
		t.Fatal(err)
	}
	if got := s.clock.Pending(); got != timers {
		t.Fatalf("clock holds %d timers after seven tasks with due dates, want still %d", got, timers)
	}

	s.clock.Advance(10 * time.Hour)

	want := map[string]time.Time{
		a.ID: start.Add(3 * time.Hour), b1.ID: start.Add(2 * time.Hour), b2.ID: start.Add(2 * time.Hour),
		c.ID: start.Add(time.Hour), moved.ID: start.Add(30 * time.Minute),
	}
	for id, at := range want {
		got, err := s.GetTask(id)
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != StatusOverdue || !got.UpdatedAt.Equal(at) {
			t.Errorf("%s: %s updated %v, want overdue updated at its due instant %v", id, got.Status, got.UpdatedAt, at)
		}
	}
	if got, _ := s.GetTask(done.ID); got.Status != StatusCompleted {
		t.Errorf("completed task went %s", got.Status)
	}
	if _, err := s.GetTask(gone.ID); err == nil {
		t.Error("deleted task came back")
	}
}

// TestNoScheduledTaskOutlivesItsDueDate drives random creates, updates,
// deletes and advances: after each, no task is still scheduled past its due
// date, and the schedule holds exactly the scheduled tasks that have one.
func TestNoScheduledTaskOutlivesItsDueDate(t *testing.T) {
	for seed := int64(1); seed <= 20; seed++ {
		s := newTestState(t, "due-random")
		rng := rand.New(rand.NewSource(seed))
		for round := 0; round < 10; round++ {
			randomTaskWrites(t, s, rng, 50)
			s.mu.Lock()
			now := s.clock.Now()
			armed := 0
			s.eachTask(func(r *task) {
				tk := s.wireOne(r)
				if tk.Status != StatusScheduled || tk.DueDate == nil {
					return
				}
				armed++
				if !tk.DueDate.After(now) {
					t.Errorf("seed %d: %s still scheduled at %v, due %v", seed, tk.ID, now, *tk.DueDate)
				}
			})
			if armed != s.due.set.Len() {
				t.Errorf("seed %d: %d scheduled tasks with a due date, %d on the schedule", seed, armed, s.due.set.Len())
			}
			if first, ok := s.due.set.At(0); ok && (s.due.timer == nil || !s.due.timer.At().Equal(first.at())) {
				t.Errorf("seed %d: timer not at the earliest due date %v", seed, first.at())
			}
			s.mu.Unlock()
		}
	}
}
