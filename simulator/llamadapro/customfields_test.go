package llamadapro_test

import (
	"testing"
)

func TestCustomFieldDefinitions(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	d := c.must(t, 200, "POST", "/api/v1/custom-fields/definitions", map[string]any{"entityType": "CONTACT", "fieldKey": "segment", "fieldLabel": "Segment", "fieldType": "LIST"})
	id := num(d, "id")
	c.fails(t, 409, "POST", "/api/v1/custom-fields/definitions", map[string]any{"entityType": "CONTACT", "fieldKey": "segment", "fieldType": "STRING"})
	// The same key on another entity type is fine.
	c.must(t, 200, "POST", "/api/v1/custom-fields/definitions", map[string]any{"entityType": "PRODUCT", "fieldKey": "segment", "fieldType": "STRING"})
	c.fails(t, 400, "POST", "/api/v1/custom-fields/definitions", map[string]any{"entityType": "USER", "fieldKey": "9x", "fieldType": "STRING"}, "entityType")
	c.fails(t, 400, "POST", "/api/v1/custom-fields/definitions", map[string]any{"entityType": "CONTACT", "fieldKey": "9x", "fieldType": "STRING"}, "fieldKey")

	if g := c.must(t, 200, "GET", path("/api/v1/custom-fields/definitions/{}", id), nil); g["fieldKey"] != "segment" {
		t.Errorf("GetCustomFieldDefinition = %v", g)
	}
	u := c.must(t, 200, "PUT", path("/api/v1/custom-fields/definitions/{}", id), map[string]any{"fieldLabel": "Prio", "id": id})
	if u["fieldLabel"] != "Prio" || u["fieldType"] != "LIST" {
		t.Errorf("update = %v", u)
	}
	c.fails(t, 400, "PUT", path("/api/v1/custom-fields/definitions/{}", id), map[string]any{"id": 1}, "id")
	c.fails(t, 409, "PUT", path("/api/v1/custom-fields/definitions/{}", id), map[string]any{"fieldKey": "source"})
	c.fails(t, 409, "PUT", "/api/v1/custom-fields/definitions/1", map[string]any{"fieldType": "NUMBER"}) // source is in use

	m := c.must(t, 200, "GET", "/api/v1/custom-fields/definitions?filterBy=entityType:CONTACT&sortBy=fieldKey=asc&pageSize=2", nil)
	if len(list(m, "items")) != 2 || num(m, "totalCount") != 7 || m["nextPageToken"] == nil {
		t.Errorf("list = %v", m)
	}
	c.fails(t, 403, "GET", "/api/v1/custom-fields/definitions?tenantId=someoneelse", nil)
	c.fails(t, 400, "GET", "/api/v1/custom-fields/definitions?filterBy=color:red", nil, "filterBy")

	for _, p := range []string{"GET", "PUT", "DELETE"} {
		c.fails(t, 404, p, "/api/v1/custom-fields/definitions/999", map[string]any{})
	}
	del := c.must(t, 200, "DELETE", path("/api/v1/custom-fields/definitions/{}", id), nil)
	if num(del, "id") != id {
		t.Errorf("delete returned %v", del)
	}
}

func TestDeleteDefinitionInUse(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	// Contact 501 uses tier (definition 2): 409 without force.
	c.fails(t, 409, "DELETE", "/api/v1/custom-fields/definitions/2", nil)
	if got := c.must(t, 200, "GET", "/api/v1/contacts/501", nil); obj(got["customFields"])["tier"] != "gold" {
		t.Fatalf("refused delete changed the contact: %v", got["customFields"])
	}
	c.must(t, 200, "DELETE", "/api/v1/custom-fields/definitions/2?force=true", nil)
	got := c.must(t, 200, "GET", "/api/v1/contacts/501", nil)
	if _, ok := obj(got["customFields"])["tier"]; ok {
		t.Errorf("force delete kept the value: %v", got["customFields"])
	}
	c.fails(t, 404, "GET", "/api/v1/custom-fields/definitions/2/options/1", nil)
	// The key is now unknown to contacts.
	c.fails(t, 400, "PUT", "/api/v1/contacts/501", map[string]any{"customFields": map[string]any{"tier": "gold"}}, "customFields.tier")
}

