package llamadapro

import (
	"github.com/switchboard-sim/switchboard/simulator/index"
)

// eqOrder keeps, for one equality index and one sort order, each value's
// items in that order: the page of an eq filter with a sort is then a walk
// of its own items from the token, O(page + log n), and its count is the
// tree's size. A value's tree is built the first time a request asks for
// that value in that order (from the value's equality set, O(k log k)) and
// kept up to date by put and remove afterwards; a value nobody asked for
// costs nothing.
type eqOrder struct {
	f       eqField
	order   *docSort // keys, tie-break and comparison; its tree is unused
	byValue map[string]*index.Sorted[sortEntry]
}

// maxEqOrders bounds the (field, sort order) pairs one list keeps; further
// pairs are answered as before (sort the matches or walk the whole order).
const maxEqOrders = 16

func orderName(keys []sortKey, textID bool) string {
	name := ""
	if textID {
		name = "text ids\n"
	}
	for _, k := range keys {
		name += k.field
		if k.desc {
			name += " desc"
		}
		name += "\n"
	}
	return name
}

// eqOrdered is the tree of the items whose field holds value (as f
// compares), in the order keys with the given tie-break; nil tree when no
// item holds it. ok is false when the list already keeps maxEqOrders pairs.
func (x *docIndex) eqOrdered(f eqField, keys []sortKey, textID bool, value string) (tree *index.Sorted[sortEntry], order *docSort, ok bool) {
	name := f.field + "\x00" + string(rune('0'+f.norm)) + "\x00" + orderName(keys, textID)
	eo := x.eqOrders[name]
	if eo == nil {
		if len(x.eqOrders) >= maxEqOrders {
			return nil, nil, false
		}
		eo = &eqOrder{f: f, order: &docSort{keys: keys, textID: textID}, byValue: map[string]*index.Sorted[sortEntry]{}}
		x.eqOrders[name] = eo
	}
	key := f.norm.key(value)
	if t := eo.byValue[key]; t != nil {
		return t, eo.order, true
	}
	set := x.eqSetBy(f, value)
	if set == nil || set.Len() == 0 {
		return nil, eo.order, true
	}
	t := index.NewSorted(eo.order.less)
	set.AscendFrom(0, func(id int64) bool {
		t.Set(eo.order.entry(x.docs[id]))
		return true
	})
	eo.byValue[key] = t
	return t, eo.order, true
}

// putOrders and removeOrders keep the built trees up to date with document
// d of an item being stored or dropped.
func (x *docIndex) putOrders(d doc) {
	for _, eo := range x.eqOrders {
		for _, v := range keyedValues(d, eo.f) {
			if t := eo.byValue[v]; t != nil {
				t.Set(eo.order.entry(d))
			}
		}
	}
}

func (x *docIndex) removeOrders(d doc) {
	for _, eo := range x.eqOrders {
		for _, v := range keyedValues(d, eo.f) {
			if t := eo.byValue[v]; t != nil && t.Delete(eo.order.entry(d)) && t.Len() == 0 {
				delete(eo.byValue, v) // rebuilt from the equality set if asked for again
			}
		}
	}
}

// startAfter is the position in tree of the first entry after the token's
// pivot (offset when there is no token).
func startAfter(tree *index.Sorted[sortEntry], order *docSort, pivot *sortEntry, offset int) int {
	if pivot == nil {
		return min(offset, tree.Len())
	}
	start := tree.Rank(*pivot)
	if e, ok := tree.At(start); ok && !order.less(*pivot, e) {
		start++ // the token's own item
	}
	return start
}
