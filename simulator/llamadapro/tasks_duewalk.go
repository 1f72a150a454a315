package llamadapro

// dueWalk holds one composite key's tasks that have a due date in creation
// order (a treap keyed by sequence), each subtree knowing the earliest and
// latest due date in it. A page of GetTasks with dueBefore/dueAfter walks it
// newest first from the token and skips every subtree whose due dates all
// fall outside the range, so it never reads a task it does not return
// except on the way to one it does.
//
// With one bound (dueBefore or dueAfter alone) every subtree the walk enters
// holds a match, so a page costs O((page + 1) × depth), depth being about
// 2 ln n. With both bounds a subtree can hold due dates on either side of
// the range and none inside it; the walk then costs up to the tasks of the
// key created since the token (see taskIndex.query for the bound it is
// given). Ordering a due-date range by creation is a three-sided range
// query reported in sorted order; the known structures that answer it in
// O(log n + page) under inserts and deletes keep each task O(log n) times
// over, per composite key, which this index does not pay.
type dueWalk struct {
	root *dueNode
	rnd  uint64 // xorshift state for priorities; the shape never shows in a response
}

type dueNode struct {
	seq         int64
	due         taskDue
	lo, hi      taskDue // earliest and latest due date in the subtree
	left, right *dueNode
	prio        uint64
}

func (w *dueWalk) nextPrio() uint64 {
	w.rnd ^= w.rnd << 13
	w.rnd ^= w.rnd >> 7
	w.rnd ^= w.rnd << 17
	return w.rnd
}

func (n *dueNode) fix() {
	n.lo, n.hi = n.due, n.due
	if n.left != nil {
		n.lo = minDue(n.lo, n.left.lo)
		n.hi = maxDue(n.hi, n.left.hi)
	}
	if n.right != nil {
		n.lo = minDue(n.lo, n.right.lo)
		n.hi = maxDue(n.hi, n.right.hi)
	}
}

func minDue(a, b taskDue) taskDue {
	if b.less(a) {
		return b
	}
	return a
}

func maxDue(a, b taskDue) taskDue {
	if a.less(b) {
		return b
	}
	return a
}

func rotateRight(n *dueNode) *dueNode {
	l := n.left
	n.left, l.right = l.right, n
	n.fix()
	l.fix()
	return l
}

func rotateLeft(n *dueNode) *dueNode {
	r := n.right
	n.right, r.left = r.left, n
	n.fix()
	r.fix()
	return r
}

// add inserts the task with sequence seq and due date due (seq is unique).
func (w *dueWalk) add(d taskDue) {
	if w.rnd == 0 {
		w.rnd = 0x9e3779b97f4a7c15
	}
	w.root = w.insert(w.root, &dueNode{seq: d.seq(), due: d, lo: d, hi: d, prio: w.nextPrio()})
}

func (w *dueWalk) insert(n, x *dueNode) *dueNode {
	if n == nil {
		return x
	}
	if x.seq < n.seq {
		n.left = w.insert(n.left, x)
		if n.left.prio > n.prio {
			return rotateRight(n)
		}
	} else {
		n.right = w.insert(n.right, x)
		if n.right.prio > n.prio {
			return rotateLeft(n)
		}
	}
	n.fix()
	return n
}

// remove drops the task with sequence seq, if present.
func (w *dueWalk) remove(seq int64) { w.root = deleteSeq(w.root, seq) }

func deleteSeq(n *dueNode, seq int64) *dueNode {
	if n == nil {
		return nil
	}
	switch {
	case seq < n.seq:
		n.left = deleteSeq(n.left, seq)
	case seq > n.seq:
		n.right = deleteSeq(n.right, seq)
	default:
		return merge(n.left, n.right)
	}
	n.fix()
	return n
}

// merge joins two treaps whose every sequence in a is below every one in b.
func merge(a, b *dueNode) *dueNode {
	switch {
	case a == nil:
		return b
	case b == nil:
		return a
	case a.prio > b.prio:
		a.right = merge(a.right, b)
		a.fix()
		return a
	default:
		b.left = merge(a, b.left)
		b.fix()
		return b
	}
}

// dueRange is a due-date range as taskDue bounds: lo inclusive, hi exclusive.
type dueRange struct{ lo, hi taskDue }

func (r dueRange) holds(d taskDue) bool { return !d.less(r.lo) && d.less(r.hi) }

// meets reports whether a subtree with due dates in [lo, hi] may hold one in r.
func (r dueRange) meets(lo, hi taskDue) bool { return !hi.less(r.lo) && lo.less(r.hi) }

// walk calls fn with the sequence of every task in r with a sequence at
// most from, newest first, until fn returns false or budget (nodes entered;
// negative for no limit) runs out. It reports false if the budget ran out.
func (w *dueWalk) walk(from int64, r dueRange, budget int, fn func(seq int64) bool) bool {
	out := true
	var visit func(n *dueNode) bool
	visit = func(n *dueNode) bool {
		if n == nil || !r.meets(n.lo, n.hi) {
			return true
		}
		if budget == 0 {
			out = false
			return false
		}
		budget--
		if n.seq > from {
			return visit(n.left)
		}
		if !visit(n.right) {
			return false
		}
		if r.holds(n.due) && !fn(n.seq) {
			return false
		}
		return visit(n.left)
	}
	visit(w.root)
	return out
}
