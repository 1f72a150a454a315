package llamadapro_test

import (
	"net/url"
	"sort"
	"strings"
	"testing"
	"time"
)

func TestContactCRUD(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	created := c.must(t, 200, "POST", "/api/v1/contacts", map[string]any{
		"firstName": "Jane", "lastName": "Roe", "customFields": map[string]any{"source": "web", "tier": "gold", "score": 7},
		"addresses": []any{
			map[string]any{"channelType": "PHONE", "address": "+56911112222"},
			map[string]any{"channelType": "EMAIL", "address": "jane.roe@example.com"},
		},
	})
	id := num(created, "id")
	if id != 645 {
		t.Errorf("first new contact id %d, want 645 (after the generated 600-644)", id)
	}
	if created["phone"] != "+56911112222" || created["email"] != "jane.roe@example.com" {
		t.Errorf("deprecated phone/email = %v/%v, want the first addresses", created["phone"], created["email"])
	}
	got := c.must(t, 200, "GET", path("/api/v1/contacts/{}", id), nil)
	if got["firstName"] != "Jane" || len(list(got, "addresses")) != 2 {
		t.Errorf("GetContact = %v", got)
	}
	upd := c.must(t, 200, "PUT", path("/api/v1/contacts/{}", id), map[string]any{"firstName": "Janet", "email": "janet@example.com", "customFields": map[string]any{"tier": nil}})
	if upd["firstName"] != "Janet" || upd["lastName"] != "Roe" || upd["email"] != "janet@example.com" {
		t.Errorf("partial update = %v", upd)
	}
	if _, ok := obj(upd["customFields"])["tier"]; ok {
		t.Errorf("tier set to null should be removed: %v", upd["customFields"])
	}
	del := c.must(t, 200, "DELETE", path("/api/v1/contacts/{}", id), nil)
	if num(del, "id") != id {
		t.Errorf("DeleteContact returned %v", del)
	}
	c.fails(t, 404, "GET", path("/api/v1/contacts/{}", id), nil)
	c.fails(t, 404, "PUT", path("/api/v1/contacts/{}", id), map[string]any{"firstName": "x"})
	c.fails(t, 404, "DELETE", path("/api/v1/contacts/{}", id), nil)
}

func TestContactBadInput(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	tests := []struct {
		name   string
		body   map[string]any
		fields []string
	}{
		{"every wrong field at once", map[string]any{
			"addresses": []any{
				map[string]any{"channelType": "WHATSAPP", "address": "912345678"},
				map[string]any{"channelType": "EMAIL", "address": "not-an-email"},
			},
			"customFields": map[string]any{"nope": 1, "score": "high", "tier": "platinum", "optIn": "yes", "birthday": "tomorrow"},
		}, []string{"addresses[0].address", "addresses[1].address", "customFields.nope", "customFields.score", "customFields.tier", "customFields.optIn", "customFields.birthday"}},
		{"deprecated phone", map[string]any{"phone": "12345"}, []string{"phone"}},
		{"spec type", map[string]any{"firstName": 5, "addresses": []any{map[string]any{"channelType": "FAX", "address": "x"}}}, []string{"firstName", "addresses.0.channelType"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c.fails(t, 400, "POST", "/api/v1/contacts", tt.body, tt.fields...)
		})
	}
	// A failed update leaves the contact untouched.
	c.fails(t, 400, "PUT", "/api/v1/contacts/501", map[string]any{"firstName": "Changed", "email": "bad"}, "email")
	// The seed's UpdateContact example works as written.
	if got := c.must(t, 200, "PUT", "/api/v1/contacts/502", map[string]any{"firstName": "Janet", "customFields": map[string]any{"priority": "high"}}); obj(got["customFields"])["priority"] != "high" {
		t.Errorf("seed example: %v", got["customFields"])
	}
	if got := c.must(t, 200, "GET", "/api/v1/contacts/501", nil); got["firstName"] != "Jane" {
		t.Errorf("failed update was half-applied: %v", got["firstName"])
	}
}

