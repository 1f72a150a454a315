package llamadapro

import (
	"strconv"
	"strings"
)

// A created task's id is "task_" and a number that grows with the
// sequence: CreateTask takes the next of both. So once the fixtures are in,
// id number n is sequence n + createdBase, and the task is found through
// the index's by-sequence slice; only the fixtures' tasks sit in the map
// s.tasks. Keeping every created task in a map keyed by its id string cost
// a map entry of ~40 B with two pointers per task and a string hash on
// every insert.
//
// Lookups answer as one map of every id would: a created task whose id a
// fixture also had replaces it (insert drops the fixture from the map),
// and deleting it leaves neither.

// numbered reports whether the task with sequence seq was created (not
// seeded): its id then resolves through its number. Callers hold mu.
func (s *State) numbered(seq int64) bool { return s.seeded && seq > s.seedSeq }

// taskByID is the task with id, as a map of every id would answer. Callers hold mu.
func (s *State) taskByID(id string) (*task, bool) {
	if n, ok := strings.CutPrefix(id, "task_"); ok && s.seeded {
		if num, err := strconv.ParseInt(n, 10, 64); err == nil {
			seq := num + s.createdBase
			if seq > s.seedSeq && seq < int64(len(s.tix.bySeq)) {
				if r := s.tix.bySeq[seq]; r != nil && r.id == id {
					return r, true
				}
			}
		}
	}
	r, ok := s.tasks[id]
	return r, ok
}

// putTaskID makes r findable by its id. Callers hold mu.
func (s *State) putTaskID(r *task) {
	if s.numbered(r.seq) {
		delete(s.tasks, r.id) // a fixture's task with the same id is no longer found
		return
	}
	s.tasks[r.id] = r
}

// dropTaskID makes r's id unknown; r is still indexed. Callers hold mu.
func (s *State) dropTaskID(r *task) {
	if !s.numbered(r.seq) {
		delete(s.tasks, r.id)
	}
}

// eachTask calls fn for every task found by its id. Callers hold mu.
func (s *State) eachTask(fn func(*task)) {
	for _, r := range s.tasks {
		fn(r)
	}
	if !s.seeded {
		return
	}
	for _, r := range s.tix.bySeq[min(s.seedSeq+1, int64(len(s.tix.bySeq))):] {
		if r != nil {
			fn(r)
		}
	}
}
