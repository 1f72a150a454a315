package llamadapro

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/switchboard-sim/switchboard/simulator/errs"
	"github.com/tidwall/gjson"
)

// ListQuery is the seed's list convention: filterBy=field:value;field:value,
// searchBy free text, sortBy=field=asc|desc[,field=asc|desc], page/pageSize
// (page counts from 1) or an opaque pageToken.
type ListQuery struct {
	FilterBy  string
	SearchBy  string
	SortBy    string
	Page      int
	PageSize  int
	PageToken string
}

// listSpec says which fields of a document may be filtered and sorted on,
// and which the free-text search reads.
type listSpec struct {
	fields   []string
	prefixes []string // such as "customFields.": any key under it
	search   []string
}

func (l listSpec) knows(f string) bool {
	for _, k := range l.fields {
		if k == f {
			return true
		}
	}
	for _, p := range l.prefixes {
		if strings.HasPrefix(f, p) && len(f) > len(p) {
			return true
		}
	}
	return false
}

// doc is an item in its JSON form, so every field can be read by name:
// the bytes json.Marshal made of it, read with gjson, so a write costs one
// encode and no decode into maps. over, when set, replaces top-level fields
// (SearchContacts' document shape) without copying the bytes. A pointer,
// so a page's documents go into []any without a copy each.
type doc = *jdoc

type jdoc struct {
	raw  string // a string, so gjson reads it without copying
	over map[string]any
}

func toDoc(v any) doc {
	b, _ := json.Marshal(v)
	return &jdoc{raw: string(b)}
}

// get is the top-level field key, or nil.
func (d *jdoc) get(key string) any {
	if v, ok := d.over[key]; ok {
		return v
	}
	return gjson.Get(d.raw, gjson.Escape(key)).Value()
}

// values reads a dotted path; arrays fan out (addresses.address).
func (d *jdoc) values(path string) []any {
	if !strings.Contains(path, ".") { // a top-level field: no fan-out but its own array's
		if v, ok := d.over[path]; ok {
			return []any{v}
		}
		return flatten(nil, gjson.Get(d.raw, gjson.Escape(path)))
	}
	parts := strings.Split(path, ".")
	if _, ok := d.over[parts[0]]; ok {
		return nil // an overriding value is a scalar: it has no fields
	}
	cur := []gjson.Result{gjson.Parse(d.raw)}
	for _, part := range parts {
		key := gjson.Escape(part)
		var next []gjson.Result
		for _, r := range cur {
			switch {
			case r.IsObject():
				if y := r.Get(key); y.Exists() {
					next = append(next, y)
				}
			case r.IsArray():
				r.ForEach(func(_, e gjson.Result) bool {
					if e.IsObject() {
						if y := e.Get(key); y.Exists() {
							next = append(next, y)
						}
					}
					return true
				})
			}
		}
		cur = next
	}
	var out []any
	for _, r := range cur {
		out = flatten(out, r)
	}
	return out
}

// flatten appends r's value to out, or its elements' if r is an array; a
// missing r adds nothing.
func flatten(out []any, r gjson.Result) []any {
	switch {
	case !r.Exists():
	case r.IsArray():
		r.ForEach(func(_, e gjson.Result) bool {
			out = append(out, e.Value())
			return true
		})
	default:
		out = append(out, r.Value())
	}
	return out
}

// hasKey reports whether the object at top-level field obj has key.
func (d *jdoc) hasKey(obj, key string) bool {
	r := gjson.Get(d.raw, gjson.Escape(obj))
	return r.IsObject() && r.Get(gjson.Escape(key)).Exists()
}

// MarshalJSON renders d as the map it stands for (keys sorted), with its
// overriding fields.
func (d *jdoc) MarshalJSON() ([]byte, error) {
	var m map[string]any
	if err := json.Unmarshal([]byte(d.raw), &m); err != nil {
		return nil, err
	}
	for k, v := range d.over {
		m[k] = v
	}
	return json.Marshal(m)
}

// first is the first value at path, or nil.
func (d *jdoc) first(path string) any {
	if !strings.Contains(path, ".") {
		if v, ok := d.over[path]; ok {
			return v
		}
		r := gjson.Get(d.raw, gjson.Escape(path))
		if r.IsArray() {
			r = r.Get("0")
		}
		return r.Value()
	}
	if v := d.values(path); len(v) > 0 {
		return v[0]
	}
	return nil
}

// text renders a JSON scalar for matching.
func text(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	default:
		b, _ := json.Marshal(x)
		return string(b)
	}
}

// compare orders two JSON scalars: nil first, numbers numerically, the rest as text.
func compare(a, b any) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return -1
	case b == nil:
		return 1
	}
	if x, ok := a.(float64); ok {
		if y, ok := b.(float64); ok {
			switch {
			case x < y:
				return -1
			case x > y:
				return 1
			}
			return 0
		}
	}
	if x, ok := asTime(a); ok {
		if y, ok := asTime(b); ok {
			return x.Compare(y)
		}
	}
	return strings.Compare(strings.ToLower(text(a)), strings.ToLower(text(b)))
}

