package llamadapro

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/switchboard-sim/switchboard/simulator/errs"
)

// Unit tests of the list and search logic, without HTTP: hand-written
// expectations, where the brute-force tests compare the indexes with this
// same logic.

func mustDoc(t *testing.T, s string) doc {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		t.Fatal(err)
	}
	return toDoc(m)
}

func TestDocValuesReadsDottedPathsAndFansOutArrays(t *testing.T) {
	d := mustDoc(t, `{"id":7,"a":{"b":{"c":"deep"}},"n":null,"tags":["p","q"],
		"addresses":[{"address":"x@y.io","channelType":"EMAIL"},{"address":"+569","channelType":"PHONE"},"not an object"],
		"customFields":{"score":3,"list":[1,2]}}`)
	for _, c := range []struct {
		path string
		want []any
	}{
		{"id", []any{7.0}},
		{"a.b.c", []any{"deep"}},
		{"a.b", []any{map[string]any{"c": "deep"}}},
		{"n", []any{nil}}, // present and null: one nil value
		{"tags", []any{"p", "q"}},
		{"addresses.address", []any{"x@y.io", "+569"}},
		{"addresses.channelType", []any{"EMAIL", "PHONE"}},
		{"customFields.score", []any{3.0}},
		{"customFields.list", []any{1.0, 2.0}},
		{"missing", nil},
		{"a.b.c.d", nil},
		{"a.x", nil},
		{"addresses.nothing", nil},
	} {
		if got := d.values(c.path); !reflect.DeepEqual(got, c.want) {
			t.Errorf("values(%q) = %#v, want %#v", c.path, got, c.want)
		}
	}
	if got := d.first("addresses.address"); got != "x@y.io" {
		t.Errorf("first(addresses.address) = %v, want the first address", got)
	}
	if got := d.first("missing"); got != nil {
		t.Errorf("first(missing) = %v, want nil", got)
	}
}

