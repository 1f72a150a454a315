package llamadapro

import (
	"math"
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/switchboard-sim/switchboard/simulator/index"
)

// docIndex keeps one list's items as documents (their JSON form, built on
// write instead of on every page) with the indexes that answer filterBy and
// sortBy without reading every item:
//
//   - ids: every id, ascending, which is the order when sortBy is absent;
//   - eq: per field, the ids of the items holding each value (compared as
//     filterBy compares, case-folded, or as SearchContacts' eq compares,
//     lower-cased), built the first time a request filters on the field and
//     kept up to date afterwards;
//   - sorts: per sortBy, the items in that order, built the first time a
//     request sorts that way (at most maxSorts orders per list).
//
// One filterBy condition with or without sortBy is answered from these; a
// page costs O(page + log n). Several conditions read the smallest
// condition's items; searchBy (free text, any word anywhere) cannot be
// indexed and reads every candidate's document, without re-encoding it.
type docIndex struct {
	spec  listSpec
	docs  map[int64]doc
	ids   *index.Set[int64]
	eq    map[eqField]map[string]*index.Set[int64]
	sorts map[string]*docSort

	eqOrders map[string]*eqOrder // one condition's items per value, in a sort order (docindex_eqorder.go)

	gather int // gatherCost; tests set -1 to always walk the sort order
}

// maxSorts bounds the sort orders one list keeps; further orders are sorted
// per request. maxEqFields bounds the fields with an equality index (every
// write updates each): filters on further fields (customFields.<key> can
// name any key) are answered by a scan.
const (
	maxSorts    = 16
	maxEqFields = 64
)

type docSort struct {
	keys   []sortKey
	textID bool // ties break on the id as text, as in SearchContacts' string ids
	tree   *index.Sorted[sortEntry]
}

// eqField names an equality index: a field and how its values compare.
type eqField struct {
	field string
	norm  norm
}

// norm is how an equality index keys values.
type norm uint8

const (
	folded  norm = iota // fold: strings.EqualFold, as filterBy compares
	lowered             // strings.ToLower, as SearchContacts' eq compares
)

func (n norm) key(s string) string {
	if n == lowered {
		return strings.ToLower(s)
	}
	return fold(s)
}

// sortEntry is an item in a sort order: its sort values and its id (and
// the id as text, for a textID order).
type sortEntry struct {
	vals []any
	id   float64
	tid  string
}

func newDocIndex(spec listSpec) *docIndex {
	return &docIndex{spec: spec, gather: gatherCost, docs: map[int64]doc{}, ids: index.NewSet(func(a, b int64) bool { return a < b }),
		eq: map[eqField]map[string]*index.Set[int64]{}, sorts: map[string]*docSort{}, eqOrders: map[string]*eqOrder{}}
}

// put stores item id's current document, replacing its previous one.
func (x *docIndex) put(id int64, item any) {
	x.remove(id)
	d := toDoc(item)
	x.docs[id] = d
	x.ids.Add(id)
	for f, byValue := range x.eq {
		for _, v := range keyedValues(d, f) {
			set := byValue[v]
			if set == nil {
				set = index.NewSet(func(a, b int64) bool { return a < b })
				byValue[v] = set
			}
			set.Add(id)
		}
	}
	for _, s := range x.sorts {
		s.tree.Set(s.entry(d))
	}
	x.putOrders(d)
}

// remove drops item id, using the document it was indexed with.
func (x *docIndex) remove(id int64) {
	d, ok := x.docs[id]
	if !ok {
		return
	}
	delete(x.docs, id)
	x.ids.Delete(id)
	for f, byValue := range x.eq {
		for _, v := range keyedValues(d, f) {
			if set := byValue[v]; set != nil && set.Delete(id) && set.Len() == 0 {
				delete(byValue, v)
			}
		}
	}
	for _, s := range x.sorts {
		s.tree.Delete(s.entry(d))
	}
	x.removeOrders(d)
}

// keyedValues are the distinct keys of d's values at f's field.
func keyedValues(d doc, f eqField) []string {
	var out []string
	for _, v := range d.values(f.field) {
		f := f.norm.key(text(v))
		dup := false
		for _, o := range out {
			dup = dup || o == f
		}
		if !dup {
			out = append(out, f)
		}
	}
	return out
}

