package llamadapro_test

import (
	"testing"
)

func TestCreateConversation(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	// A contact matched by email is updated, not duplicated.
	conv := c.must(t, 200, "POST", "/api/v1/conversations", map[string]any{
		"funnelId": 1, "customFields": map[string]any{"budget": 1200},
		"contact": map[string]any{"lastName": "Doe-Smith", "emails": []any{"JANE.DOE@example.com"}, "phones": []any{"+56900000001"}},
	})
	if num(conv, "contactId") != 501 || num(conv, "funnelStatusId") != 11 {
		t.Fatalf("conversation = %v", conv)
	}
	ct := obj(list(conv, "contacts")[0])
	if ct["lastName"] != "Doe-Smith" || len(list(ct, "addresses")) != 4 {
		t.Errorf("matched contact not updated: %v", ct)
	}
	got := c.must(t, 200, "GET", path("/api/v1/conversations/{}", num(conv, "id")), nil)
	if obj(got["customFields"])["budget"] != 1200.0 {
		t.Errorf("GetConversation = %v", got)
	}
	// A new contact is created; contactId attaches directly.
	fresh := c.must(t, 200, "POST", "/api/v1/conversations", map[string]any{"funnelId": 2, "contact": map[string]any{"firstName": "Nuevo", "phones": []any{"+56977777777"}}})
	if num(fresh, "contactId") == 501 {
		t.Errorf("unrelated contact matched 501")
	}
	byID := c.must(t, 200, "POST", "/api/v1/conversations", map[string]any{"funnelId": 1, "funnelStatusId": 13, "contactId": 502})
	if num(byID, "contactId") != 502 || num(byID, "funnelStatusId") != 13 {
		t.Errorf("by contactId = %v", byID)
	}

	c.fails(t, 400, "POST", "/api/v1/conversations", map[string]any{"customFields": map[string]any{}}, "funnelId")
	c.fails(t, 400, "POST", "/api/v1/conversations", map[string]any{
		"funnelId": 1, "funnelStatusId": 21, "customFields": map[string]any{"budget": "lots", "nope": 1},
		"contact": map[string]any{"phones": []any{"555"}, "emails": []any{"x@"}, "customFields": map[string]any{"tier": "iron"}},
	}, "funnelStatusId", "customFields.budget", "customFields.nope", "contact.phones[0]", "contact.emails[0]", "contact.customFields.tier")
	c.fails(t, 400, "POST", "/api/v1/conversations", map[string]any{"funnelId": 9}, "funnelId", "contactId")
	c.fails(t, 400, "POST", "/api/v1/conversations", map[string]any{"funnelId": 1, "contactId": 99999}, "contactId")
	c.fails(t, 404, "GET", "/api/v1/conversations/99999", nil)
}

