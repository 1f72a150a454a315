package llamadapro

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/switchboard-sim/switchboard/simulator/errs"
	"github.com/switchboard-sim/switchboard/simulator/index"
)

// SearchFilter is one condition of SearchContacts. A filter with or=true is
// joined to the filter before it by OR; runs of OR-joined filters are then
// joined by AND: [a, b(or), c] means (a OR b) AND c.
type SearchFilter struct {
	Field    string `json:"field"`
	Operator string `json:"operator"`
	Value    any    `json:"value"`
	Or       bool   `json:"or"`
}

// SearchSort is one sort key.
type SearchSort struct {
	Field     string `json:"field"`
	Direction string `json:"direction"`
}

// SearchRequest is SearchContacts' body. includeArchived and
// includeTotalCount take booleans or the strings "true"/"false".
type SearchRequest struct {
	Search            string         `json:"search"`
	Filters           []SearchFilter `json:"filters"`
	Sort              []SearchSort   `json:"sort"`
	Size              *float64       `json:"size"`
	PageToken         string         `json:"pageToken"`
	IncludeArchived   any            `json:"includeArchived"`
	IncludeTotalCount any            `json:"includeTotalCount"`
}

// SearchPage is SearchContacts' answer; totalCount only when asked for.
type SearchPage struct {
	Items         []doc   `json:"items"`
	NextPageToken *string `json:"nextPageToken,omitempty"`
	TotalCount    *int    `json:"totalCount,omitempty"`
}

var searchList = listSpec{
	fields:   append(append([]string{}, contactList.fields...), "archivedAt", "eventSequence", "eventTimestamp", "modelType"),
	prefixes: contactList.prefixes,
	search:   contactList.search,
}

func truthy(v any) bool {
	switch x := v.(type) {
	case bool:
		return x
	case string:
		return strings.EqualFold(x, "true")
	}
	return false
}

// searchDoc is a contact in the search-document shape: string ids, modelType,
// eventSequence and eventTimestamp. d is the contact's indexed document; its
// bytes are shared, as indexed documents are replaced on write, never changed.
func searchDoc(d doc, event int64) doc {
	over := make(map[string]any, 8)
	over["id"] = text(d.get("id"))
	for _, k := range []string{"userId", "contactCompanyId"} {
		if v, ok := d.get(k).(float64); ok {
			over[k] = strconv.FormatFloat(v, 'f', -1, 64)
		}
	}
	over["modelType"] = "Contact"
	over["archivedAt"] = nil
	over["eventSequence"] = float64(event)
	over["eventTimestamp"] = d.get("updatedAt")
	return &jdoc{raw: d.raw, over: over}
}

// searchEq narrows a search to the contacts holding the value of one of
// its eq filters that no other filter is OR-ed with (the smallest such),
// read from the contacts' lower-cased equality index, and says which
// filter that is; a nil set and -1 mean every contact. Other operators and
// free text cannot be indexed. Callers hold mu.
func (s *State) searchEq(fs []SearchFilter) (*index.Set[int64], int) {
	var best *index.Set[int64]
	at := -1
	for i, f := range fs {
		alone := (i == 0 || !f.Or) && (i+1 == len(fs) || !fs[i+1].Or)
		if !alone || f.Operator != "eq" || f.Value == nil || !contactList.knows(f.Field) {
			continue
		}
		set := s.cix.eqSetBy(eqField{f.Field, lowered}, text(f.Value))
		if set == nil {
			return index.NewSet(func(a, b int64) bool { return a < b }), i // nothing holds it
		}
		if at < 0 || set.Len() < best.Len() {
			best, at = set, i
		}
	}
	return best, at
}