func TestCustomFieldOptions(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	o := c.must(t, 200, "POST", "/api/v1/custom-fields/definitions/2/options", map[string]any{"definitionId": 2, "value": "platinum", "label": "Platinum"})
	oid := num(o, "id")
	// The new option is a valid value for contacts at once.
	c.must(t, 200, "PUT", "/api/v1/contacts/502", map[string]any{"customFields": map[string]any{"tier": "platinum"}})
	c.fails(t, 409, "POST", "/api/v1/custom-fields/definitions/2/options", map[string]any{"definitionId": 2, "value": "gold"})
	c.fails(t, 400, "POST", "/api/v1/custom-fields/definitions/2/options", map[string]any{"definitionId": 3, "value": "x"}, "definitionId")
	c.fails(t, 400, "POST", "/api/v1/custom-fields/definitions/1/options", map[string]any{"definitionId": 1, "value": "x"}, "definitionId")
	c.fails(t, 400, "POST", "/api/v1/custom-fields/definitions/2/options", map[string]any{"definitionId": 2}, "value")
	c.fails(t, 404, "POST", "/api/v1/custom-fields/definitions/999/options", map[string]any{"definitionId": 999, "value": "x"})

	m := c.must(t, 200, "GET", "/api/v1/custom-fields/definitions/2/options?sortBy=value=asc", nil)
	if items := list(m, "items"); len(items) != 4 || obj(items[0])["value"] != "bronze" {
		t.Errorf("options = %v", items)
	}
	c.fails(t, 404, "GET", "/api/v1/custom-fields/definitions/999/options", nil)

	u := c.must(t, 200, "PUT", path("/api/v1/custom-fields/definitions/2/options/{}", oid), map[string]any{"value": "diamond"})
	if u["value"] != "diamond" || u["label"] != "Platinum" {
		t.Errorf("update = %v", u)
	}
	if got := c.must(t, 200, "GET", "/api/v1/contacts/502", nil); obj(got["customFields"])["tier"] != "diamond" {
		t.Errorf("renamed option not renamed in the contact: %v", got["customFields"])
	}
	c.fails(t, 400, "PUT", path("/api/v1/custom-fields/definitions/2/options/{}", oid), map[string]any{"definitionId": 5}, "definitionId")
	c.fails(t, 409, "PUT", path("/api/v1/custom-fields/definitions/2/options/{}", oid), map[string]any{"value": "gold"})
	if g := c.must(t, 200, "GET", path("/api/v1/custom-fields/definitions/2/options/{}", oid), nil); g["value"] != "diamond" {
		t.Errorf("get = %v", g)
	}
	c.must(t, 200, "DELETE", path("/api/v1/custom-fields/definitions/2/options/{}", oid), nil)
	if got := c.must(t, 200, "GET", "/api/v1/contacts/502", nil); obj(got["customFields"])["tier"] != nil {
		t.Errorf("deleted option still on the contact: %v", got["customFields"])
	}
	for _, p := range []string{"GET", "PUT", "DELETE"} {
		c.fails(t, 404, p, path("/api/v1/custom-fields/definitions/2/options/{}", oid), map[string]any{})
		c.fails(t, 404, p, "/api/v1/custom-fields/definitions/3/options/1", map[string]any{}) // option 1 belongs to definition 2
	}
}

func TestDeleteConversationFieldInUse(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	conv := c.must(t, 200, "POST", "/api/v1/conversations", map[string]any{"funnelId": 1, "contactId": 501, "customFields": map[string]any{"budget": 10}})
	c.fails(t, 409, "DELETE", "/api/v1/custom-fields/definitions/6", nil)
	c.must(t, 200, "DELETE", "/api/v1/custom-fields/definitions/6?force=true", nil)
	got := c.must(t, 200, "GET", path("/api/v1/conversations/{}", num(conv, "id")), nil)
	if len(obj(got["customFields"])) != 0 {
		t.Errorf("force delete kept conversation values: %v", got["customFields"])
	}
	// An unused definition deletes without force.
	c.must(t, 200, "DELETE", "/api/v1/custom-fields/definitions/7", nil)
}
