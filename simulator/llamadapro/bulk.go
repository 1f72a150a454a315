package llamadapro

import (
	"encoding/json"
	"fmt"
	"time"
)

// ItemIssues are the errors and warnings of one bulk item.
type ItemIssues struct {
	Index            int            `json:"index"`
	ItemID           *int64         `json:"itemId"`
	Errors           []Issue        `json:"errors"`
	Warnings         []Issue        `json:"warnings"`
	ExistingEntities map[string]any `json:"existingEntities,omitempty"`
}

// BulkCounts add up: successful + errors = total; items with warnings and
// duplicates are among the successful.
type BulkCounts struct {
	Successful int `json:"successful"`
	Warnings   int `json:"warnings"`
	Duplicates int `json:"duplicates"`
	Errors     int `json:"errors"`
	Total      int `json:"total"`
}

// BulkReport is BulkCreate's and BulkUpdate's answer.
type BulkReport struct {
	Message     string `json:"message"`
	OperationID string `json:"operationId"`
	Report      struct {
		ItemsIssues []ItemIssues `json:"itemsIssues"`
		BatchErrors []Issue      `json:"batchErrors"`
		Counts      BulkCounts   `json:"counts"`
	} `json:"report"`
}

// runBulk applies one function per item and builds the report. Callers hold mu.
func (s *State) runBulk(kind string, items []json.RawMessage, one func(raw json.RawMessage, seen map[int64]bool) ItemIssues) BulkReport {
	s.nextBulkID++
	var r BulkReport
	r.OperationID = fmt.Sprintf("bulk-%s-%d", kind, s.nextBulkID)
	r.Report.ItemsIssues = []ItemIssues{}
	r.Report.BatchErrors = []Issue{}
	c := &r.Report.Counts
	c.Total = len(items)
	if len(items) > maxBulkItems {
		r.Report.BatchErrors = append(r.Report.BatchErrors, Issue{Field: "conversations", Code: CodeBatchTooBig,
			Message: fmt.Sprintf("a batch holds at most %d conversations; nothing was processed", maxBulkItems)})
		c.Errors = c.Total
	} else {
		seen := map[int64]bool{}
		for i, raw := range items {
			res := one(raw, seen)
			res.Index = i
			if res.Errors == nil {
				res.Errors = []Issue{}
			}
			for j := range res.Errors {
				if res.Errors[j].Field == "" {
					res.Errors[j].Field = fmt.Sprintf("conversations[%d]", i)
				}
			}
			switch {
			case len(res.Errors) > 0:
				c.Errors++
			default:
				c.Successful++
				if len(res.Warnings) > 0 {
					c.Warnings++
				}
				if res.ExistingEntities != nil {
					c.Duplicates++
				}
			}
			if len(res.Errors)+len(res.Warnings) > 0 {
				r.Report.ItemsIssues = append(r.Report.ItemsIssues, res)
			}
		}
	}
	r.Message = fmt.Sprintf(bulkMessageShape, c.Total, c.Successful, c.Errors)
	return r
}

func noIssues(id *int64) ItemIssues {
	return ItemIssues{ItemID: id, Errors: []Issue{}, Warnings: []Issue{}}
}

// BulkCreate creates every valid conversation of items and reports the rest.
func (s *State) BulkCreate(items []json.RawMessage) BulkReport {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.runBulk("create", items, func(raw json.RawMessage, _ map[int64]bool) ItemIssues {
		res := noIssues(nil)
		var in NewConversation
		if res.Errors = decodeItem(raw, &in); res.Errors != nil {
			return res
		}
		if issues := s.checkNewConversation(in); len(issues) > 0 {
			res.Errors = issues
			return res
		}
		conv, matched := s.insertConversation(in)
		res.ItemID = &conv.ID
		if matched != nil {
			res.Warnings = append(res.Warnings, Issue{Field: "contact", Code: CodeDuplicate,
				Message: fmt.Sprintf("matched existing contact %d by address; it was updated", matched.ID),
				Context: map[string]any{"contactId": matched.ID}})
			res.ExistingEntities = map[string]any{"contactId": matched.ID}
		}
		return res
	})
}

// ConversationUpdate is one BulkUpdate item.
type ConversationUpdate struct {
	ID             *float64       `json:"id"`
	CreatedAt      *time.Time     `json:"createdAt"`
	UserID         *float64       `json:"userId"`
	FunnelStatusID *float64       `json:"funnelStatusId"`
	ArchivedAt     *time.Time     `json:"archivedAt"`
	CustomFields   map[string]any `json:"customFields"`
	Contact        *ContactParams `json:"contact"`
}

// BulkUpdate updates every valid item and reports the rest.
func (s *State) BulkUpdate(items []json.RawMessage) BulkReport {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.runBulk("update", items, func(raw json.RawMessage, seen map[int64]bool) ItemIssues {
		res := noIssues(nil)
		var in ConversationUpdate
		if res.Errors = decodeItem(raw, &in); res.Errors != nil {
			return res
		}
		if in.ID == nil {
			res.Errors = []Issue{{Field: "id", Message: "id is required", Code: CodeRequired}}
			return res
		}
		id := int64(*in.ID)
		res.ItemID = &id
		conv, ok := s.convs[id]
		if !ok {
			res.Errors = []Issue{{Field: "id", Message: fmt.Sprintf("conversation %d does not exist", id), Code: CodeNotFound}}
			return res
		}
		if seen[id] {
			res.Errors = []Issue{{Field: "id", Message: fmt.Sprintf("conversation %d appears more than once in the batch", id), Code: CodeDupInBatch}}
			return res
		}
		res.Errors = append(res.Errors, s.checkStatus(s.funnel(conv.FunnelID), in.FunnelStatusID)...)
		res.Errors = append(res.Errors, s.checkFields(EntityConversation, in.CustomFields, "customFields")...)
		if in.Contact != nil {
			res.Errors = append(res.Errors, s.checkContactParams(in.Contact)...)
		}
		if len(res.Errors) > 0 {
			return res
		}
		seen[id] = true
		s.applyUpdate(conv, in)
		return res
	})
}

// applyUpdate writes a validated bulk update. Callers hold mu.
func (s *State) applyUpdate(conv *Conversation, in ConversationUpdate) {
	now := s.now()
	if in.CreatedAt != nil {
		conv.CreatedAt = in.CreatedAt.UTC()
	}
	if in.UserID != nil {
		conv.UserID = in.UserID
	}
	if in.FunnelStatusID != nil {
		st := int64(*in.FunnelStatusID)
		conv.FunnelStatusID = &st
	}
	if in.ArchivedAt != nil {
		at := in.ArchivedAt.UTC()
		conv.ArchivedAt = &at
	}
	for k, v := range in.CustomFields {
		if v == nil {
			delete(conv.CustomFields, k)
		} else {
			conv.CustomFields[k] = v
		}
	}
	if in.Contact != nil {
		p := *in.Contact
		if p.ID == nil {
			cid := float64(conv.ContactID)
			p.ID = &cid
		}
		ct, _ := s.upsertContact(&p, now)
		conv.ContactID = ct.ID
	}
	conv.UpdatedAt = now
}
