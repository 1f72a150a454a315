package llamadapro

import (
	"encoding/json"
	"fmt"
	"math/rand"
	"strings"
	"testing"
)

func mustInput[T any](t *testing.T, v any) T {
	t.Helper()
	var in T
	if err := json.Unmarshal(rawJSON(v), &in); err != nil {
		t.Fatal(err)
	}
	return in
}

func randomListQuery(rng *rand.Rand, fields []string, values []string) ListQuery {
	var q ListQuery
	for i := rng.Intn(3); i > 0; i-- {
		q.FilterBy += pick(rng, fields...) + ":" + pick(rng, values...) + ";"
	}
	if rng.Intn(5) == 0 {
		q.SearchBy = pick(rng, "lead", "x", "tier b")
	}
	var keys []string
	for i := rng.Intn(3); i > 0; i-- {
		keys = append(keys, pick(rng, fields...)+pick(rng, "", "=asc", "=desc"))
	}
	q.SortBy = strings.Join(keys, ",")
	q.PageSize = pick(rng, 0, 1, 3, 50)
	if rng.Intn(3) == 0 {
		q.Page = 1 + rng.Intn(3)
	}
	return q
}

// TestCustomFieldListsMatchBruteForce compares GetCustomFieldDefinitions and
// GetCustomFieldListOptions with a filter and sort of every item.
func TestCustomFieldListsMatchBruteForce(t *testing.T) {
	t.Parallel()
	for seed := int64(1); seed <= 2; seed++ {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			s := newTestState(t, fmt.Sprint("fields-ref-", seed))
			rng := rand.New(rand.NewSource(seed))
			if seed == 2 {
				s.dix.gather, s.oix.gather = -1, -1
			}
			var lists []int64
			for i := 0; i < 40; i++ {
				d, err := s.CreateDefinition(mustInput[DefinitionInput](t, map[string]any{
					"entityType": pick(rng, "CONTACT", "CONVERSATION"), "fieldKey": fmt.Sprint("k", i),
					"fieldLabel": pick(rng, "Lead tier", "lead TIER", "X"), "fieldType": pick(rng, "LIST", "STRING", "NUMBER"),
					"description": pick[any](rng, nil, "tier b", "Tier B")}))
				if err != nil {
					t.Fatal(err)
				}
				if d.FieldType == "LIST" {
					lists = append(lists, d.ID)
				}
				if rng.Intn(4) == 0 {
					_, _ = s.UpdateDefinition(d.ID, mustInput[DefinitionInput](t, map[string]any{"fieldLabel": pick(rng, "Tier", "x")}))
				}
				if rng.Intn(8) == 0 {
					_, _ = s.DeleteDefinition(d.ID, true)
				}
			}
			for i := 0; i < 300 && len(lists) > 0; i++ {
				def := pick(rng, lists...)
				o, err := s.CreateOption(def, mustInput[OptionInput](t, map[string]any{"value": fmt.Sprint("v", i%37),
					"label": pick(rng, "Gold", "gold", "Silver"), "description": pick[any](rng, nil, "lead")}))
				if err != nil {
					continue // value taken or definition deleted
				}
				switch rng.Intn(6) {
				case 0:
					_, _ = s.UpdateOption(def, o.ID, mustInput[OptionInput](t, map[string]any{"label": pick(rng, "Bronze", "GOLD")}))
				case 1:
					_, _ = s.DeleteOption(def, o.ID)
				}
			}
			defFields := []string{"id", "entityType", "fieldKey", "fieldLabel", "fieldType", "description", "createdAt"}
			optFields := []string{"id", "definitionId", "value", "label", "description", "updatedAt"}
			values := []string{"contact", "LIST", "lead tier", "x", "tier b", "k3", "v5", "gold", "silver", "lead", "2", "101"}
			nonEmpty := [2]int{}
			for n := 0; n < 150; n++ {
				q := randomListQuery(rng, defFields, values)
				got, gerr := s.ListDefinitions(q)
				s.mu.Lock()
				var docs []doc
				for _, d := range s.defs {
					docs = append(docs, toDoc(d))
				}
				want, werr := refRunList(docs, q, defList, nil)
				want = typed(want, func(id int64) FieldDefinition { return *s.defs[id] })
				s.mu.Unlock()
				if g, w := mustJSON(t, got)+fmt.Sprint(gerr), mustJSON(t, want)+fmt.Sprint(werr); g != w {
					t.Fatalf("definitions %+v:\n got %s\nwant %s", q, g, w)
				}
				if len(got.Items) > 0 {
					nonEmpty[0]++
				}
				if len(lists) == 0 {
					continue
				}
				def := pick(rng, lists...)
				q = randomListQuery(rng, optFields, values)
				got, gerr = s.ListOptions(def, q)
				s.mu.Lock()
				docs = nil
				for _, o := range s.options {
					if o.DefinitionID == def {
						docs = append(docs, toDoc(o))
					}
				}
				_, exists := s.defs[def]
				want, werr = refRunList(docs, q, optionList, nil)
				want = typed(want, func(id int64) ListOption { return *s.options[id] })
				s.mu.Unlock()
				if !exists {
					continue // a deleted definition is 404, checked elsewhere
				}
				if g, w := mustJSON(t, got)+fmt.Sprint(gerr), mustJSON(t, want)+fmt.Sprint(werr); g != w {
					t.Fatalf("options of %d %+v:\n got %s\nwant %s", def, q, g, w)
				}
				if len(got.Items) > 0 {
					nonEmpty[1]++
				}
			}
			if nonEmpty[0] < 30 || nonEmpty[1] < 15 {
				t.Fatalf("only %v of the random queries found items: the test compares empty pages", nonEmpty)
			}
		})
	}
}