// TestContactPaging walks every page with both paging styles under a filter
// and a sort, and checks the union is exactly the matching set, in order.
func TestContactPaging(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	all := c.must(t, 200, "GET", "/api/v1/contacts?pageSize=100", nil)
	total := int(num(all, "totalCount"))
	if total < 45 || len(list(all, "items")) != total {
		t.Fatalf("totalCount %d, items %d", total, len(list(all, "items")))
	}
	for _, style := range []string{"token", "page", "token with inserts"} {
		t.Run(style, func(t *testing.T) {
			var ids []int64
			var created []string
			tok := ""
			for page := 1; page < 100; page++ {
				q := url.Values{"sortBy": {"createdAt=desc"}, "pageSize": {"7"}}
				if style != "page" && tok != "" {
					q.Set("pageToken", tok)
				}
				if style == "token with inserts" && page > 1 {
					// A newer contact sorts before the cursor: later pages must not shift.
					c.must(t, 200, "POST", "/api/v1/contacts", map[string]any{"firstName": "Late"})
					c.advance(t, time.Second)
				}
				if style == "page" {
					q.Set("page", itoa(int64(page)))
				}
				m := c.must(t, 200, "GET", "/api/v1/contacts?"+q.Encode(), nil)
				items := list(m, "items")
				for _, it := range items {
					ids = append(ids, num(obj(it), "id"))
					created = append(created, obj(it)["createdAt"].(string))
				}
				next, _ := m["nextPageToken"].(string)
				if next == "" || (style == "page" && len(items) == 0) {
					break
				}
				tok = next
			}
			if len(ids) != total {
				t.Fatalf("walked %d contacts over pages, want %d", len(ids), total)
			}
			seen := map[int64]bool{}
			for _, id := range ids {
				if seen[id] {
					t.Fatalf("contact %d appears twice", id)
				}
				seen[id] = true
			}
			if !sort.SliceIsSorted(created, func(i, j int) bool { return created[i] > created[j] }) {
				t.Errorf("not sorted by createdAt desc: %v", created)
			}
		})
	}
}

// TestContactFilteredSearchedSortedPages checks a filtered, searched and
// sorted listing, walked in pages of 4, against the set computed from the
// full list: same members, no duplicates, no gaps, in order.
func TestContactFilteredSearchedSortedPages(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	all := list(c.must(t, 200, "GET", "/api/v1/contacts?pageSize=100", nil), "items")
	want := map[int64]bool{}
	for _, it := range all {
		ct := obj(it)
		hasText, hasWA := false, false
		for _, a := range list(ct, "addresses") {
			hasText = hasText || strings.Contains(obj(a)["address"].(string), ".example")
			hasWA = hasWA || obj(a)["channelType"] == "WHATSAPP"
		}
		if hasWA && hasText {
			want[num(ct, "id")] = true
		}
	}
	if len(want) < 9 {
		t.Fatalf("fixture gives only %d matching contacts; need 3 pages", len(want))
	}
	q := "filterBy=addresses.channelType:WHATSAPP&searchBy=.example&sortBy=lastName=desc,firstName=asc&pageSize=4"
	var got []int64
	var names []string
	pages := 0
	for tok := ""; ; {
		url := "/api/v1/contacts?" + q
		if tok != "" {
			url += "&pageToken=" + tok
		}
		m := c.must(t, 200, "GET", url, nil)
		pages++
		if int(num(m, "totalCount")) != len(want) {
			t.Fatalf("totalCount %v, want %d", m["totalCount"], len(want))
		}
		for _, it := range list(m, "items") {
			got = append(got, num(obj(it), "id"))
			names = append(names, lower(obj(it)["lastName"].(string)))
		}
		next, _ := m["nextPageToken"].(string)
		if next == "" {
			break
		}
		tok = next
	}
	if pages < 3 {
		t.Errorf("walked %d pages, want at least 3", pages)
	}
	seen := map[int64]bool{}
	for _, id := range got {
		if !want[id] || seen[id] {
			t.Errorf("contact %d is unexpected or repeated", id)
		}
		seen[id] = true
	}
	if len(seen) != len(want) {
		t.Errorf("got %d contacts, want %d", len(seen), len(want))
	}
	if !sort.SliceIsSorted(names, func(i, j int) bool { return names[i] > names[j] }) {
		t.Errorf("not sorted by lastName desc: %v", names)
	}
}

