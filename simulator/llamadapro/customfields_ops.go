package llamadapro

import (
	"encoding/json"
	"fmt"

	"github.com/switchboard-sim/switchboard/simulator/errs"
)

// DefinitionInput is the body of Create/UpdateCustomFieldDefinition; nil means absent.
type DefinitionInput struct {
	ID          *float64 `json:"id"`
	EntityType  *string  `json:"entityType"`
	FieldKey    *string  `json:"fieldKey"`
	FieldLabel  *string  `json:"fieldLabel"`
	FieldType   *string  `json:"fieldType"`
	Description *string  `json:"description"`
	raw         map[string]json.RawMessage
}

// UnmarshalJSON keeps which keys were present, so null can clear a label.
func (in *DefinitionInput) UnmarshalJSON(b []byte) error {
	type plain DefinitionInput
	if err := json.Unmarshal(b, (*plain)(in)); err != nil {
		return err
	}
	return json.Unmarshal(b, &in.raw)
}

// CreateDefinition adds a definition; fieldKey is unique per entity type.
func (s *State) CreateDefinition(in DefinitionInput) (FieldDefinition, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var bad errs.Collector
	if in.FieldKey == nil || !fieldKeyRule.MatchString(*in.FieldKey) {
		bad.Add("fieldKey", "must start with a letter and hold only letters, digits, _, . or - (at most 64)")
	}
	if err := bad.Err(); err != nil {
		return FieldDefinition{}, err
	}
	if s.defByKey(*in.EntityType, *in.FieldKey) != nil {
		return FieldDefinition{}, errs.New(errs.Conflict, "a %s custom field with fieldKey %q already exists", *in.EntityType, *in.FieldKey)
	}
	now := s.now()
	s.nextDefID++
	d := &FieldDefinition{ID: s.nextDefID, TenantID: s.tenantID, EntityType: *in.EntityType, FieldKey: *in.FieldKey,
		FieldLabel: in.FieldLabel, FieldType: *in.FieldType, Description: in.Description, CreatedAt: now, UpdatedAt: now}
	s.defs[d.ID] = d
	s.dix.put(d.ID, d)
	return *d, nil
}

// GetDefinition returns one definition.
func (s *State) GetDefinition(id int64) (FieldDefinition, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d, ok := s.defs[id]
	if !ok {
		return FieldDefinition{}, errs.NotFoundf("custom field definition %d not found", id)
	}
	return *d, nil
}

// UpdateDefinition changes the fields sent. The key stays unique (409), and
// the type or entity of a definition that records use cannot change (409).
func (s *State) UpdateDefinition(id int64, in DefinitionInput) (FieldDefinition, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	cur, ok := s.defs[id]
	if !ok {
		return FieldDefinition{}, errs.NotFoundf("custom field definition %d not found", id)
	}
	var bad errs.Collector
	if in.ID != nil && int64(*in.ID) != id {
		bad.Add("id", fmt.Sprintf("must match the path id %d", id))
	}
	if in.FieldKey != nil && !fieldKeyRule.MatchString(*in.FieldKey) {
		bad.Add("fieldKey", "must start with a letter and hold only letters, digits, _, . or - (at most 64)")
	}
	if err := bad.Err(); err != nil {
		return FieldDefinition{}, err
	}
	next := *cur
	if in.EntityType != nil {
		next.EntityType = *in.EntityType
	}
	if in.FieldKey != nil {
		next.FieldKey = *in.FieldKey
	}
	if in.FieldType != nil {
		next.FieldType = *in.FieldType
	}
	if _, ok := in.raw["fieldLabel"]; ok {
		next.FieldLabel = in.FieldLabel
	}
	if _, ok := in.raw["description"]; ok {
		next.Description = in.Description
	}
	if o := s.defByKey(next.EntityType, next.FieldKey); o != nil && o.ID != id {
		return FieldDefinition{}, errs.New(errs.Conflict, "a %s custom field with fieldKey %q already exists", next.EntityType, next.FieldKey)
	}
	changed := next.EntityType != cur.EntityType || next.FieldKey != cur.FieldKey || next.FieldType != cur.FieldType
	if n := len(s.recordsUsing(cur.EntityType, cur.FieldKey)); changed && n > 0 {
		return FieldDefinition{}, errs.New(errs.Conflict, "custom field %s is used by %d records; its entityType, fieldKey and fieldType cannot change", cur.FieldKey, n)
	}
	if next.FieldType != FieldList {
		for oid, o := range s.options {
			if o.DefinitionID == id {
				delete(s.options, oid)
				s.oix.remove(oid)
			}
		}
	}
	next.UpdatedAt = s.now()
	*cur = next
	s.dix.put(id, cur)
	return next, nil
}

// DeleteDefinition removes a definition. When records use it, it is a 409
// unless force is set, which also removes the values from those records.
func (s *State) DeleteDefinition(id int64, force bool) (FieldDefinition, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d, ok := s.defs[id]
	if !ok {
		return FieldDefinition{}, errs.NotFoundf("custom field definition %d not found", id)
	}
	users := s.recordsUsing(d.EntityType, d.FieldKey)
	if len(users) > 0 && !force {
		return FieldDefinition{}, errs.New(errs.Conflict, "custom field %s is used by %d records; delete with force=true to remove their values too", d.FieldKey, len(users))
	}
	for _, m := range users {
		delete(m, d.FieldKey)
	}
	if len(users) > 0 && d.EntityType == EntityContact {
		s.reindexContactsUsing(d.FieldKey)
	}
	for oid, o := range s.options {
		if o.DefinitionID == id {
			delete(s.options, oid)
			s.oix.remove(oid)
		}
	}
	delete(s.defs, id)
	s.dix.remove(id)
	return *d, nil
}

// ListDefinitions is GetCustomFieldDefinitions.
func (s *State) ListDefinitions(q ListQuery) (listResult, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, err := s.dix.list(q, nil)
	return typed(r, func(id int64) FieldDefinition { return *s.defs[id] }), err
}

var defList = listSpec{
	fields: []string{"id", "tenantId", "entityType", "fieldKey", "fieldLabel", "fieldType", "description", "createdAt", "updatedAt"},
	search: []string{"fieldKey", "fieldLabel", "description"},
}