// SearchContacts runs a search request.
func (s *State) SearchContacts(in SearchRequest) (SearchPage, error) {
	var bad errs.Collector
	for i, f := range in.Filters {
		if !searchList.knows(f.Field) {
			bad.Add(fmt.Sprintf("filters[%d].field", i), fmt.Sprintf("cannot search on %q; fields: %s, customFields.<key>", f.Field, strings.Join(searchList.fields, ", ")))
		}
		if f.Operator == "in" {
			if _, ok := f.Value.([]any); !ok {
				if _, ok := f.Value.(string); !ok {
					bad.Add(fmt.Sprintf("filters[%d].value", i), "operator in takes an array or a comma-separated string")
				}
			}
		}
	}
	var keys []sortKey
	for i, k := range in.Sort {
		if !searchList.knows(k.Field) {
			bad.Add(fmt.Sprintf("sort[%d].field", i), fmt.Sprintf("cannot sort by %q", k.Field))
			continue
		}
		keys = append(keys, sortKey{field: k.Field, desc: k.Direction == "desc"})
	}
	q := ListQuery{PageToken: in.PageToken}
	if in.Size != nil {
		q.PageSize = int(*in.Size)
	}
	w := pageWindow(q, len(keys), &bad)
	if err := bad.Err(); err != nil {
		return SearchPage{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	set, eqAt := s.searchEq(in.Filters)
	if set == nil {
		set = s.cix.ids
	}
	needle := strings.ToLower(strings.TrimSpace(in.Search))
	hit := func(id int64) (doc, bool) {
		d := searchDoc(s.cix.docs[id], s.contacts[id].event)
		return d, (needle == "" || matchesText(d, searchList.search, needle)) && matchFilters(d, in.Filters) &&
			(truthy(in.IncludeArchived) || d.get("archivedAt") == nil)
	}
	if page, ok := s.searchByEqOrder(in, keys, w, eqAt, hit); ok {
		return page, nil
	}
	if page, ok := s.searchBySort(in, keys, w, set, hit); ok {
		return page, nil
	}
	var hits []doc
	set.AscendFrom(0, func(id int64) bool {
		if d, ok := hit(id); ok {
			hits = append(hits, d)
		}
		return true
	})
	sortDocs(hits, keys)
	page := SearchPage{Items: []doc{}}
	if truthy(in.IncludeTotalCount) {
		n := len(hits)
		page.TotalCount = &n
	}
	items, next := w.slice(hits, keys)
	page.Items = append(page.Items, items...)
	page.NextPageToken = next
	return page, nil
}

// sortsAlike reports whether the sort keys read the same in a contact's
// indexed document and in its search document.
func sortsAlike(keys []sortKey) bool {
	for _, k := range keys {
		if !contactList.knows(k.field) || k.field == "id" || k.field == "userId" || k.field == "contactCompanyId" {
			return false // typed differently in the search shape
		}
	}
	return true
}

// searchByEqOrder answers a search narrowed by the eq filter at eqAt by
// walking that filter's value's contacts in the requested order (ties on
// the id as text, as SearchContacts sorts; with no sort that is the whole
// order) from the token until the page is full: O(page + log n) when the
// rest of the request keeps most of them. When the eq filter is the whole
// request (no other filter, no free text) every contact walked matches and
// totalCount is the tree's size; otherwise totalCount reads the value's
// contacts. Callers hold mu.
func (s *State) searchByEqOrder(in SearchRequest, keys []sortKey, w window, eqAt int, hit func(int64) (doc, bool)) (SearchPage, bool) {
	if eqAt < 0 || !sortsAlike(keys) {
		return SearchPage{}, false
	}
	var pivot *sortEntry
	if w.after != nil {
		id, ok := w.after.ID.(string)
		if !ok {
			return SearchPage{}, false
		}
		pivot = &sortEntry{vals: w.after.Keys, tid: id}
	}
	f := in.Filters[eqAt]
	tree, order, ok := s.cix.eqOrdered(eqField{f.Field, lowered}, keys, true, text(f.Value))
	if !ok {
		return SearchPage{}, false
	}
	page := SearchPage{Items: []doc{}}
	if tree == nil {
		if truthy(in.IncludeTotalCount) {
			n := 0
			page.TotalCount = &n
		}
		return page, true
	}
	more := false
	tree.AscendFrom(startAfter(tree, order, pivot, 0), func(e sortEntry) bool {
		d, ok := hit(int64(e.id))
		if !ok {
			return true
		}
		if len(page.Items) == w.size {
			more = true
			return false
		}
		page.Items = append(page.Items, d)
		return true
	})
	if more {
		last := page.Items[len(page.Items)-1]
		tok := encodeCursor(cursor{Version: 1, Keys: keyValues(last, keys), ID: last.get("id")})
		page.NextPageToken = &tok
	}
	if truthy(in.IncludeTotalCount) {
		// A lone eq filter with a non-empty value: every contact of the
		// value matches (matchOne skips null values, which key as "").
		n := tree.Len()
		if len(in.Filters) > 1 || strings.TrimSpace(in.Search) != "" || text(f.Value) == "" {
			n = 0
			tree.Scan(func(e sortEntry) bool {
				if _, ok := hit(int64(e.id)); ok {
					n++
				}
				return true
			})
		}
		page.TotalCount = &n
	}
	return page, true
}

// searchBySort answers a search by walking the contacts' index of its
// order (with SearchContacts' text-id tie-break; no sort is the text-id
// order alone) until the page is full, when the sort fields read the same
// in a contact and in its search document and walking costs less than
// sorting the k candidates (about page × n/k steps against k). totalCount
// is the number of contacts when there is no filter and no free text;
// otherwise it reads every candidate. Callers hold mu.
func (s *State) searchBySort(in SearchRequest, keys []sortKey, w window, set *index.Set[int64], hit func(int64) (doc, bool)) (SearchPage, bool) {
	if !sortsAlike(keys) {
		return SearchPage{}, false
	}
	if k, n := set.Len(), s.cix.ids.Len(); set != s.cix.ids && k*k <= (w.size+1)*n {
		return SearchPage{}, false
	}
	var pivot sortEntry
	if w.after != nil {
		id, ok := w.after.ID.(string)
		if !ok {
			return SearchPage{}, false
		}
		pivot = sortEntry{vals: w.after.Keys, tid: id}
	}
	st := s.cix.sortBy(keys, true)
	if st == nil {
		return SearchPage{}, false
	}
	start := 0
	if w.after != nil {
		start = st.tree.Rank(pivot)
		if e, ok := st.tree.At(start); ok && !st.less(pivot, e) {
			start++ // the token's own contact
		}
	}
	page := SearchPage{Items: []doc{}}
	more := false
	st.tree.AscendFrom(start, func(e sortEntry) bool {
		d, ok := hit(int64(e.id))
		if !ok {
			return true
		}
		if len(page.Items) == w.size {
			more = true
			return false
		}
		page.Items = append(page.Items, d)
		return true
	})
	if more {
		last := page.Items[len(page.Items)-1]
		tok := encodeCursor(cursor{Version: 1, Keys: keyValues(last, keys), ID: last.get("id")})
		page.NextPageToken = &tok
	}
	if truthy(in.IncludeTotalCount) {
		n := set.Len() // no filter and no free text: every contact matches
		if len(in.Filters) > 0 || strings.TrimSpace(in.Search) != "" {
			n = 0
			set.AscendFrom(0, func(id int64) bool {
				if _, ok := hit(id); ok {
					n++
				}
				return true
			})
		}
		page.TotalCount = &n
	}
	return page, true
}

// matchFilters applies the filters: OR within a run joined by or=true, AND between runs.
func matchFilters(d doc, fs []SearchFilter) bool {
	group := false
	for i, f := range fs {
		ok := matchOne(d.values(f.Field), f)
		if i > 0 && f.Or {
			group = group || ok
			continue
		}
		if i > 0 && !group {
			return false
		}
		group = ok
	}
	return len(fs) == 0 || group
}

// matchOne reports whether any value at the field satisfies the filter.
func matchOne(vals []any, f SearchFilter) bool {
	if f.Operator == "exists" {
		want := f.Value == nil || truthy(f.Value) || f.Value == true
		has := false
		for _, v := range vals {
			has = has || (v != nil && v != "")
		}
		return has == want
	}
	if f.Operator == "neq" {
		return !matchOne(vals, SearchFilter{Operator: "eq", Value: f.Value})
	}
	want := text(f.Value)
	for _, v := range vals {
		if v == nil {
			continue
		}
		got := text(v)
		lg, lw := strings.ToLower(got), strings.ToLower(want)
		var ok bool
		switch f.Operator {
		case "eq":
			ok = lg == lw
		case "contains":
			ok = strings.Contains(lg, lw)
		case "startsWith":
			ok = strings.HasPrefix(lg, lw)
		case "in":
			ok = inList(lg, f.Value)
		case "gt", "gte", "lt", "lte":
			c := compare(scalar(v), scalar(f.Value))
			ok = (f.Operator == "gt" && c > 0) || (f.Operator == "gte" && c >= 0) ||
				(f.Operator == "lt" && c < 0) || (f.Operator == "lte" && c <= 0)
		}
		if ok {
			return true
		}
	}
	return false
}

// scalar turns numeric strings into numbers so "10" > "9" compares numerically.
func scalar(v any) any {
	if s, ok := v.(string); ok {
		if f, err := strconv.ParseFloat(s, 64); err == nil {
			return f
		}
	}
	return v
}

func inList(got string, list any) bool {
	var items []string
	switch x := list.(type) {
	case []any:
		for _, e := range x {
			items = append(items, text(e))
		}
	case string:
		items = strings.Split(x, ",")
	}
	for _, it := range items {
		if strings.EqualFold(strings.TrimSpace(it), got) {
			return true
		}
	}
	return false
}
