package llamadapro

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/switchboard-sim/switchboard/simulator/errs"
)

// Issue codes of a bulk report.
const (
	CodeRequired     = "REQUIRED_FIELD"
	CodeInvalidType  = "INVALID_TYPE"
	CodeFormat       = "INVALID_FORMAT"
	CodeValue        = "INVALID_VALUE"
	CodeNotFound     = "NOT_FOUND"
	CodeDuplicate    = "DUPLICATE_CONTACT"
	CodeDupInBatch   = "DUPLICATE_IN_BATCH"
	CodeBatchTooBig  = "BATCH_TOO_LARGE"
	maxBulkItems     = 500
	bulkMessageShape = "Processed %d conversations: %d successful, %d with errors"
)

// Issue is one error or warning of a bulk item, or a batch error.
type Issue struct {
	Field   string         `json:"field"`
	Message string         `json:"message"`
	Code    string         `json:"code"`
	Context map[string]any `json:"context,omitempty"`
}

// decodeItem decodes one bulk item into v, turning a type mismatch into an issue.
func decodeItem(raw json.RawMessage, v any) []Issue {
	if len(raw) == 0 || raw[0] != '{' {
		return []Issue{{Field: "", Message: "each item must be an object", Code: CodeInvalidType}}
	}
	err := json.Unmarshal(raw, v)
	var te *json.UnmarshalTypeError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &te):
		return []Issue{{Field: te.Field, Message: fmt.Sprintf("must be of type %s, got %s", te.Type, te.Value), Code: CodeInvalidType}}
	default:
		return []Issue{{Field: "", Message: err.Error(), Code: CodeInvalidType}}
	}
}

// checkNewConversation returns every problem of a Create body. Callers hold mu.
func (s *State) checkNewConversation(in NewConversation) []Issue {
	var out []Issue
	if in.FunnelID == nil {
		out = append(out, Issue{Field: "funnelId", Message: "funnelId is required", Code: CodeRequired})
	} else if f := s.funnel(int64(*in.FunnelID)); f == nil {
		out = append(out, Issue{Field: "funnelId", Message: fmt.Sprintf("funnel %v does not exist", *in.FunnelID), Code: CodeNotFound})
	} else {
		out = append(out, s.checkStatus(f, in.FunnelStatusID)...)
	}
	switch {
	case in.ContactID == nil && in.Contact == nil:
		out = append(out, Issue{Field: "contactId", Message: "either contactId or contact is required", Code: CodeRequired})
	case in.ContactID != nil:
		if _, ok := s.contacts[int64(*in.ContactID)]; !ok {
			out = append(out, Issue{Field: "contactId", Message: fmt.Sprintf("contact %v does not exist", *in.ContactID), Code: CodeNotFound})
		}
	default:
		out = append(out, s.checkContactParams(in.Contact)...)
	}
	out = append(out, s.checkFields(EntityConversation, in.CustomFields, "customFields")...)
	return out
}

func (s *State) checkStatus(f *funnelFixture, status *float64) []Issue {
	if status == nil {
		return nil
	}
	for _, st := range f.Statuses {
		if float64(st.ID) == *status {
			return nil
		}
	}
	return []Issue{{Field: "funnelStatusId", Message: fmt.Sprintf("status %v is not a status of funnel %d", *status, f.ID), Code: CodeValue}}
}

// checkContactParams validates an inline contact. Callers hold mu.
func (s *State) checkContactParams(p *ContactParams) []Issue {
	var out []Issue
	if p.ID != nil {
		if _, ok := s.contacts[int64(*p.ID)]; !ok {
			out = append(out, Issue{Field: "contact.id", Message: fmt.Sprintf("contact %v does not exist", *p.ID), Code: CodeNotFound})
		}
	}
	for i, ph := range p.Phones {
		if !isE164(ph) {
			out = append(out, Issue{Field: fmt.Sprintf("contact.phones[%d]", i), Message: "must be a phone number in E.164 format, e.g. +14155552671", Code: CodeFormat})
		}
	}
	for i, em := range p.Emails {
		if !isEmail(em) {
			out = append(out, Issue{Field: fmt.Sprintf("contact.emails[%d]", i), Message: "must be a valid email address", Code: CodeFormat})
		}
	}
	return append(out, s.checkFields(EntityContact, p.CustomFields, "contact.customFields")...)
}

// checkFields validates custom fields against the entity's definitions. Callers hold mu.
func (s *State) checkFields(entity string, m map[string]any, field string) []Issue {
	var bad errs.Collector
	s.mergeCustomFields(entity, map[string]any{}, m, field, &bad)
	var out []Issue
	if err := bad.Err(); err != nil {
		for _, f := range errs.As(err).Fields {
			out = append(out, Issue{Field: f.Name, Message: f.Reason, Code: CodeValue})
		}
	}
	return out
}
