package llamadapro

import (
	"fmt"
	"math/rand"
	"testing"
)

// randomEqSearch is a SearchContacts request led by an eq filter that the
// per-value sort trees answer: alone most of the time, sometimes with
// another filter or free text, in an order that reads alike in both shapes.
func randomEqSearch(rng *rand.Rand) SearchRequest {
	var in SearchRequest
	field := pick(rng, "firstName", "lastName", "companyPosition", "addresses.address", "customFields.source", "customFields.score", "userId", "id")
	value := map[string][]any{
		"firstName": {"ana", "ANA", "çem", "Bo", "nobody", ""}, "lastName": {"diaz", "NG"}, "companyPosition": {"buyer", "cto"},
		"addresses.address": {"a@x.io", "+56911111111"}, "customFields.source": {"WEB", "referral"},
		"customFields.score": {2.0, "3"}, "userId": {"10", 1.0}, "id": {"1", "502"},
	}[field]
	in.Filters = []SearchFilter{{Field: field, Operator: "eq", Value: pick(rng, value...)}}
	switch rng.Intn(6) {
	case 0:
		in.Filters = append(in.Filters, SearchFilter{Field: "lastName", Operator: pick(rng, "neq", "startsWith"), Value: "d"})
	case 1:
		in.Search = pick(rng, "ana", "x.io")
	}
	for i := rng.Intn(3); i > 0; i-- {
		in.Sort = append(in.Sort, SearchSort{Field: pick(rng, "firstName", "lastName", "updatedAt", "createdAt", "customFields.score", "addresses.address"),
			Direction: pick(rng, "asc", "desc")})
	}
	size := float64(pick(rng, 1, 3, 20))
	in.Size = &size
	in.IncludeTotalCount = pick[any](rng, nil, true, "true")
	return in
}

// TestSearchContactsEqOrderMatchesBruteForce compares eq-led searches, page
// by page through random writes, with a filter and sort of every contact.
func TestSearchContactsEqOrderMatchesBruteForce(t *testing.T) {
	t.Parallel()
	for seed := int64(1); seed <= 2; seed++ {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			s := newTestState(t, fmt.Sprint("search-eq-ref-", seed))
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
			multi, counted := 0, 0
			for round := 0; round < 3; round++ {
				write(60)
				for n := 0; n < 30; n++ {
					in := randomEqSearch(rng)
					for p := 0; p < 8; p++ {
						got, err := s.SearchContacts(in)
						if err != nil {
							t.Fatal(err)
						}
						want, _ := refSearchContacts(s, in)
						if g, w := mustJSON(t, got), mustJSON(t, want); g != w {
							t.Fatalf("search %+v:\n got %s\nwant %s", in, g, w)
						}
						if got.TotalCount != nil && *got.TotalCount > 0 {
							counted++
						}
						if got.NextPageToken == nil {
							break
						}
						multi++
						in.PageToken = *got.NextPageToken
						if rng.Intn(3) == 0 {
							write(3)
						}
					}
				}
			}
			if multi < 30 || counted < 30 {
				t.Fatalf("only %d next pages and %d non-zero counts: the test compares too little", multi, counted)
			}
			if len(s.cix.eqOrders) == 0 {
				t.Fatal("no search went through the per-value sort trees")
			}
		})
	}
}