func TestBulkCreate(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	items := []any{
		map[string]any{"funnelId": 1, "contactId": 501},
		map[string]any{"funnelId": 1, "contact": map[string]any{"firstName": "A", "phones": []any{"+56911000001"}}},
		map[string]any{"contactId": 501}, // 2: no funnelId
		map[string]any{"funnelId": 2, "contact": map[string]any{"firstName": "B", "emails": []any{"b@example.com"}}},
		map[string]any{"funnelId": 1, "contact": map[string]any{"phones": []any{"12345"}}},                             // 4: bad phone
		map[string]any{"funnelId": 1, "contact": map[string]any{"firstName": "Jane", "phones": []any{"+56912345678"}}}, // 5: duplicate of 501
		"not an object", // 6
		map[string]any{"funnelId": 2, "contactId": 502},
		map[string]any{"funnelId": 1, "contact": map[string]any{"firstName": "C"}},
		map[string]any{"funnelId": 1, "contactId": 600},
	}
	m := c.must(t, 200, "POST", "/api/v1/conversations/bulk", map[string]any{"conversations": items})
	rep := obj(m["report"])
	counts := obj(rep["counts"])
	want := map[string]float64{"successful": 7, "errors": 3, "total": 10, "duplicates": 1, "warnings": 1}
	for k, v := range want {
		if counts[k] != v {
			t.Errorf("counts.%s = %v, want %v", k, counts[k], v)
		}
	}
	if counts["successful"].(float64)+counts["errors"].(float64) != counts["total"].(float64) {
		t.Errorf("counts do not add up: %v", counts)
	}
	wantErr := map[int64]string{2: "REQUIRED_FIELD", 4: "INVALID_FORMAT", 6: "INVALID_TYPE"}
	created := 0
	for _, raw := range list(rep, "itemsIssues") {
		is := obj(raw)
		idx := num(is, "index")
		errsList := list(is, "errors")
		if code, bad := wantErr[idx]; bad {
			if len(errsList) == 0 || obj(errsList[0])["code"] != code || is["itemId"] != nil {
				t.Errorf("item %d issues = %v, want code %s", idx, is, code)
			}
			delete(wantErr, idx)
			continue
		}
		if idx != 5 || len(errsList) != 0 || obj(list(is, "warnings")[0])["code"] != "DUPLICATE_CONTACT" || num(obj(is["existingEntities"]), "contactId") != 501 {
			t.Errorf("unexpected issues for item %d: %v", idx, is)
		}
		c.must(t, 200, "GET", path("/api/v1/conversations/{}", num(is, "itemId")), nil)
		created++
	}
	if len(wantErr) > 0 || created != 1 {
		t.Errorf("items not reported: %v", wantErr)
	}
	// 7 created: the first new id is 2001 and ids are consecutive.
	for id := int64(2001); id <= 2007; id++ {
		c.must(t, 200, "GET", path("/api/v1/conversations/{}", id), nil)
	}
	c.fails(t, 404, "GET", "/api/v1/conversations/2008", nil)
	c.fails(t, 400, "POST", "/api/v1/conversations/bulk", map[string]any{"conversations": []any{}}, "conversations")
	c.fails(t, 400, "POST", "/api/v1/conversations/bulk", map[string]any{}, "conversations")
}

func TestBulkTooLarge(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	items := make([]any, 501)
	for i := range items {
		items[i] = map[string]any{"funnelId": 1, "contactId": 501}
	}
	rep := obj(c.must(t, 200, "POST", "/api/v1/conversations/bulk", map[string]any{"conversations": items})["report"])
	if len(list(rep, "batchErrors")) != 1 || obj(rep["counts"])["errors"] != 501.0 || obj(rep["counts"])["successful"] != 0.0 {
		t.Errorf("report = %v", rep["counts"])
	}
	c.fails(t, 404, "GET", "/api/v1/conversations/2001", nil)
}

func TestBulkUpdate(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	m := c.must(t, 200, "PUT", "/api/v1/conversations/bulk", map[string]any{"conversations": []any{
		map[string]any{"id": 1001, "funnelStatusId": 12, "customFields": map[string]any{"campaign": "spring"}, "contact": map[string]any{"companyPosition": "CEO"}},
		map[string]any{"funnelStatusId": 12},                   // no id
		map[string]any{"id": 4242},                             // unknown
		map[string]any{"id": 1002, "funnelStatusId": 11},       // status of another funnel
		map[string]any{"id": 1001, "archivedAt": "2025-01-01"}, // wrong type
		map[string]any{"id": 1002, "archivedAt": "2025-03-01T00:00:00Z"},
		map[string]any{"id": 1002}, // repeated id
	}})
	counts := obj(obj(m["report"])["counts"])
	if counts["successful"] != 2.0 || counts["errors"] != 5.0 || counts["total"] != 7.0 {
		t.Errorf("counts = %v", counts)
	}
	wantCodes := map[int64]string{1: "REQUIRED_FIELD", 2: "NOT_FOUND", 3: "INVALID_VALUE", 4: "INVALID_TYPE", 6: "DUPLICATE_IN_BATCH"}
	for _, raw := range list(obj(m["report"]), "itemsIssues") {
		is := obj(raw)
		if code := obj(list(is, "errors")[0])["code"]; code != wantCodes[num(is, "index")] {
			t.Errorf("item %d code %v, want %s", num(is, "index"), code, wantCodes[num(is, "index")])
		}
	}
	got := c.must(t, 200, "GET", "/api/v1/conversations/1001", nil)
	if num(got, "funnelStatusId") != 12 || obj(got["customFields"])["campaign"] != "spring" || obj(list(got, "contacts")[0])["companyPosition"] != "CEO" {
		t.Errorf("update not applied: %v", got)
	}
	if got := c.must(t, 200, "GET", "/api/v1/conversations/1002", nil); got["archivedAt"] == nil || num(got, "funnelStatusId") != 21 {
		t.Errorf("conversation 1002 = %v", got)
	}
}
