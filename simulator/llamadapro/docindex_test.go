package llamadapro

import (
	"encoding/json"
	"fmt"
	"math/rand"
	"strings"
	"testing"
	"time"
)

// refRunList is a list the straightforward way: encode every item, filter,
// search, sort all of them, cut the window.
func refRunList(docs []doc, q ListQuery, spec listSpec, where []cond) (listResult, error) {
	p, err := parseList(q, spec)
	if err != nil {
		return listResult{}, err
	}
	p.conds = append(append([]cond{}, where...), p.conds...)
	var out []doc
	for _, d := range docs {
		if p.matches(d, spec) {
			out = append(out, d)
		}
	}
	return p.page(out), nil
}

func rawJSON(v any) json.RawMessage {
	b, _ := json.Marshal(v)
	return b
}

// randomContactBody is a CreateContact/UpdateContact body drawn from small
// pools, so that filters hit, values repeat in several cases and sorts tie.
func randomContactBody(rng *rand.Rand, create bool) map[string]json.RawMessage {
	b := map[string]json.RawMessage{}
	maybe := func(key string, v any) {
		if create || rng.Intn(2) == 0 {
			if rng.Intn(6) == 0 {
				v = nil
			}
			b[key] = rawJSON(v)
		}
	}
	maybe("firstName", pick(rng, "Ana", "ana", "ANA", "Bo", "Çem", "çem", "Zoë"))
	maybe("lastName", pick(rng, "Diaz", "diaz", "Ng", "O'Neil"))
	maybe("companyPosition", pick(rng, "Buyer", "CTO", "buyer"))
	maybe("userId", pick(rng, 1, 2, 10, 9))
	if create || rng.Intn(3) == 0 {
		var addrs []NewAddress
		for i := rng.Intn(3); i > 0; i-- {
			if rng.Intn(2) == 0 {
				addrs = append(addrs, NewAddress{ChannelType: "PHONE", Address: pick(rng, "+56911111111", "+56922222222", "+15550001111")})
			} else {
				addrs = append(addrs, NewAddress{ChannelType: "EMAIL", Address: pick(rng, "a@x.io", "b@x.io", "A@X.io")})
			}
		}
		b["addresses"] = rawJSON(addrs)
	}
	if rng.Intn(2) == 0 {
		b["customFields"] = rawJSON(map[string]any{"source": pick(rng, "web", "Web", "referral"), "score": rng.Intn(5)})
	}
	return b
}

var contactFilterFields = []string{"firstName", "lastName", "companyPosition", "userId", "addresses.address",
	"addresses.channelType", "customFields.source", "customFields.score", "id"}

func randomContactQuery(rng *rand.Rand) ListQuery {
	var q ListQuery
	values := []string{"ana", "Bo", "ÇEM", "diaz", "buyer", "1", "10", "+56911111111", "a@x.io", "phone", "WEB", "3", "502", ""}
	for i := rng.Intn(3); i > 0; i-- {
		q.FilterBy += pick(rng, contactFilterFields...) + ":" + pick(rng, values...) + ";"
	}
	if rng.Intn(5) == 0 {
		q.SearchBy = pick(rng, "ana", "diaz ana", "x.io", "zz")
	}
	var keys []string
	for i := rng.Intn(3); i > 0; i-- {
		keys = append(keys, pick(rng, "firstName", "lastName", "userId", "createdAt", "customFields.score", "addresses.address", "id")+
			pick(rng, "", "=asc", "=desc"))
	}
	q.SortBy = strings.Join(keys, ",")
	q.PageSize = pick(rng, 0, 1, 5, 50)
	if rng.Intn(3) == 0 {
		q.Page = 1 + rng.Intn(4)
	}
	return q
}

// TestListContactsMatchesBruteForce compares GetContacts with a filter and
// sort of every contact, page by page through random writes.
func TestListContactsMatchesBruteForce(t *testing.T) {
	t.Parallel()
	for seed := int64(1); seed <= 3; seed++ {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			s := newTestState(t, fmt.Sprint("contacts-ref-", seed))
			rng := rand.New(rand.NewSource(seed))
			if seed != 1 {
				s.cix.gather = -1 // walk the sort orders even on small data
			}
			var ids []int64
			for id := range s.contacts {
				ids = append(ids, id)
			}
			write := func(n int) {
				for i := 0; i < n; i++ {
					s.clock.Advance(time.Duration(rng.Intn(3)) * time.Second)
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
			for round := 0; round < 4; round++ {
				write(40)
				for n := 0; n < 20; n++ {
					q := randomContactQuery(rng)
					for p := 0; p < 6; p++ {
						got, gerr := s.ListContacts(q)
						want, werr := refListContacts(s, q)
						if g, w := mustJSON(t, got)+fmt.Sprint(gerr), mustJSON(t, want)+fmt.Sprint(werr); g != w {
							t.Fatalf("query %+v:\n got %s\nwant %s", q, g, w)
						}
						if got.Next == nil {
							break
						}
						q.PageToken, q.Page = *got.Next, 0
						if rng.Intn(3) == 0 {
							write(2) // writes between pages
						}
					}
				}
			}
		})
	}
}

func refListContacts(s *State, q ListQuery) (listResult, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var docs []doc
	for _, c := range s.contacts {
		docs = append(docs, toDoc(c))
	}
	r, err := refRunList(docs, q, contactList, nil)
	return typed(r, func(id int64) Contact { return s.contacts[id].copy() }), err
}

func TestFoldIsEqualFold(t *testing.T) {
	t.Parallel()
	words := []string{"ana", "ANA", "Ána", "ß", "ẞ", "K", "\u212a", "k", "\xff", "\xfe", "ǅ", "ǆ", "Σ", "ς", "σ", ""}
	for _, a := range words {
		for _, b := range words {
			if got, want := fold(a) == fold(b), strings.EqualFold(a, b); got != want {
				t.Errorf("fold(%q) == fold(%q) is %v, EqualFold says %v", a, b, got, want)
			}
		}
	}
}

// TestFiltersBeyondTheIndexLimitStillAnswer filters on more custom field
// keys than the list indexes: the later ones are answered by a scan.
func TestFiltersBeyondTheIndexLimitStillAnswer(t *testing.T) {
	t.Parallel()
	s := newTestState(t, "eq-limit")
	for i := 0; i < maxEqFields+5; i++ {
		q := ListQuery{FilterBy: fmt.Sprintf("customFields.k%d:x", i)}
		got, gerr := s.ListContacts(q)
		want, werr := refListContacts(s, q)
		if g, w := mustJSON(t, got)+fmt.Sprint(gerr), mustJSON(t, want)+fmt.Sprint(werr); g != w {
			t.Fatalf("filter %d:\n got %s\nwant %s", i, g, w)
		}
	}
	q := ListQuery{FilterBy: "customFields.source:web"}
	got, _ := s.ListContacts(q)
	want, _ := refListContacts(s, q)
	if got.Total == 0 || mustJSON(t, got) != mustJSON(t, want) {
		t.Fatalf("source:web past the limit: got %d items, want %s", got.Total, mustJSON(t, want))
	}
	if n := len(s.cix.eq); n > maxEqFields {
		t.Fatalf("%d equality indexes, limit %d", n, maxEqFields)
	}
}
