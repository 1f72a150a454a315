package llamadapro

import (
	"time"

	"github.com/switchboard-sim/switchboard/simulator/clock"
	"github.com/switchboard-sim/switchboard/simulator/index"
)

// dueSchedule is when the tenant's scheduled tasks go overdue: every
// scheduled task whose due date is still ahead, ordered by due date then
// creation, and one clock timer at the earliest of them. A timer per task
// cost each create a clock entry, a closure and a heap slot that stayed
// alive until the due date; an entry here is 16 bytes with no pointer.
//
// Tasks still go overdue one due instant at a time: the timer fires at the
// earliest due date, marks the tasks due by then and re-arms for the next,
// which an Advance past several due dates fires in the same pass, so each
// task is stamped at its own due instant as before.
type dueSchedule struct {
	set   *index.Set[taskDue]
	timer *clock.Timer // at the set's earliest entry; nil when the set is empty
	gen   uint64       // the armed timer's number: a callback of a replaced timer does nothing
}

func newDueSchedule() dueSchedule { return dueSchedule{set: index.NewSet(taskDue.less)} }

// at is the instant a taskDue stands for.
func (a taskDue) at() time.Time { return time.Unix(a.sec, int64(a.ns>>seqBits)).UTC() }

// scheduleDue arms t's overdue transition if it is scheduled with a due
// date (finishStatus has made any past due date overdue). Callers hold mu.
func (s *State) scheduleDue(t *task) {
	if t.status != s.tix.scheduled || !t.due().set {
		return
	}
	s.due.set.Add(t.due().dueKey(t.seq))
	s.armDue()
}

// unscheduleDue cancels t's overdue transition, if armed. Callers hold mu.
func (s *State) unscheduleDue(t *task) {
	if !t.due().set || !s.due.set.Delete(t.due().dueKey(t.seq)) {
		return
	}
	s.armDue()
}

// armDue keeps the timer at the earliest entry. Callers hold mu.
func (s *State) armDue() {
	first, ok := s.due.set.At(0)
	if ok && s.due.timer != nil && s.due.timer.At().Equal(first.at()) {
		return
	}
	if s.due.timer != nil {
		s.clock.Stop(s.due.timer)
		s.due.timer = nil
	}
	if !ok {
		return
	}
	s.due.gen++
	gen := s.due.gen
	s.due.timer = s.clock.AtInternal(first.at(), func() { s.fireDue(gen) })
}

// fireDue is the timer: every task due by now goes overdue, stamped now
// (the due instant, on a virtual clock).
func (s *State) fireDue(gen uint64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if gen != s.due.gen {
		return
	}
	s.due.timer = nil
	now := s.clock.Now()
	for {
		d, ok := s.due.set.At(0)
		if !ok || d.at().After(now) {
			break
		}
		s.due.set.Delete(d)
		s.markOverdue(d.seq())
	}
	s.armDue()
}

// markOverdue moves the task with sequence seq, still scheduled, to overdue.
func (s *State) markOverdue(seq int64) {
	t := s.tix.bySeq[seq]
	if t == nil || t.status != s.tix.scheduled {
		return
	}
	s.tix.remove(t)
	t.status = s.tix.overdue
	t.setAt(atUpdated, instantOf(s.now()))
	s.tix.add(t)
}