func TestCompareOrdersScalars(t *testing.T) {
	for _, c := range []struct {
		a, b any
		want int
	}{
		{nil, nil, 0}, {nil, "a", -1}, {"a", nil, 1},
		{9.0, 10.0, -1}, {10.0, 9.0, 1}, {2.0, 2.0, 0},
		{"9", "10", 1}, // strings compare as text
		{"ana", "ANA", 0}, {"Bo", "ana", 1},
		{"2026-01-02T00:00:00Z", "2026-01-01T23:00:00-02:00", -1}, // as instants, not text
		{true, false, 1},
	} {
		if got := compare(c.a, c.b); got != c.want {
			t.Errorf("compare(%#v, %#v) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}

func TestParseListNamesEveryWrongParameter(t *testing.T) {
	_, err := parseList(ListQuery{FilterBy: "firstName:ana;nope;color:red", SortBy: "lastName=up,shoeSize", PageToken: "garbage"}, contactList)
	e := errs.As(err)
	if e.Code != errs.Invalid {
		t.Fatalf("err %v, want Invalid", err)
	}
	var got []string
	for _, f := range e.Fields {
		if f.In != "query" {
			t.Errorf("field %s is in %q, want query", f.Name, f.In)
		}
		got = append(got, f.Name+": "+f.Reason)
	}
	for _, want := range []string{
		`filterBy: "nope" is not field:value`,
		`filterBy: cannot filter by "color"`,
		`sortBy: direction "up" of lastName must be asc or desc`,
		`sortBy: cannot sort by "shoeSize"`,
		`pageToken: not a token issued by this server`,
	} {
		if !strings.Contains(strings.Join(got, "\n"), want) {
			t.Errorf("errors %q do not include %q", got, want)
		}
	}

	p, err := parseList(ListQuery{FilterBy: " firstName : Ana ;customFields.tier:gold;", SearchBy: "  Diaz  ", SortBy: "lastName=DESC;id", PageSize: 500}, contactList)
	if err != nil {
		t.Fatal(err)
	}
	if want := []cond{{"firstName", "Ana"}, {"customFields.tier", "gold"}}; !reflect.DeepEqual(p.conds, want) {
		t.Errorf("conds %+v, want %+v", p.conds, want)
	}
	if want := []sortKey{{"lastName", true}, {"id", false}}; !reflect.DeepEqual(p.keys, want) {
		t.Errorf("keys %+v, want %+v", p.keys, want)
	}
	if p.search != "diaz" || p.w.size != 100 {
		t.Errorf("search %q size %d, want diaz and the 100 cap", p.search, p.w.size)
	}
}

func TestMatchesFiltersCaseInsensitivelyAndSearchesEveryWord(t *testing.T) {
	d := mustDoc(t, `{"id":1,"firstName":"Ana","lastName":"Díaz","userId":10,
		"addresses":[{"address":"ana@x.io","channelType":"EMAIL"}],"customFields":{"tier":"Gold"}}`)
	for _, c := range []struct {
		q    ListQuery
		want bool
	}{
		{ListQuery{}, true},
		{ListQuery{FilterBy: "firstName:ANA"}, true},
		{ListQuery{FilterBy: "firstName:An"}, false}, // equality, not prefix
		{ListQuery{FilterBy: "userId:10"}, true},
		{ListQuery{FilterBy: "addresses.channelType:email;customFields.tier:gold"}, true},
		{ListQuery{FilterBy: "addresses.channelType:phone"}, false},
		{ListQuery{SearchBy: "díaz ana"}, true}, // every word, any field, any order
		{ListQuery{SearchBy: "x.io"}, true},
		{ListQuery{SearchBy: "ana zed"}, false},
		{ListQuery{SearchBy: "gold"}, false}, // customFields are not searched
	} {
		p, err := parseList(c.q, contactList)
		if err != nil {
			t.Fatal(err)
		}
		if got := p.matches(d, contactList); got != c.want {
			t.Errorf("%+v matches = %v, want %v", c.q, got, c.want)
		}
	}
}

func TestPageSortsThenWalksTokensWithoutGapsOrRepeats(t *testing.T) {
	var docs []doc
	for i, name := range []string{"cy", "Ab", "bo", "ab", "Bo"} {
		docs = append(docs, mustDoc(t, fmt.Sprintf(`{"id":%d,"firstName":%q}`, i+1, name)))
	}
	ids := func(r listResult) (out []float64) {
		for _, it := range r.Items {
			out = append(out, it.(doc).get("id").(float64))
		}
		return out
	}
	// firstName desc, ties by id ascending: cy(1), bo(3), Bo(5), Ab(2), ab(4).
	want := []float64{1, 3, 5, 2, 4}
	var got []float64
	q := ListQuery{SortBy: "firstName=desc", PageSize: 2}
	for pages := 0; ; pages++ {
		p, err := parseList(q, contactList)
		if err != nil {
			t.Fatal(err)
		}
		r := p.page(append([]doc(nil), docs...))
		if r.Total != 5 {
			t.Fatalf("total %d, want 5", r.Total)
		}
		got = append(got, ids(r)...)
		if r.Next == nil {
			if pages != 2 {
				t.Fatalf("%d pages, want 3", pages+1)
			}
			break
		}
		q.PageToken = *r.Next
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("walked %v, want %v", got, want)
	}
	p, _ := parseList(ListQuery{SortBy: "firstName=desc", PageSize: 2, Page: 3}, contactList)
	if r := p.page(append([]doc(nil), docs...)); !reflect.DeepEqual(ids(r), []float64{4}) || r.Next != nil {
		t.Fatalf("page 3 = %v (next %v), want [4] and no next page", ids(r), r.Next)
	}
}

// unitContacts adds five contacts that no fixture shares a lastName with.
func unitContacts(t *testing.T, s *State) map[string]int64 {
	t.Helper()
	ids := map[string]int64{}
	for _, c := range []struct{ key, first, last, pos, email string }{
		{"ana", "Ana", "Unitdiaz", "Buyer", "ana@unit.io"},
		{"bo", "Bo", "Unitdiaz", "CTO", "bo@unit.io"},
		{"cy", "Cy", "Unitng", "buyer", "cy@other.io"},
		{"di", "Di", "Unitng", "Intern", "di@unit.io"},
		{"ed", "Ed", "Unitoneil", "CTO", "ed@other.io"},
	} {
		s.clock.Advance(time.Second)
		body := map[string]json.RawMessage{
			"firstName": rawJSON(c.first), "lastName": rawJSON(c.last), "companyPosition": rawJSON(c.pos),
			"addresses": rawJSON([]NewAddress{{ChannelType: "EMAIL", Address: c.email}}),
		}
		got, err := s.CreateContact(body)
		if err != nil {
			t.Fatal(err)
		}
		ids[c.key] = got.ID
	}
	return ids
}

func TestListContactsFiltersSearchesSortsAndPages(t *testing.T) {
	s := newTestState(t, "unit-list")
	ids := unitContacts(t, s)
	names := func(r listResult) (out []int64) {
		for _, it := range r.Items {
			out = append(out, it.(Contact).ID)
		}
		return out
	}
	r, err := s.ListContacts(ListQuery{FilterBy: "companyPosition:buyer", SearchBy: "unit", SortBy: "firstName=desc"})
	if err != nil {
		t.Fatal(err)
	}
	if want := []int64{ids["cy"], ids["ana"]}; !reflect.DeepEqual(names(r), want) || r.Total != 2 {
		t.Fatalf("buyers named unit*, by firstName desc: %v (total %d), want %v", names(r), r.Total, want)
	}
	var walked []int64
	q := ListQuery{SearchBy: "unit.io", SortBy: "lastName,firstName=desc", PageSize: 1}
	for {
		r, err := s.ListContacts(q)
		if err != nil {
			t.Fatal(err)
		}
		walked = append(walked, names(r)...)
		if r.Next == nil {
			break
		}
		q.PageToken = *r.Next
	}
	if want := []int64{ids["bo"], ids["ana"], ids["di"]}; !reflect.DeepEqual(walked, want) {
		t.Fatalf("unit.io addresses by lastName, firstName desc: %v, want %v", walked, want)
	}
	if _, err := s.ListContacts(ListQuery{SortBy: "shoeSize"}); errs.As(err).Code != errs.Invalid {
		t.Fatalf("unknown sort key: %v, want Invalid", err)
	}
}

func TestSearchContactsCombinesOrGroupsWithAnd(t *testing.T) {
	s := newTestState(t, "unit-search")
	ids := unitContacts(t, s)
	size := func(n float64) *float64 { return &n }
	search := func(in SearchRequest) ([]string, *int, *string) {
		t.Helper()
		p, err := s.SearchContacts(in)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, d := range p.Items {
			out = append(out, d.get("id").(string))
		}
		return out, p.TotalCount, p.NextPageToken
	}
	id := func(keys ...string) (out []string) {
		for _, k := range keys {
			out = append(out, fmt.Sprint(ids[k]))
		}
		return out
	}
	// (lastName = Unitdiaz OR lastName = Unitng) AND companyPosition in (cto, intern)
	got, total, _ := search(SearchRequest{
		Filters: []SearchFilter{
			{Field: "lastName", Operator: "eq", Value: "unitdiaz"},
			{Field: "lastName", Operator: "eq", Value: "UNITNG", Or: true},
			{Field: "companyPosition", Operator: "in", Value: []any{"cto", "intern"}},
		},
		Sort:              []SearchSort{{Field: "firstName", Direction: "asc"}},
		IncludeTotalCount: "true",
	})
	if want := id("bo", "di"); !reflect.DeepEqual(got, want) || total == nil || *total != 2 {
		t.Fatalf("search = %v (total %v), want %v and total 2", got, total, want)
	}
	// startsWith and neq, free text, paging one at a time.
	var walked []string
	in := SearchRequest{
		Search:  "unit",
		Filters: []SearchFilter{{Field: "lastName", Operator: "startsWith", Value: "unit"}, {Field: "firstName", Operator: "neq", Value: "ed"}},
		Sort:    []SearchSort{{Field: "firstName", Direction: "desc"}},
		Size:    size(1),
	}
	for {
		got, total, next := search(in)
		if total != nil {
			t.Fatalf("totalCount %d without includeTotalCount", *total)
		}
		walked = append(walked, got...)
		if next == nil {
			break
		}
		in.PageToken = *next
	}
	if want := id("di", "cy", "bo", "ana"); !reflect.DeepEqual(walked, want) {
		t.Fatalf("paged search = %v, want %v", walked, want)
	}
	if _, err := s.SearchContacts(SearchRequest{Filters: []SearchFilter{{Field: "shoeSize", Operator: "eq", Value: 1}}}); errs.As(err).Code != errs.Invalid {
		t.Fatalf("unknown field: %v, want Invalid", err)
	}
}
