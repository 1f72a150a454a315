package llamadapro

import (
	"math"
	"sort"
	"time"

	"github.com/switchboard-sim/switchboard/simulator/index"
)

// GetTasks' equality filters, as bits of a composite key's mask.
const (
	taskByStatus = 1 << iota
	taskByConversation
	taskByAssigneeType
	taskByAssigneeID
	taskMasks = 1 << 4
)

// taskKey is a composite index key: the values of the filters named by
// mask, the others zero. Every task is indexed under all 16 masks, so any
// combination of GetTasks' equality filters is one contiguous run of the
// tree, already in page order, with its size known by rank.
type taskKey struct {
	mask       uint8
	status     uint32
	atype, aid uint32
	conv       int64
}

func (a taskKey) less(b taskKey) bool {
	switch {
	case a.mask != b.mask:
		return a.mask < b.mask
	case a.status != b.status:
		return a.status < b.status
	case a.atype != b.atype:
		return a.atype < b.atype
	case a.aid != b.aid:
		return a.aid < b.aid
	}
	return a.conv < b.conv
}

// taskBySeq orders a key's tasks newest first, as GetTasks pages them.
type taskBySeq struct {
	k   taskKey
	seq int64
	t   *Task
}

// taskByDue orders a key's tasks with a due date by due date, then seq,
// so dueBefore/dueAfter ranges are counted by rank.
type taskByDue struct {
	k    taskKey
	sec  int64
	nsec int32
	seq  int64
	t    *Task
}

// taskIndex is kept up to date by every write to s.tasks: create, update,
// delete, the overdue timer and seeding (reset and replay rebuild the state
// through the same methods).
type taskIndex struct {
	seq   *index.Sorted[taskBySeq]
	due   *index.Sorted[taskByDue]
	names index.Interner

	gather, walk int // gatherLimit and walkLimit; tests lower them
}

func newTaskIndex() *taskIndex {
	return &taskIndex{
		gather: gatherLimit, walk: walkLimit,
		seq: index.NewSorted(func(a, b taskBySeq) bool {
			if a.k != b.k {
				return a.k.less(b.k)
			}
			return a.seq > b.seq
		}),
		due: index.NewSorted(func(a, b taskByDue) bool {
			switch {
			case a.k != b.k:
				return a.k.less(b.k)
			case a.sec != b.sec:
				return a.sec < b.sec
			case a.nsec != b.nsec:
				return a.nsec < b.nsec
			}
			return a.seq < b.seq
		}),
	}
}

// keys are t's 16 composite keys.
func (x *taskIndex) keys(t *Task) [taskMasks]taskKey {
	status, atype, aid := x.names.ID(t.Status), x.names.ID(t.AssignedTo.Type), x.names.ID(t.AssignedTo.ID)
	var out [taskMasks]taskKey
	for m := range taskMasks {
		k := taskKey{mask: uint8(m)}
		if m&taskByStatus != 0 {
			k.status = status
		}
		if m&taskByConversation != 0 {
			k.conv = t.Context.ConversationID
		}
		if m&taskByAssigneeType != 0 {
			k.atype = atype
		}
		if m&taskByAssigneeID != 0 {
			k.aid = aid
		}
		out[m] = k
	}
	return out
}

// add indexes t under its current field values.
func (x *taskIndex) add(t *Task) {
	for _, k := range x.keys(t) {
		x.seq.Set(taskBySeq{k: k, seq: t.seq, t: t})
		if t.DueDate != nil {
			x.due.Set(taskByDue{k: k, sec: t.DueDate.Unix(), nsec: int32(t.DueDate.Nanosecond()), seq: t.seq, t: t})
		}
	}
}

// remove drops t's entries; call it before changing an indexed field.
func (x *taskIndex) remove(t *Task) {
	for _, k := range x.keys(t) {
		x.seq.Delete(taskBySeq{k: k, seq: t.seq})
		if t.DueDate != nil {
			x.due.Delete(taskByDue{k: k, sec: t.DueDate.Unix(), nsec: int32(t.DueDate.Nanosecond()), seq: t.seq})
		}
	}
}

