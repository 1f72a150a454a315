package llamadapro

import "time"

// task is a stored task: Task without its pointers. Times are stamps and
// the names lists filter by (status, party types, assignee id) are numbers
// of the index's names, so a stored task is one heap object of 192 bytes
// whose only pointers are its id, objective, creator id and cancellation
// reason, where Task with its *time.Time fields took three objects and a
// dozen pointers for the collector to follow. Reads build the wire shape
// (wire); writes go through it (taskRecord).
type task struct {
	id, objective, byID                  string
	reason                               *string
	conv, seq                            int64
	created, updated                     instant
	published, due, completed, cancelled instant
	status, byType, toType, toID         uint32
}

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
	for _, at := range [...]instant{r.published, r.due, r.completed, r.cancelled} {
		if at.set {
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
	return task{
		id: t.ID, objective: t.Objective, byID: t.CreatedBy.ID, reason: t.CancellationReason,
		conv: t.Context.ConversationID, seq: seq,
		created: instantOf(t.CreatedAt), updated: instantOf(t.UpdatedAt),
		published: instantPtr(t.PublishedAt), due: instantPtr(t.DueDate),
		completed: instantPtr(t.CompletedAt), cancelled: instantPtr(t.CancelledAt),
		status: n.id(t.Status), byType: n.id(t.CreatedBy.Type), toType: n.id(t.AssignedTo.Type), toID: n.id(t.AssignedTo.ID),
	}
}

// wire is r in its wire shape. Its time pointers point into ts, which
// must hold r.nullable() times, so a page of tasks takes one allocation for
// them. Callers hold mu.
func (s *State) wire(r *task, ts []time.Time) Task {
	n := &s.tix.names
	return Task{
		ID: r.id, TenantID: s.tenantID, CreatedAt: r.created.time(), UpdatedAt: r.updated.time(),
		Context: TaskContext{ConversationID: r.conv}, Objective: r.objective,
		CreatedBy: Party{ID: r.byID, Type: n.name(r.byType)}, AssignedTo: Party{ID: n.name(r.toID), Type: n.name(r.toType)},
		PublishedAt: r.published.ptr(&ts), DueDate: r.due.ptr(&ts),
		CompletedAt: r.completed.ptr(&ts), CancelledAt: r.cancelled.ptr(&ts),
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