func asTime(v any) (time.Time, bool) {
	s, ok := v.(string)
	if !ok || len(s) < 20 || s[4] != '-' {
		return time.Time{}, false
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	return t, err == nil
}

type sortKey struct {
	field string
	desc  bool
}

// parseSort reads sortBy=field=asc|desc (several separated by commas or semicolons).
func parseSort(param, raw string, spec listSpec, bad *errs.Collector) []sortKey {
	var keys []sortKey
	for _, part := range strings.FieldsFunc(raw, func(r rune) bool { return r == ',' || r == ';' }) {
		field, dir, _ := strings.Cut(strings.TrimSpace(part), "=")
		dir = strings.ToLower(strings.TrimSpace(dir))
		switch {
		case !spec.knows(field):
			bad.Add(param, fmt.Sprintf("cannot sort by %q; sortable fields: %s", field, strings.Join(spec.fields, ", ")))
		case dir != "" && dir != "asc" && dir != "desc":
			bad.Add(param, fmt.Sprintf("direction %q of %s must be asc or desc", dir, field))
		default:
			keys = append(keys, sortKey{field: field, desc: dir == "desc"})
		}
	}
	return keys
}

// sortDocs sorts by keys, then by id so that the order is total and pages are stable.
func sortDocs(docs []doc, keys []sortKey) {
	sort.SliceStable(docs, func(i, j int) bool {
		return cmpKeyed(keys, keyValues(docs[i], keys), docs[i].get("id"), docs[j]) < 0
	})
}

// keyValues are a document's values for the sort keys.
func keyValues(d doc, keys []sortKey) []any {
	out := make([]any, len(keys))
	for i, k := range keys {
		out[i] = d.first(k.field)
	}
	return out
}

// cmpKeyed orders an item known by its sort values and id against d.
func cmpKeyed(keys []sortKey, vals []any, id any, d doc) int {
	for i, k := range keys {
		c := compare(vals[i], d.first(k.field))
		if k.desc {
			c = -c
		}
		if c != 0 {
			return c
		}
	}
	return compare(id, d.get("id"))
}

// listResult is one page of items.
type listResult struct {
	Items []any
	Next  *string
	Total int
}

// typed replaces each document of a page with the typed item of its id,
// so list items render in the same field order as single reads.
func typed[T any](r listResult, item func(id int64) T) listResult {
	for i, it := range r.Items {
		if d, ok := it.(doc); ok {
			r.Items[i] = item(int64(gjson.Get(d.raw, "id").Float())) // float64 first, as the JSON number was read
		}
	}
	return r
}

// cond is one filterBy condition: field:value, case-insensitive equality.
type cond struct{ field, value string }

// parsedList is a list request checked against its spec.
type parsedList struct {
	conds  []cond
	keys   []sortKey
	w      window
	search string // lower-cased searchBy
}

// parseList checks q against spec, naming every wrong query parameter.
func parseList(q ListQuery, spec listSpec) (parsedList, error) {
	var bad errs.Collector
	var p parsedList
	for _, part := range strings.Split(q.FilterBy, ";") {
		if strings.TrimSpace(part) == "" {
			continue
		}
		field, value, ok := strings.Cut(part, ":")
		field = strings.TrimSpace(field)
		switch {
		case !ok:
			bad.Add("filterBy", fmt.Sprintf("%q is not field:value", part))
		case !spec.knows(field):
			bad.Add("filterBy", fmt.Sprintf("cannot filter by %q; filterable fields: %s", field, strings.Join(spec.fields, ", ")))
		default:
			p.conds = append(p.conds, cond{field, strings.TrimSpace(value)})
		}
	}
	p.keys = parseSort("sortBy", q.SortBy, spec, &bad)
	p.w = pageWindow(q, len(p.keys), &bad)
	if err := bad.Err(); err != nil {
		return parsedList{}, asQuery(err)
	}
	p.search = strings.ToLower(strings.TrimSpace(q.SearchBy))
	return p, nil
}

// matches reports whether d passes every condition and the search.
func (p parsedList) matches(d doc, spec listSpec) bool {
	for _, c := range p.conds {
		if !anyEquals(d.values(c.field), c.value) {
			return false
		}
	}
	return p.search == "" || matchesText(d, spec.search, p.search)
}

// page sorts the matching docs and cuts the window: the linear path, for
// what the indexes cannot answer (see docindex.go).
func (p parsedList) page(docs []doc) listResult {
	sortDocs(docs, p.keys)
	page, next := p.w.slice(docs, p.keys)
	res := listResult{Total: len(docs), Items: []any{}, Next: next}
	for _, d := range page {
		res.Items = append(res.Items, d)
	}
	return res
}

func anyEquals(vals []any, want string) bool {
	for _, v := range vals {
		if strings.EqualFold(text(v), want) {
			return true
		}
	}
	return false
}

func matchesText(d doc, fields []string, needle string) bool {
	var hay []string
	for _, f := range fields {
		for _, v := range d.values(f) {
			hay = append(hay, strings.ToLower(text(v)))
		}
	}
	full := strings.Join(hay, " ")
	for _, word := range strings.Fields(needle) {
		if !strings.Contains(full, word) {
			return false
		}
	}
	return true
}

// asQuery marks collected field errors as query-parameter errors.
func asQuery(err error) error {
	e := errs.As(err)
	for i := range e.Fields {
		e.Fields[i].In = "query"
	}
	return e
}