// fold maps every rune to the smallest rune of its case-folding orbit, so
// fold(a) == fold(b) exactly when strings.EqualFold(a, b).
func fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		min := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			if f < min {
				min = f
			}
		}
		if min == utf8.RuneError {
			b.WriteRune(utf8.RuneError)
			continue
		}
		b.WriteRune(min)
	}
	return b.String()
}

// eqSet is the set of ids whose field holds value as filterBy compares
// (nil if none), building the field's index on first use.
func (x *docIndex) eqSet(field, value string) *index.Set[int64] {
	return x.eqSetBy(eqField{field, folded}, value)
}

func (x *docIndex) eqSetBy(f eqField, value string) *index.Set[int64] {
	byValue, ok := x.eq[f]
	if !ok {
		byValue = map[string]*index.Set[int64]{}
		if len(x.eq) < maxEqFields { // else answer from a one-off scan, kept nowhere
			x.eq[f] = byValue
		}
		x.ids.AscendFrom(0, func(id int64) bool {
			for _, v := range keyedValues(x.docs[id], f) {
				set := byValue[v]
				if set == nil {
					set = index.NewSet(func(a, b int64) bool { return a < b })
					byValue[v] = set
				}
				set.Add(id)
			}
			return true
		})
	}
	return byValue[f.norm.key(value)]
}

// each calls fn with the id of every item whose field equals value
// (case-insensitively), in id order, until fn returns false.
func (x *docIndex) each(field, value string, fn func(id int64) bool) {
	if set := x.eqSet(field, value); set != nil {
		set.AscendFrom(0, fn)
	}
}

func (s *docSort) entry(d doc) sortEntry {
	id, _ := d.get("id").(float64)
	e := sortEntry{vals: keyValues(d, s.keys), id: id}
	if s.textID {
		e.tid = text(d.get("id"))
	}
	return e
}

func (s *docSort) less(a, b sortEntry) bool {
	for i, k := range s.keys {
		c := compare(a.vals[i], b.vals[i])
		if k.desc {
			c = -c
		}
		if c != 0 {
			return c < 0
		}
	}
	if s.textID {
		return compare(a.tid, b.tid) < 0
	}
	return a.id < b.id
}

// sortOf is the index of the order keys, building it on first use; nil
// when the list already keeps maxSorts orders.
func (x *docIndex) sortOf(keys []sortKey) *docSort { return x.sortBy(keys, false) }

func (x *docIndex) sortBy(keys []sortKey, textID bool) *docSort {
	var name strings.Builder
	if textID {
		name.WriteString("text ids\n")
	}
	for _, k := range keys {
		name.WriteString(k.field)
		if k.desc {
			name.WriteString(" desc")
		}
		name.WriteByte('\n')
	}
	if s, ok := x.sorts[name.String()]; ok {
		return s
	}
	if len(x.sorts) >= maxSorts {
		return nil
	}
	s := &docSort{keys: keys, textID: textID}
	s.tree = index.NewSorted(s.less)
	for _, d := range x.docs {
		s.tree.Set(s.entry(d))
	}
	x.sorts[name.String()] = s
	return s
}

// gatherCost is what one comparison of a sort costs against one filter
// check of a walk, in deciding between the two.
const gatherCost = 4

// list answers a filterBy/searchBy/sortBy/page request; where are
// conditions the operation itself adds (such as an option's definition).
func (x *docIndex) list(q ListQuery, where []cond) (listResult, error) {
	p, err := parseList(q, x.spec)
	if err != nil {
		return listResult{}, err
	}
	p.conds = append(append([]cond{}, where...), p.conds...)
	if p.w.after != nil {
		if _, ok := p.w.after.ID.(float64); !ok { // not a token we issued: answer as a scan would
			return p.page(x.scan(x.ids, p)), nil
		}
	}
	set := x.ids
	for _, c := range p.conds {
		s := x.eqSet(c.field, c.value)
		if s == nil {
			return p.page(nil), nil
		}
		if set == x.ids || s.Len() < set.Len() {
			set = s
		}
	}
	if len(p.conds) > 1 || p.search != "" {
		return p.page(x.scan(set, p)), nil
	}
	if len(p.keys) == 0 {
		return x.pageByID(set, p), nil
	}
	// One condition and a sort: walk the condition's own items in that order.
	if set != x.ids {
		if tree, order, ok := x.eqOrdered(eqField{p.conds[0].field, folded}, p.keys, false, p.conds[0].value); ok {
			return x.pageByEqOrder(tree, order, p), nil
		}
	}
	// Past maxEqOrders: sort the condition's k items (k log k
	// comparisons, each reading documents), or walk the sort order until the
	// page is full (about (offset + page) × n/k cheap checks).
	if k := set.Len(); set != x.ids && x.gather >= 0 && x.gather*k*bits.Len(uint(k)) < (p.w.offset+p.w.size+1)*x.ids.Len()/k {
		return p.page(x.scan(set, p)), nil
	}
	s := x.sortOf(p.keys)
	if s == nil {
		return p.page(x.scan(set, p)), nil
	}
	return x.pageBySort(s, set, p), nil
}

