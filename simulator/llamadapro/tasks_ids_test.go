package llamadapro

import (
	"slices"
	"testing"

	"github.com/switchboard-sim/switchboard/simulator/tenant"
)

// TestCreatedTaskWithAFixtureIDIsFoundAsOneMapWouldFindIt: created tasks
// are found by their id number, fixtures by a map; a fixture whose id a
// create later takes is replaced for id lookups (it stays listed), and
// after deleting the created one neither is found.
func TestCreatedTaskWithAFixtureIDIsFoundAsOneMapWouldFindIt(t *testing.T) {
	fx, err := loadFixtures()
	if err != nil {
		t.Fatal(err)
	}
	next := "task_" + itoa(fx.Tasks.Generated.FirstID+fx.Tasks.Generated.Count+1)
	own := *fx
	own.Tasks.Fixed = append(slices.Clip(fx.Tasks.Fixed), fixedTask{ID: next, Objective: "fixture", ConversationID: 1,
		CreatedBy: Party{ID: "1", Type: "user"}, AssignedTo: Party{ID: "1", Type: "user"}, Status: StatusCompleted})
	reg := tenant.NewRegistry(tenant.Options{Seed: 1})
	t.Cleanup(reg.Close)
	s := newState(reg.Ensure("ids"), &own)
	t.Cleanup(s.Close)

	if got, err := s.GetTask(next); err != nil || got.Objective != "fixture" {
		t.Fatalf("before the create: %+v, %v; want the fixture", got, err)
	}
	created := s.CreateTask(NewTask{Objective: "created", CreatedBy: Party{ID: "1", Type: "user"}, AssignedTo: Party{ID: "1", Type: "user"}})
	if created.ID != next {
		t.Fatalf("created %s, want %s", created.ID, next)
	}
	if got, err := s.GetTask(next); err != nil || got.Objective != "created" {
		t.Fatalf("after the create: %+v, %v; want the created task", got, err)
	}
	if n := countTasks(s); n != len(own.Tasks.Fixed)+own.Tasks.Generated.Count {
		t.Fatalf("%d tasks found by id, want %d (the fixture's id now names the created task)", n, len(own.Tasks.Fixed)+own.Tasks.Generated.Count)
	}
	if _, err := s.DeleteTask(next); err != nil {
		t.Fatal(err)
	}
	if got, err := s.GetTask(next); err == nil {
		t.Fatalf("after the delete: %+v; want not found", got)
	}
	for _, id := range []string{"task_0" + next[len("task_"):], "task_+" + next[len("task_"):], "task_", "task_-1", "task_99999999999999999999"} {
		if _, err := s.GetTask(id); err == nil {
			t.Errorf("%s found", id)
		}
	}
}
