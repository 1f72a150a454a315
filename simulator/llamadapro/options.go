package llamadapro

import (
	"encoding/json"
	"fmt"

	"github.com/switchboard-sim/switchboard/simulator/errs"
)

// OptionInput is the body of Create/UpdateCustomFieldListOption.
type OptionInput struct {
	ID           *float64 `json:"id"`
	DefinitionID *float64 `json:"definitionId"`
	Value        *string  `json:"value"`
	Label        *string  `json:"label"`
	Description  *string  `json:"description"`
	raw          map[string]json.RawMessage
}

// UnmarshalJSON keeps which keys were present, so null can clear a label.
func (in *OptionInput) UnmarshalJSON(b []byte) error {
	type plain OptionInput
	if err := json.Unmarshal(b, (*plain)(in)); err != nil {
		return err
	}
	return json.Unmarshal(b, &in.raw)
}

// listDef returns the LIST definition an option belongs to. Callers hold mu.
func (s *State) listDef(defID int64, bodyDef *float64, bad *errs.Collector) (*FieldDefinition, error) {
	d, ok := s.defs[defID]
	if !ok {
		return nil, errs.NotFoundf("custom field definition %d not found", defID)
	}
	if bodyDef != nil && int64(*bodyDef) != defID {
		bad.Add("definitionId", fmt.Sprintf("must match the path definitionId %d", defID))
	}
	if d.FieldType != FieldList {
		bad.Add("definitionId", fmt.Sprintf("definition %d is a %s field; options exist only on LIST fields", defID, d.FieldType))
	}
	return d, nil
}

func (s *State) valueTaken(defID, except int64, value string) bool {
	taken := false // among the options with this value in any case, of any definition
	s.oix.each("value", value, func(id int64) bool {
		o := s.options[id]
		taken = o.DefinitionID == defID && o.ID != except && o.Value == value
		return !taken
	})
	return taken
}

// CreateOption adds an option to a LIST definition.
func (s *State) CreateOption(defID int64, in OptionInput) (ListOption, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var bad errs.Collector
	if _, err := s.listDef(defID, in.DefinitionID, &bad); err != nil {
		return ListOption{}, err
	}
	if in.Value == nil || *in.Value == "" {
		bad.Add("value", "must be a non-empty string")
	}
	if err := bad.Err(); err != nil {
		return ListOption{}, err
	}
	if s.valueTaken(defID, 0, *in.Value) {
		return ListOption{}, errs.New(errs.Conflict, "definition %d already has an option with value %q", defID, *in.Value)
	}
	now := s.now()
	s.nextOptionID++
	o := &ListOption{ID: s.nextOptionID, TenantID: s.tenantID, DefinitionID: defID, Value: *in.Value,
		Label: in.Label, Description: in.Description, CreatedAt: now, UpdatedAt: now}
	s.options[o.ID] = o
	s.oix.put(o.ID, o)
	return *o, nil
}

func (s *State) option(defID, id int64) (*ListOption, error) {
	if _, ok := s.defs[defID]; !ok {
		return nil, errs.NotFoundf("custom field definition %d not found", defID)
	}
	o, ok := s.options[id]
	if !ok || o.DefinitionID != defID {
		return nil, errs.NotFoundf("option %d of definition %d not found", id, defID)
	}
	return o, nil
}

// GetOption returns one option.
func (s *State) GetOption(defID, id int64) (ListOption, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	o, err := s.option(defID, id)
	if err != nil {
		return ListOption{}, err
	}
	return *o, nil
}

// UpdateOption changes the fields sent; renaming a value renames it in the records that use it.
func (s *State) UpdateOption(defID, id int64, in OptionInput) (ListOption, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	o, err := s.option(defID, id)
	if err != nil {
		return ListOption{}, err
	}
	var bad errs.Collector
	if in.DefinitionID != nil && int64(*in.DefinitionID) != defID {
		bad.Add("definitionId", fmt.Sprintf("must match the path definitionId %d", defID))
	}
	if in.ID != nil && int64(*in.ID) != id {
		bad.Add("id", fmt.Sprintf("must match the path optionId %d", id))
	}
	if in.Value != nil && *in.Value == "" {
		bad.Add("value", "must be a non-empty string")
	}
	if err := bad.Err(); err != nil {
		return ListOption{}, err
	}
	if in.Value != nil && s.valueTaken(defID, id, *in.Value) {
		return ListOption{}, errs.New(errs.Conflict, "definition %d already has an option with value %q", defID, *in.Value)
	}
	if in.Value != nil && *in.Value != o.Value {
		d := s.defs[defID]
		for _, m := range s.recordsUsing(d.EntityType, d.FieldKey) {
			if m[d.FieldKey] == o.Value {
				m[d.FieldKey] = *in.Value
			}
		}
		if d.EntityType == EntityContact {
			s.reindexContactsUsing(d.FieldKey)
		}
		o.Value = *in.Value
	}
	if _, ok := in.raw["label"]; ok {
		o.Label = in.Label
	}
	if _, ok := in.raw["description"]; ok {
		o.Description = in.Description
	}
	o.UpdatedAt = s.now()
	s.oix.put(o.ID, o)
	return *o, nil
}

// DeleteOption removes an option and clears it from the records that use it.
func (s *State) DeleteOption(defID, id int64) (ListOption, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	o, err := s.option(defID, id)
	if err != nil {
		return ListOption{}, err
	}
	d := s.defs[defID]
	for _, m := range s.recordsUsing(d.EntityType, d.FieldKey) {
		if m[d.FieldKey] == o.Value {
			delete(m, d.FieldKey)
		}
	}
	if d.EntityType == EntityContact {
		s.reindexContactsUsing(d.FieldKey)
	}
	delete(s.options, id)
	s.oix.remove(id)
	return *o, nil
}

// ListOptions is GetCustomFieldListOptions.
func (s *State) ListOptions(defID int64, q ListQuery) (listResult, error) {
	s.mu.Lock()
	if _, ok := s.defs[defID]; !ok {
		s.mu.Unlock()
		return listResult{}, errs.NotFoundf("custom field definition %d not found", defID)
	}
	defer s.mu.Unlock()
	r, err := s.oix.list(q, []cond{{field: "definitionId", value: itoa(int(defID))}})
	return typed(r, func(id int64) ListOption { return *s.options[id] }), err
}

var optionList = listSpec{
	fields: []string{"id", "tenantId", "definitionId", "value", "label", "description", "createdAt", "updatedAt"},
	search: []string{"value", "label", "description"},
}
