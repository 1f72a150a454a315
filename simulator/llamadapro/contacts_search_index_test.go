package llamadapro

import (
	"encoding/json"
	"fmt"
	"math/rand"
	"strconv"
	"strings"
	"testing"

	"github.com/switchboard-sim/switchboard/simulator/errs"
)

// refSearchContacts is SearchContacts the straightforward way: encode
// every contact in the search shape, filter, sort, cut the page.
func refSearchContacts(s *State, in SearchRequest) (SearchPage, error) {
	s.mu.Lock()
	var docs []doc
	for _, c := range s.contactsSorted() {
		var d map[string]any
		if err := json.Unmarshal([]byte(toDoc(c).raw), &d); err != nil {
			panic(err)
		}
		d["id"] = strconv.FormatInt(c.ID, 10)
		for _, k := range []string{"userId", "contactCompanyId"} {
			if v, ok := d[k].(float64); ok {
				d[k] = strconv.FormatFloat(v, 'f', -1, 64)
			}
		}
		d["modelType"], d["archivedAt"], d["eventSequence"], d["eventTimestamp"] = "Contact", nil, float64(c.event), d["updatedAt"]
		docs = append(docs, toDoc(d))
	}
	s.mu.Unlock()
	var keys []sortKey
	for _, k := range in.Sort {
		keys = append(keys, sortKey{field: k.Field, desc: k.Direction == "desc"})
	}
	q := ListQuery{PageToken: in.PageToken}
	if in.Size != nil {
		q.PageSize = int(*in.Size)
	}
	var bad errs.Collector
	w := pageWindow(q, len(keys), &bad)
	if err := bad.Err(); err != nil {
		return SearchPage{}, err
	}
	needle := strings.ToLower(strings.TrimSpace(in.Search))
	var hits []doc
	for _, d := range docs {
		if (needle == "" || matchesText(d, searchList.search, needle)) && matchFilters(d, in.Filters) {
			hits = append(hits, d)
		}
	}
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

func randomSearch(rng *rand.Rand) SearchRequest {
	var in SearchRequest
	fields := []string{"firstName", "lastName", "id", "userId", "addresses.address", "customFields.source", "customFields.score", "companyPosition", "modelType", "eventSequence"}
	for i := rng.Intn(4); i > 0; i-- {
		f := SearchFilter{Field: pick(rng, fields...), Operator: pick(rng, "eq", "eq", "eq", "neq", "contains", "startsWith", "in", "gt", "lte", "exists"),
			Value: pick[any](rng, "ana", "ANA", "Çem", "diaz", "buyer", "1", 2.0, "10", "a@x.io", "web", "contact", nil, true, "ana,bo"),
			Or:    rng.Intn(4) == 0}
		if f.Operator == "in" {
			f.Value = pick[any](rng, "ana,bo", []any{"diaz", 2.0}, "web")
		}
		in.Filters = append(in.Filters, f)
	}
	if rng.Intn(5) == 0 {
		in.Search = pick(rng, "ana", "diaz", "x.io")
	}
	for i := rng.Intn(3); i > 0; i-- {
		in.Sort = append(in.Sort, SearchSort{Field: pick(rng, "firstName", "lastName", "id", "userId", "updatedAt", "eventSequence"), Direction: pick(rng, "asc", "desc")})
	}
	size := float64(pick(rng, 1, 5, 20))
	in.Size = &size
	in.IncludeTotalCount = pick[any](rng, nil, true, "true", false)
	return in
}

// TestSearchContactsMatchesBruteForce compares SearchContacts with a filter
// and sort of every contact, token by token, through random writes.
func TestSearchContactsMatchesBruteForce(t *testing.T) {
	t.Parallel()
	for seed := int64(1); seed <= 2; seed++ {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			s := newTestState(t, fmt.Sprint("search-ref-", seed))
			rng := rand.New(rand.NewSource(seed))
			var ids []int64
			for id := range s.contacts {
				ids = append(ids, id)
			}
			write := func(n int) {
				for i := 0; i < n; i++ {
					switch r := rng.Intn(10); {
					case r < 6 || len(ids) == 0:
						c, err := s.CreateContact(randomContactBody(rng, true))
						if err != nil {
							t.Fatal(err)
						}
						ids = append(ids, c.ID)
					case r < 9:
						_, _ = s.UpdateContact(pick(rng, ids...), randomContactBody(rng, false))
					default:
						j := rng.Intn(len(ids))
						_, _ = s.DeleteContact(ids[j])
						ids = append(ids[:j], ids[j+1:]...)
					}
				}
			}
			nonEmpty := 0
			for round := 0; round < 3; round++ {
				write(40)
				for n := 0; n < 25; n++ {
					in := randomSearch(rng)
					for p := 0; p < 5; p++ {
						got, gerr := s.SearchContacts(in)
						if gerr != nil {
							break // validation, which the index does not touch
						}
						want, werr := refSearchContacts(s, in)
						if g, w := mustJSON(t, got)+fmt.Sprint(gerr), mustJSON(t, want)+fmt.Sprint(werr); g != w {
							t.Fatalf("search %+v:\n got %s\nwant %s", in, g, w)
						}
						if len(got.Items) > 0 {
							nonEmpty++
						}
						if got.NextPageToken == nil {
							break
						}
						in.PageToken = *got.NextPageToken
						if rng.Intn(3) == 0 {
							write(2)
						}
					}
				}
			}
			if nonEmpty < 40 {
				t.Fatalf("only %d pages had items: the test compares empty pages", nonEmpty)
			}
		})
	}
}