func TestContactFilterSortSearch(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	tests := []struct {
		query string
		check func(t *testing.T, items []any)
	}{
		{"filterBy=firstName:jane", func(t *testing.T, items []any) {
			if len(items) != 1 || num(obj(items[0]), "id") != 501 {
				t.Errorf("got %v", items)
			}
		}},
		{"filterBy=addresses.address:%2B525512345678", func(t *testing.T, items []any) {
			if len(items) != 1 || num(obj(items[0]), "id") != 502 {
				t.Errorf("got %d items", len(items))
			}
		}},
		{"filterBy=addresses.channelType:WHATSAPP;firstName:Pedro", func(t *testing.T, items []any) {
			if len(items) != 1 {
				t.Errorf("got %d items", len(items))
			}
		}},
		{"searchBy=jane%20example.com", func(t *testing.T, items []any) {
			if len(items) != 1 || num(obj(items[0]), "id") != 501 {
				t.Errorf("got %d items", len(items))
			}
		}},
		{"sortBy=lastName=asc,id=desc&pageSize=100", func(t *testing.T, items []any) {
			for i := 1; i < len(items); i++ {
				a, b := obj(items[i-1])["lastName"].(string), obj(items[i])["lastName"].(string)
				if lower(a) > lower(b) {
					t.Fatalf("%q before %q", a, b)
				}
			}
		}},
		{"filterBy=customFields.tier:gold&sortBy=customFields.source=asc", func(t *testing.T, items []any) {
			if len(items) == 0 || num(obj(items[0]), "id") == 502 {
				t.Errorf("got %d items", len(items))
			}
			for _, it := range items {
				if obj(obj(it)["customFields"])["tier"] != "gold" {
					t.Errorf("item without tier gold: %v", it)
				}
			}
		}},
		{"sortBy=addresses.address=desc&pageSize=100", func(t *testing.T, items []any) {
			if len(items) < 45 {
				t.Errorf("got %d items", len(items))
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			m := c.must(t, 200, "GET", "/api/v1/contacts?"+tt.query, nil)
			tt.check(t, list(m, "items"))
		})
	}
	c.fails(t, 400, "GET", "/api/v1/contacts?filterBy=shoeSize:42", nil, "filterBy")
	c.fails(t, 400, "GET", "/api/v1/contacts?sortBy=firstName=up", nil, "sortBy")
	c.fails(t, 400, "GET", "/api/v1/contacts?pageToken=Xde34567890", nil, "pageToken")
}

func lower(s string) string {
	b := []byte(s)
	for i, x := range b {
		if x >= 'A' && x <= 'Z' {
			b[i] = x + 32
		}
	}
	return string(b)
}

func TestUpdateContactAddresses(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	before := c.must(t, 200, "GET", "/api/v1/contacts/501", nil)
	keep := obj(list(before, "addresses")[2]) // the EMAIL address
	after := c.must(t, 200, "PUT", "/api/v1/contacts/501", map[string]any{"addresses": []any{
		map[string]any{"channelType": "EMAIL", "address": "jane.doe@example.com"},
		map[string]any{"channelType": "WHATSAPP", "address": "+56900000002"},
	}})
	addrs := list(after, "addresses")
	if len(addrs) != 2 || num(obj(addrs[0]), "id") != num(keep, "id") || num(obj(addrs[1]), "id") <= num(keep, "id") {
		t.Errorf("addresses = %v", addrs)
	}
	if after["phone"] != nil || after["email"] != "jane.doe@example.com" {
		t.Errorf("mirrors = %v / %v", after["phone"], after["email"])
	}
	// The old number no longer finds the contact; the new one does.
	if m := c.must(t, 200, "GET", "/api/v1/contacts?filterBy=addresses.address:%2B56912345678", nil); num(m, "totalCount") != 0 {
		t.Errorf("old number still matches")
	}
	if m := c.must(t, 200, "GET", "/api/v1/contacts?filterBy=addresses.address:%2B56900000002", nil); num(m, "totalCount") != 1 {
		t.Errorf("new number does not match")
	}
}