// filterKey is the composite key of f's equality filters; false when a
// filter names a value no task has ever had.
func (x *taskIndex) filterKey(f TaskFilter) (taskKey, bool) {
	var k taskKey
	ok := true
	intern := func(bit uint8, v string, dst *uint32) {
		if v == "" {
			return
		}
		k.mask |= bit
		id, found := x.names.Lookup(v)
		ok = ok && found
		*dst = id
	}
	intern(taskByStatus, f.Status, &k.status)
	intern(taskByAssigneeType, f.AssignedToType, &k.atype)
	intern(taskByAssigneeID, f.AssignedToID, &k.aid)
	if f.ConversationID != nil {
		k.mask |= taskByConversation
		k.conv = *f.ConversationID
	}
	return k, ok
}

// A page with a due range sorts the range's matches when there are at most
// gatherLimit of them; otherwise it first walks the creation order for at
// most walkLimit steps per item of the page.
const (
	gatherLimit = 2048
	walkLimit   = 64
)

// query returns up to limit+1 matching tasks newer than after (seq;
// negative for the first page), newest first, and how many match in all.
func (x *taskIndex) query(f TaskFilter, after int64, limit int) ([]*Task, int) {
	k, ok := x.filterKey(f)
	if !ok {
		return nil, 0
	}
	from := int64(math.MaxInt64)
	if after >= 0 {
		from = after - 1
	}
	lo := x.seq.Rank(taskBySeq{k: k, seq: math.MaxInt64})
	hi := x.seq.Rank(taskBySeq{k: k, seq: 0}) // sequences start at 1
	if f.DueBefore == nil && f.DueAfter == nil {
		var out []*Task
		x.seq.Ascend(taskBySeq{k: k, seq: from}, func(e taskBySeq) bool {
			if e.k != k {
				return false
			}
			out = append(out, e.t)
			return len(out) <= limit
		})
		return out, hi - lo
	}
	// A due range ordered by creation is two-dimensional: count it by rank
	// in the due-date order; fill the page by walking the creation order for
	// a bounded number of steps (enough when the range holds a fair share of
	// the tasks), else take the range's matches and sort them by sequence.
	dlo, dhi := x.dueBounds(k, f)
	total := max(dhi-dlo, 0)
	if total == 0 {
		return nil, 0
	}
	if total > x.gather {
		var out []*Task
		steps, done := 0, false
		x.seq.Ascend(taskBySeq{k: k, seq: from}, func(e taskBySeq) bool {
			if e.k != k {
				done = true
				return false
			}
			if dueIn(e.t.DueDate, f) {
				out = append(out, e.t)
			}
			steps++
			done = len(out) > limit
			return !done && steps < x.walk*(limit+1)
		})
		if done {
			return out, total
		}
	}
	hits := make([]*Task, 0, min(total, x.gather))
	seen := 0
	x.due.AscendFrom(dlo, func(e taskByDue) bool {
		if e.seq <= from {
			hits = append(hits, e.t)
		}
		seen++
		return seen < total
	})
	sort.Slice(hits, func(i, j int) bool { return hits[i].seq > hits[j].seq })
	return hits[:min(len(hits), limit+1)], total
}

// dueBounds are the positions in the due-date order where f's due range
// begins and ends under key k. Both bounds are exclusive, as in the filter.
func (x *taskIndex) dueBounds(k taskKey, f TaskFilter) (int, int) {
	lo := taskByDue{k: k, sec: math.MinInt64, nsec: math.MinInt32, seq: math.MinInt64}
	if f.DueAfter != nil {
		lo = taskByDue{k: k, sec: f.DueAfter.Unix(), nsec: int32(f.DueAfter.Nanosecond()), seq: math.MaxInt64}
	}
	hi := taskByDue{k: k, sec: math.MaxInt64, nsec: math.MaxInt32, seq: math.MaxInt64}
	if f.DueBefore != nil {
		hi = taskByDue{k: k, sec: f.DueBefore.Unix(), nsec: int32(f.DueBefore.Nanosecond()), seq: math.MinInt64}
	}
	return x.due.Rank(lo), x.due.Rank(hi)
}

func dueIn(due *time.Time, f TaskFilter) bool {
	return due != nil && (f.DueBefore == nil || due.Before(*f.DueBefore)) &&
		(f.DueAfter == nil || due.After(*f.DueAfter))
}
