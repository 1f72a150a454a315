package llamadapro

import (
	"fmt"
	"regexp"
	"time"

	"github.com/switchboard-sim/switchboard/simulator/errs"
)

// Entity types that carry custom fields.
const (
	EntityContact      = "CONTACT"
	EntityConversation = "FUNNEL_CONVERSATION"
)

// Custom field types.
const (
	FieldString  = "STRING"
	FieldNumber  = "NUMBER"
	FieldDate    = "DATE"
	FieldBoolean = "BOOLEAN"
	FieldList    = "LIST"
	FieldFile    = "FILE"
)

// FieldDefinition is a custom-field definition in its wire shape.
type FieldDefinition struct {
	ID          int64     `json:"id"`
	TenantID    string    `json:"tenantId"`
	EntityType  string    `json:"entityType"`
	FieldKey    string    `json:"fieldKey"`
	FieldLabel  *string   `json:"fieldLabel"`
	FieldType   string    `json:"fieldType"`
	Description *string   `json:"description"`
	CreatedAt   time.Time `json:"createdAt"`
	UpdatedAt   time.Time `json:"updatedAt"`
}

// ListOption is one option of a LIST definition.
type ListOption struct {
	ID           int64     `json:"id"`
	TenantID     string    `json:"tenantId"`
	DefinitionID int64     `json:"definitionId"`
	Value        string    `json:"value"`
	Label        *string   `json:"label"`
	Description  *string   `json:"description"`
	CreatedAt    time.Time `json:"createdAt"`
	UpdatedAt    time.Time `json:"updatedAt"`
}

var fieldKeyRule = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_.-]{0,63}$`)

// defByKey finds a definition of an entity type by key, among the few the
// definitions index holds under that key in any case. Callers hold mu.
func (s *State) defByKey(entity, key string) *FieldDefinition {
	var found *FieldDefinition
	s.dix.each("fieldKey", key, func(id int64) bool {
		if d := s.defs[id]; d.EntityType == entity && d.FieldKey == key {
			found = d
		}
		return found == nil
	})
	return found
}

// optionValues lists a LIST definition's option values. Callers hold mu.
func (s *State) optionValues(defID int64) map[string]bool {
	out := map[string]bool{}
	s.oix.each("definitionId", itoa(int(defID)), func(id int64) bool {
		out[s.options[id].Value] = true
		return true
	})
	return out
}

// mergeCustomFields checks in against the entity's definitions and merges it
// into dst; a null value removes the key. Callers hold mu.
func (s *State) mergeCustomFields(entity string, dst, in map[string]any, field string, bad *errs.Collector) {
	for _, key := range sortedKeys(in) {
		v := in[key]
		name := field + "." + key
		d := s.defByKey(entity, key)
		if d == nil {
			bad.Add(name, fmt.Sprintf("no %s custom field is defined with key %q", entity, key))
			continue
		}
		if v == nil {
			delete(dst, key)
			continue
		}
		if why := s.checkFieldValue(d, v); why != "" {
			bad.Add(name, why)
			continue
		}
		dst[key] = v
	}
}

// checkFieldValue returns why v does not fit definition d, or "".
func (s *State) checkFieldValue(d *FieldDefinition, v any) string {
	switch d.FieldType {
	case FieldNumber:
		if _, ok := v.(float64); !ok {
			return "must be a number (NUMBER field)"
		}
	case FieldBoolean:
		if _, ok := v.(bool); !ok {
			return "must be true or false (BOOLEAN field)"
		}
	case FieldDate:
		str, ok := v.(string)
		if !ok {
			return "must be a date string (DATE field)"
		}
		if _, err := time.Parse(time.RFC3339, str); err != nil {
			if _, err := time.Parse(time.DateOnly, str); err != nil {
				return "must be a date such as 2025-03-01 or 2025-03-01T10:00:00Z (DATE field)"
			}
		}
	case FieldList:
		str, ok := v.(string)
		if !ok {
			return "must be the value of one of the field's options (LIST field)"
		}
		if !s.optionValues(d.ID)[str] {
			return fmt.Sprintf("%q is not an option of LIST field %s", str, d.FieldKey)
		}
	default:
		if _, ok := v.(string); !ok {
			return fmt.Sprintf("must be a string (%s field)", d.FieldType)
		}
	}
	return ""
}

// recordsUsing lists the custom-field maps of records of entity that set key. Callers hold mu.
func (s *State) recordsUsing(entity, key string) []map[string]any {
	var out []map[string]any
	switch entity {
	case EntityContact:
		for _, c := range s.contacts {
			if _, ok := c.CustomFields[key]; ok {
				out = append(out, c.CustomFields)
			}
		}
	case EntityConversation:
		for _, c := range s.convs {
			if _, ok := c.CustomFields[key]; ok {
				out = append(out, c.CustomFields)
			}
		}
	}
	return out
}
