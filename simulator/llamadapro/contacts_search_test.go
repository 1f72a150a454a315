package llamadapro_test

import (
	"testing"
)

func TestSearchContacts(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	f := func(field, op string, value any, or bool) map[string]any {
		return map[string]any{"field": field, "operator": op, "value": value, "or": or}
	}
	tests := []struct {
		name    string
		filters []any
		want    func(items []any) bool
	}{
		{"eq address (seed example)", []any{f("addresses.address", "eq", "+56912345678", false)},
			func(items []any) bool { return len(items) == 1 && obj(items[0])["id"] == "501" }},
		{"or joins the previous filter", []any{f("firstName", "eq", "Jane", false), f("firstName", "eq", "Pedro", true)},
			func(items []any) bool { return len(items) == 2 }},
		{"contains", []any{f("addresses.address", "contains", "example.com", false), f("lastName", "eq", "doe", false)},
			func(items []any) bool { return len(items) == 1 }},
		{"neq", []any{f("firstName", "neq", "Jane", false)},
			func(items []any) bool { return len(items) >= 40 && !hasID(items, "501") }},
		{"startsWith", []any{f("nationalId", "startsWith", "12.345", false)},
			func(items []any) bool { return len(items) == 1 }},
		{"in array", []any{f("id", "in", []any{"501", "502", "9999"}, false)},
			func(items []any) bool { return len(items) == 2 }},
		{"in comma string", []any{f("id", "in", "501, 502", false)},
			func(items []any) bool { return len(items) == 2 }},
		{"gt gte lt lte on numbers", []any{f("id", "gte", "600", false), f("id", "lt", 605, false)},
			func(items []any) bool { return len(items) == 5 }},
		{"gt lte", []any{f("id", "gt", 600, false), f("id", "lte", "602", false)},
			func(items []any) bool { return len(items) == 2 }},
		{"exists", []any{f("nationalId", "exists", true, false)},
			func(items []any) bool { return len(items) == 1 }},
		{"not exists", []any{f("email", "exists", false, false)},
			func(items []any) bool { return len(items) == 1 && obj(items[0])["id"] == "502" }},
		{"customFields", []any{f("customFields.tier", "eq", "gold", false), f("firstName", "eq", "Jane", false)},
			func(items []any) bool { return len(items) == 1 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := c.must(t, 200, "POST", "/api/v1/contacts/search", map[string]any{"filters": tt.filters, "size": 100, "includeTotalCount": true})
			items := list(m, "items")
			if !tt.want(items) {
				t.Errorf("got %d items: %v", len(items), ids(items))
			}
			if int(num(m, "totalCount")) != len(items) {
				t.Errorf("totalCount %v, items %d", m["totalCount"], len(items))
			}
		})
	}
}

func TestSearchContactsShapeAndPaging(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	// The seed's example sends includeTotalCount as a string.
	m := c.must(t, 200, "POST", "/api/v1/contacts/search", map[string]any{
		"search": "", "sort": []any{map[string]any{"field": "lastName", "direction": "asc"}, map[string]any{"field": "createdAt", "direction": "desc"}},
		"size": 10, "includeTotalCount": "true", "includeArchived": "false",
	})
	total := int(num(m, "totalCount"))
	first := obj(list(m, "items")[0])
	if _, ok := first["id"].(string); !ok || first["modelType"] != "Contact" || first["eventSequence"] == nil || first["eventTimestamp"] == nil {
		t.Errorf("not a search document: %v", first)
	}
	seen := map[string]bool{}
	for _, it := range list(m, "items") {
		seen[obj(it)["id"].(string)] = true
	}
	for tok, _ := m["nextPageToken"].(string); tok != ""; tok, _ = m["nextPageToken"].(string) {
		m = c.must(t, 200, "POST", "/api/v1/contacts/search", map[string]any{
			"sort": []any{map[string]any{"field": "lastName", "direction": "asc"}, map[string]any{"field": "createdAt", "direction": "desc"}},
			"size": 10, "pageToken": tok,
		})
		if _, has := m["totalCount"]; has {
			t.Errorf("totalCount returned without includeTotalCount")
		}
		for _, it := range list(m, "items") {
			id := obj(it)["id"].(string)
			if seen[id] {
				t.Fatalf("%s repeated across pages", id)
			}
			seen[id] = true
		}
	}
	if len(seen) != total {
		t.Errorf("paged %d documents, totalCount %d", len(seen), total)
	}
	m = c.must(t, 200, "POST", "/api/v1/contacts/search", map[string]any{"search": "pedro gomez", "includeTotalCount": true})
	if num(m, "totalCount") != 1 {
		t.Errorf("free-text search found %v", m["totalCount"])
	}
	c.fails(t, 400, "POST", "/api/v1/contacts/search", map[string]any{
		"filters": []any{map[string]any{"field": "shoe", "operator": "eq", "value": "x"}, map[string]any{"field": "id", "operator": "in", "value": true}},
		"sort":    []any{map[string]any{"field": "nope"}},
	}, "filters[0].field", "filters[1].value", "sort[0].field")
	c.fails(t, 400, "POST", "/api/v1/contacts/search", map[string]any{"filters": []any{map[string]any{"field": "id", "operator": "like"}}, "includeTotalCount": "yes"},
		"filters.0.operator", "includeTotalCount")
}

func hasID(items []any, id string) bool {
	for _, it := range items {
		if obj(it)["id"] == id {
			return true
		}
	}
	return false
}

func ids(items []any) []any {
	var out []any
	for _, it := range items {
		out = append(out, obj(it)["id"])
	}
	return out
}
