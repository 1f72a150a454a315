package llamadapro

import (
	"encoding/json"
	"fmt"
	"math/rand"
	"sort"
	"testing"
	"time"
)

// refListTasks is GetTasks the straightforward way: filter every task,
// sort newest first, skip to the token, cut the page.
func refListTasks(s *State, f TaskFilter, after int64, limit int) (TaskPage, []int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var matched []*Task
	s.eachTask(func(r *task) {
		if t := s.wireOne(r); refTaskMatch(f, &t) {
			matched = append(matched, &t)
		}
	})
	sort.Slice(matched, func(i, j int) bool { return matched[i].seq > matched[j].seq })
	page := TaskPage{TotalCount: len(matched), Items: []Task{}}
	var seqs []int64
	for _, t := range matched {
		if after >= 0 && t.seq >= after {
			continue
		}
		if len(page.Items) == limit {
			tok := encodePageToken(seqs[len(seqs)-1])
			page.NextPageToken = &tok
			break
		}
		page.Items = append(page.Items, *t)
		seqs = append(seqs, t.seq)
	}
	return page, seqs
}

func refTaskMatch(f TaskFilter, t *Task) bool {
	switch {
	case f.Status != "" && t.Status != f.Status,
		f.ConversationID != nil && t.Context.ConversationID != *f.ConversationID,
		f.AssignedToType != "" && t.AssignedTo.Type != f.AssignedToType,
		f.AssignedToID != "" && t.AssignedTo.ID != f.AssignedToID,
		f.DueBefore != nil && (t.DueDate == nil || !t.DueDate.Before(*f.DueBefore)),
		f.DueAfter != nil && (t.DueDate == nil || !t.DueDate.After(*f.DueAfter)):
		return false
	}
	return true
}

// randomTaskWrites creates, updates, deletes and lets tasks fall overdue.
func randomTaskWrites(t *testing.T, s *State, rng *rand.Rand, n int) {
	t.Helper()
	statuses := []string{StatusScheduled, StatusScheduled, StatusOverdue, StatusCompleted, StatusCancelled}
	due := func() *time.Time {
		if rng.Intn(6) == 0 {
			return nil
		}
		d := s.clock.Now().Add(time.Duration(rng.Intn(96)-24) * time.Hour).Truncate(time.Minute)
		return &d
	}
	party := func() Party {
		return Party{ID: pick(rng, "1", "2", "3", "u_9"), Type: pick(rng, "user", "agent", "team")}
	}
	var ids []string
	for i := 0; i < n; i++ {
		switch r := rng.Intn(20); {
		case r < 12 || len(ids) == 0:
			tk := s.CreateTask(NewTask{Context: TaskContext{ConversationID: int64(1000 + rng.Intn(5))},
				Objective: "o", CreatedBy: party(), AssignedTo: party(), DueDate: due(), Status: pick(rng, statuses...)})
			ids = append(ids, tk.ID)
		case r < 17:
			patch := map[string]json.RawMessage{}
			for _, key := range []string{"status", "dueDate", "assignedTo", "context"} {
				if rng.Intn(2) == 0 {
					continue
				}
				var v any
				switch key {
				case "status":
					v = pick(rng, statuses...)
				case "dueDate":
					v = due()
				case "assignedTo":
					v = party()
				case "context":
					v = TaskContext{ConversationID: int64(1000 + rng.Intn(5))}
				}
				b, _ := json.Marshal(v)
				patch[key] = b
			}
			if _, err := s.UpdateTask(pick(rng, ids...), patch); err != nil {
				t.Fatal(err)
			}
		case r < 19:
			i := rng.Intn(len(ids))
			_, _ = s.DeleteTask(ids[i]) // may already be gone
			ids = append(ids[:i], ids[i+1:]...)
		default:
			s.clock.Advance(time.Duration(rng.Intn(6)) * time.Hour)
		}
	}
}

func randomTaskFilter(rng *rand.Rand, now time.Time) TaskFilter {
	var f TaskFilter
	if rng.Intn(2) == 0 {
		f.Status = pick(rng, StatusScheduled, StatusOverdue, StatusCompleted, StatusCancelled, "nope")
	}
	if rng.Intn(3) == 0 {
		c := int64(1000 + rng.Intn(6))
		f.ConversationID = &c
	}
	if rng.Intn(3) == 0 {
		f.AssignedToType = pick(rng, "user", "agent", "team", "bot")
	}
	if rng.Intn(3) == 0 {
		f.AssignedToID = pick(rng, "1", "2", "3", "u_9", "123")
	}
	if rng.Intn(3) == 0 {
		b := now.Add(time.Duration(rng.Intn(120)-40) * time.Hour)
		f.DueBefore = &b
	}
	if rng.Intn(3) == 0 {
		a := now.Add(time.Duration(rng.Intn(120)-40) * time.Hour)
		f.DueAfter = &a
	}
	f.Limit = pick(rng, 1, 7, 20, 100)
	return f
}

// TestListTasksMatchesBruteForce compares every page, followed token by
// token, with a filter and sort of all tasks, after random writes.
func TestListTasksMatchesBruteForce(t *testing.T) {
	t.Parallel()
	for seed := int64(1); seed <= 4; seed++ {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			s := newTestState(t, fmt.Sprint("tasks-ref-", seed))
			rng := rand.New(rand.NewSource(seed))
			if seed%2 == 0 { // exercise the walk and its fallback on small data
				s.tix.gather, s.tix.walk = 4, 1
			}
			for round := 0; round < 6; round++ {
				randomTaskWrites(t, s, rng, 150)
				for q := 0; q < 30; q++ {
					f := randomTaskFilter(rng, s.clock.Now())
					after := int64(-1)
					for p := 0; p < 12; p++ {
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
						f.PageToken = *got.NextPageToken
						after, _ = decodePageToken(f.PageToken)
						if rng.Intn(4) == 0 { // writes between pages never shift later pages
							randomTaskWrites(t, s, rng, 3)
						}
					}
				}
			}
		})
	}
}
