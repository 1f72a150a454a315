package llamadapro

import "time"

// task is a stored task: Task without its pointers. Times are instants
// and the names lists filter by (status, party types, assignee id) are
// numbers of the index's names, so a stored task is one heap object of 160
// bytes whose only pointers, all at its start, are its id, objective,
// creator id and cancellation reason, where Task with its *time.Time fields
// took three objects and a dozen pointers for the collector to follow.
// Reads build the wire shape (wire); writes go through it (taskRecord).
type task struct {
	id, objective, byID          string
	reason                       *string
	conv, seq                    int64
	sec                          [times]int64 // the instants, by the at* constants
	ns                           [times]int32 // -1: null
	status, byType, toType, toID uint32
}

// A task's instants, in task.sec and task.ns; the last four are nullable.
const (
	atCreated = iota
	atUpdated
	atPublished
	atDue
	atCompleted
	atCancelled
	times
)

func (r *task) at(i int) instant { return instant{sec: r.sec[i], ns: r.ns[i], set: r.ns[i] >= 0} }

func (r *task) setAt(i int, v instant) {
	if !v.set {
		r.sec[i], r.ns[i] = 0, -1
		return
	}
	r.sec[i], r.ns[i] = v.sec, v.ns
}

func (r *task) due() instant { return r.at(atDue) }

// instant is a point in time without a pointer; every time a task stores is UTC,
// so the location need not be kept. The zero instant is null.
type instant struct {
	sec int64
	ns  int32
	set bool
}

func instantOf(t time.Time) instant {
	return instant{sec: t.Unix(), ns: int32(t.Nanosecond()), set: true}
}

func instantPtr(t *time.Time) instant {
	if t == nil {
		return instant{}
	}
	return instantOf(*t)
}

func (s instant) time() time.Time { return time.Unix(s.sec, int64(s.ns)).UTC() }

// ptr is the instant as a wire field, written into the first of *ts,
// which it then drops; nil when null.
func (s instant) ptr(ts *[]time.Time) *time.Time {
	if !s.set {
		return nil
	}
	dst := &(*ts)[0]
	*ts = (*ts)[1:]
	*dst = s.time()
	return dst
}

// nullable is how many of r's nullable times are set: how many wire needs.
func (r *task) nullable() int {
	n := 0
	for _, ns := range r.ns[atPublished:] {
		if ns >= 0 {
			n++
		}
	}
	return n
}

// dueKey is the instant as a due-date index entry for the task with sequence seq.
func (s instant) dueKey(seq int64) taskDue {
	return taskDue{sec: s.sec, ns: uint64(s.ns)<<seqBits | uint64(seq)}
}

// taskRecord is t as stored, with sequence seq. Callers hold mu.
func (s *State) taskRecord(t *Task, seq int64) task {
	n := &s.tix.names
	r := task{
		id: t.ID, objective: t.Objective, byID: t.CreatedBy.ID, reason: t.CancellationReason,
		conv: t.Context.ConversationID, seq: seq,
		status: n.id(t.Status), byType: n.id(t.CreatedBy.Type), toType: n.id(t.AssignedTo.Type), toID: n.id(t.AssignedTo.ID),
	}
	r.setAt(atCreated, instantOf(t.CreatedAt))
	r.setAt(atUpdated, instantOf(t.UpdatedAt))
	r.setAt(atPublished, instantPtr(t.PublishedAt))
	r.setAt(atDue, instantPtr(t.DueDate))
	r.setAt(atCompleted, instantPtr(t.CompletedAt))
	r.setAt(atCancelled, instantPtr(t.CancelledAt))
	return r
}

// wire is r in its wire shape. Its time pointers point into ts, which
// must hold r.nullable() times, so a page of tasks takes one allocation for
// them. Callers hold mu.
func (s *State) wire(r *task, ts []time.Time) Task {
	n := &s.tix.names
	return Task{
		ID: r.id, TenantID: s.tenantID, CreatedAt: r.at(atCreated).time(), UpdatedAt: r.at(atUpdated).time(),
		Context: TaskContext{ConversationID: r.conv}, Objective: r.objective,
		CreatedBy: Party{ID: r.byID, Type: n.name(r.byType)}, AssignedTo: Party{ID: n.name(r.toID), Type: n.name(r.toType)},
		PublishedAt: r.at(atPublished).ptr(&ts), DueDate: r.at(atDue).ptr(&ts),
		CompletedAt: r.at(atCompleted).ptr(&ts), CancelledAt: r.at(atCancelled).ptr(&ts),
		CancellationReason: r.reason, Status: n.name(r.status), seq: r.seq,
	}
}

// names numbers distinct strings from 1 and gives them back: a task keeps
// the number of each name it is listed by, and index keys hold the same
// numbers. Numbers are never reused.
type names struct {
	ids  map[string]uint32
	strs []string
}

func (n *names) id(s string) uint32 {
	if id, ok := n.ids[s]; ok {
		return id
	}
	if n.ids == nil {
		n.ids = map[string]uint32{}
		n.strs = []string{""}
	}
	id := uint32(len(n.strs))
	n.ids[s] = id
	n.strs = append(n.strs, s)
	return id
}

// lookup is s's number without allotting one; false if no task ever had s.
func (n *names) lookup(s string) (uint32, bool) {
	id, ok := n.ids[s]
	return id, ok
}

func (n *names) name(id uint32) string { return n.strs[id] }

// wireOne is r in its wire shape, for an answer of one task. Callers hold mu.
func (s *State) wireOne(r *task) Task { return s.wire(r, make([]time.Time, r.nullable())) }
