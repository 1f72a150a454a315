package llamadapro

import (
	"math"
	"math/bits"
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
// mask, the others zero. Every task is indexed under each of the 16 masks
// that a query has used (taskIndex.built), so any combination of GetTasks'
// equality filters is one set, already in page order, whose size is the
// page's totalCount.
type taskKey struct {
	mask       uint8
	status     uint32
	atype, aid uint32
	conv       int64
}

// taskDue orders a key's tasks with a due date by due date, then seq, so
// dueBefore/dueAfter ranges are counted by rank. ns packs the nanosecond
// (high 30 bits) above the sequence (low 34 bits), which orders the same
// as comparing them in turn and keeps an entry at 16 bytes.
type taskDue struct {
	sec int64
	ns  uint64
}

const seqBits = 34

func dueOf(at time.Time, seq int64) taskDue {
	return taskDue{sec: at.Unix(), ns: uint64(at.Nanosecond())<<seqBits | uint64(seq)}
}

func (a taskDue) less(b taskDue) bool {
	if a.sec != b.sec {
		return a.sec < b.sec
	}
	return a.ns < b.ns
}

func (a taskDue) seq() int64 { return int64(a.ns & (1<<seqBits - 1)) }

// taskIndex is kept up to date by every write to a task: create, update,
// delete, the overdue timer and seeding (reset and replay rebuild the state
// through the same methods). Each composite key holds its tasks' sequences
// newest first and, for tasks with a due date, their due dates.
type taskIndex struct {
	bySeq []*task // every task by sequence (nil once deleted); created tasks are also found here by id (tasks_ids.go)
	seq   map[taskKey]*index.Set[int64]
	due   map[taskKey]*index.Set[taskDue]
	walks map[taskKey]*dueWalk // built the first time a due range is asked of a key (tasks_duewalk.go)
	names names                // the numbers tasks and keys hold for status, party types and assignee ids
	// the numbers of the statuses the overdue schedule tests and sets
	scheduled, overdue uint32
	// built has bit m set when the sets of mask m exist and are kept; a
	// mask is built by the first query that filters by it, so a write
	// updates only the combinations lists have asked for (mask 0, every
	// task, always).
	built uint16

	gather, walk int // gatherLimit and walkLimit; tests lower them
}

func newTaskIndex() *taskIndex {
	x := &taskIndex{
		gather: gatherLimit, walk: walkLimit,
		seq: map[taskKey]*index.Set[int64]{}, due: map[taskKey]*index.Set[taskDue]{},
		walks: map[taskKey]*dueWalk{}, built: 1,
	}
	x.scheduled, x.overdue = x.names.id(StatusScheduled), x.names.id(StatusOverdue)
	return x
}

// ensure builds mask m's sets from every task, the first time m is asked for.
func (x *taskIndex) ensure(m uint8) {
	if x.built&(1<<m) != 0 {
		return
	}
	x.built |= 1 << m
	for _, t := range x.bySeq {
		if t != nil {
			x.addKey(x.key(t, m), t)
		}
	}
}

func newerFirst(a, b int64) bool { return a > b }

// key is t's composite key under mask m.
func (x *taskIndex) key(t *task, m uint8) taskKey {
	k := taskKey{mask: m}
	if m&taskByStatus != 0 {
		k.status = t.status
	}
	if m&taskByConversation != 0 {
		k.conv = t.conv
	}
	if m&taskByAssigneeType != 0 {
		k.atype = t.toType
	}
	if m&taskByAssigneeID != 0 {
		k.aid = t.toID
	}
	return k
}

// eachBuilt calls fn with every mask whose sets are built.
func (x *taskIndex) eachBuilt(fn func(m uint8)) {
	for b := x.built; b != 0; b &= b - 1 {
		fn(uint8(bits.TrailingZeros16(b)))
	}
}

// add indexes t under its current field values.
func (x *taskIndex) add(t *task) {
	for int64(len(x.bySeq)) <= t.seq {
		x.bySeq = append(x.bySeq, nil)
	}
	x.bySeq[t.seq] = t
	x.eachBuilt(func(m uint8) { x.addKey(x.key(t, m), t) })
}

// addKey adds t to key k's sets.
func (x *taskIndex) addKey(k taskKey, t *task) {
	set := x.seq[k]
	if set == nil {
		set = index.NewSet(newerFirst)
		x.seq[k] = set
	}
	set.Add(t.seq)
	if t.due().set {
		set := x.due[k]
		if set == nil {
			set = index.NewSet(taskDue.less)
			x.due[k] = set
		}
		set.Add(t.due().dueKey(t.seq))
		if w := x.walks[k]; w != nil {
			w.add(t.due().dueKey(t.seq))
		}
	}
}

// remove drops t's entries; call it before changing an indexed field.
func (x *taskIndex) remove(t *task) {
	x.bySeq[t.seq] = nil
	x.eachBuilt(func(m uint8) {
		k := x.key(t, m)
		if set := x.seq[k]; set != nil && set.Delete(t.seq) && set.Len() == 0 {
			delete(x.seq, k)
		}
		if !t.due().set {
			return
		}
		if set := x.due[k]; set != nil && set.Delete(t.due().dueKey(t.seq)) && set.Len() == 0 {
			delete(x.due, k)
			delete(x.walks, k)
		} else if w := x.walks[k]; w != nil {
			w.remove(t.seq)
		}
	})
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
		id, found := x.names.lookup(v)
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

// A page with a due range walks the key's creation order, skipping the
// subtrees whose due dates all fall outside the range (tasks_duewalk.go).
// With both bounds the walk may enter subtrees without a match, so it is
// given walkLimit × (page + 1) × log2(k) steps, and never more than twice
// the m tasks in the range (what sorting them costs); past them, and for a range of
// at most gatherLimit tasks, the page sorts the range's matches by sequence
// instead (O(m) for the m tasks in the range, keeping the page's newest).
const (
	gatherLimit = 64
	walkLimit   = 8
)

// query returns up to limit+1 matching tasks older than after (a seq;
// negative for the first page), newest first, and how many match in all.
func (x *taskIndex) query(f TaskFilter, after int64, limit int) ([]*task, int) {
	k, ok := x.filterKey(f)
	if !ok {
		return nil, 0
	}
	x.ensure(k.mask)
	seqs := x.seq[k]
	if seqs == nil {
		return nil, 0
	}
	from := int64(math.MaxInt64)
	if after >= 0 {
		from = after - 1
	}
	if f.DueBefore == nil && f.DueAfter == nil {
		var out []*task
		seqs.Ascend(from, func(seq int64) bool {
			out = append(out, x.bySeq[seq])
			return len(out) <= limit
		})
		return out, seqs.Len()
	}
	// The count is by rank in the due-date order, O(log² n).
	dues := x.due[k]
	if dues == nil {
		return nil, 0
	}
	r := dueRangeOf(f)
	dlo, dhi := dues.Rank(r.lo), dues.Rank(r.hi)
	total := max(dhi-dlo, 0)
	if total == 0 {
		return nil, 0
	}
	if total > x.gather {
		budget := -1 // one bound: every subtree entered holds a match
		if f.DueBefore != nil && f.DueAfter != nil {
			budget = min(x.walk*(limit+1)*bits.Len(uint(dues.Len())), 2*total)
		}
		var out []*task
		if x.walkOf(k, dues).walk(from, r, budget, func(seq int64) bool {
			out = append(out, x.bySeq[seq])
			return len(out) <= limit
		}) {
			return out, total
		}
	}
	// Keep the limit+1 newest of the range's matches, newest first: most
	// are rejected by one comparison with the oldest kept.
	top := make([]int64, 0, limit+1)
	seen := 0
	dues.AscendFrom(dlo, func(d taskDue) bool {
		seen++
		seq := d.seq()
		if seq > from || (len(top) == limit+1 && seq < top[limit]) {
			return seen < total
		}
		i := sort.Search(len(top), func(i int) bool { return top[i] < seq })
		if len(top) < limit+1 {
			top = append(top, 0)
		}
		copy(top[i+1:], top[i:])
		top[i] = seq
		return seen < total
	})
	out := make([]*task, 0, len(top))
	for _, seq := range top {
		out = append(out, x.bySeq[seq])
	}
	return out, total
}

// walkOf is key k's due walk, built from its due-date order on first use.
func (x *taskIndex) walkOf(k taskKey, dues *index.Set[taskDue]) *dueWalk {
	w := x.walks[k]
	if w == nil {
		w = &dueWalk{}
		dues.AscendFrom(0, func(d taskDue) bool {
			w.add(d)
			return true
		})
		x.walks[k] = w
	}
	return w
}

// dueRangeOf is f's due range (both bounds exclusive in the filter).
func dueRangeOf(f TaskFilter) dueRange {
	r := dueRange{lo: taskDue{sec: math.MinInt64}, hi: taskDue{sec: math.MaxInt64, ns: math.MaxUint64}}
	if f.DueAfter != nil {
		r.lo = taskDue{sec: f.DueAfter.Unix(), ns: uint64(f.DueAfter.Nanosecond()+1) << seqBits}
	}
	if f.DueBefore != nil {
		r.hi = dueOf(*f.DueBefore, 0)
	}
	return r
}