// scan is the documents of set's items that match p, in id order.
func (x *docIndex) scan(set *index.Set[int64], p parsedList) []doc {
	var out []doc
	set.AscendFrom(0, func(id int64) bool {
		if d := x.docs[id]; p.matches(d, x.spec) {
			out = append(out, d)
		}
		return true
	})
	return out
}

// pageByID pages set in id order (no sortBy).
func (x *docIndex) pageByID(set *index.Set[int64], p parsedList) listResult {
	total := set.Len()
	start := min(p.w.offset, total)
	if p.w.after != nil {
		// The next page starts at the first id above the token's.
		f := math.Floor(p.w.after.ID.(float64)) + 1
		switch {
		case f > math.MaxInt64/2:
			start = total
		case f < math.MinInt64/2:
			start = 0
		default:
			start = set.Rank(int64(f))
		}
	}
	var page []doc
	set.AscendFrom(start, func(id int64) bool {
		if len(page) == p.w.size {
			return false
		}
		page = append(page, x.docs[id])
		return true
	})
	return x.result(page, start+len(page) < total, total, nil)
}

// pageBySort pages set (all items, or one condition's) in the order s.
func (x *docIndex) pageBySort(s *docSort, set *index.Set[int64], p parsedList) listResult {
	total := set.Len()
	all := set == x.ids
	start := 0
	if p.w.after != nil {
		pivot := sortEntry{vals: p.w.after.Keys, id: p.w.after.ID.(float64)}
		start = s.tree.Rank(pivot)
		if e, ok := s.tree.At(start); ok && !s.less(pivot, e) {
			start++ // the token's own item
		}
	} else if all {
		start = min(p.w.offset, total)
	}
	skip := 0 // matches to pass over before the page (page=N with a condition)
	if !all && p.w.after == nil {
		skip = p.w.offset
	}
	var page []doc
	more := false
	s.tree.AscendFrom(start, func(e sortEntry) bool {
		d := x.docs[int64(e.id)]
		if !all && !p.matches(d, x.spec) {
			return true
		}
		if skip > 0 {
			skip--
			return true
		}
		if len(page) == p.w.size {
			more = true
			return false
		}
		page = append(page, d)
		return true
	})
	return x.result(page, more, total, p.keys)
}

// pageByEqOrder pages one condition's items, all matching, in their sort order.
func (x *docIndex) pageByEqOrder(tree *index.Sorted[sortEntry], order *docSort, p parsedList) listResult {
	if tree == nil {
		return x.result(nil, false, 0, p.keys)
	}
	var pivot *sortEntry
	if p.w.after != nil {
		pivot = &sortEntry{vals: p.w.after.Keys, id: p.w.after.ID.(float64)}
	}
	var page []doc
	more := false
	tree.AscendFrom(startAfter(tree, order, pivot, p.w.offset), func(e sortEntry) bool {
		if len(page) == p.w.size {
			more = true
			return false
		}
		page = append(page, x.docs[int64(e.id)])
		return true
	})
	return x.result(page, more, tree.Len(), p.keys)
}

// result is a page with the token of the page after it, as window.slice writes it.
func (x *docIndex) result(page []doc, more bool, total int, keys []sortKey) listResult {
	res := listResult{Total: total, Items: make([]any, 0, len(page))}
	for _, d := range page {
		res.Items = append(res.Items, d)
	}
	if more && len(page) > 0 {
		last := page[len(page)-1]
		tok := encodeCursor(cursor{Version: 1, Keys: keyValues(last, keys), ID: last.get("id")})
		res.Next = &tok
	}
	return res
}
