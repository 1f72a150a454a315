package aicc

import (
	"encoding/json"

	"github.com/switchboard-sim/switchboard/simulator/errs"
)

// AttemptFilter narrows the delivery journal; empty fields match all.
type AttemptFilter struct {
	SubscriptionID, ConversationID, PushID, Outcome string
}

// Deliveries lists every attempt kept, oldest first.
func (s *State) Deliveries(f AttemptFilter) []Attempt {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := []Attempt{}
	for _, a := range s.attempts {
		if (f.SubscriptionID == "" || a.SubscriptionID == f.SubscriptionID) &&
			(f.ConversationID == "" || a.ConversationID == f.ConversationID) &&
			(f.PushID == "" || a.PushID == f.PushID) &&
			(f.Outcome == "" || a.Outcome == f.Outcome) {
			out = append(out, a)
		}
	}
	return out
}

// DeadLetters lists the pushes that gave up, oldest first.
func (s *State) DeadLetters() []DeadLetter {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]DeadLetter{}, s.dead...)
}

// Redelivered names the new push a redelivery queued.
type Redelivered struct {
	PushID         string `json:"pushId"`
	RedeliveryOf   string `json:"redeliveryOf"`
	SubscriptionID string `json:"subscriptionId"`
	ConversationID string `json:"conversationId"`
}

// Redeliver queues a push again (by push id or attempt id), at the end of
// its conversation's queue so the order still holds.
func (s *State) Redeliver(id string) (Redelivered, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var subID, convID, pushID string
	var msgs []DownLinkMsg
	for i := len(s.dead) - 1; i >= 0 && msgs == nil; i-- {
		if d := s.dead[i]; d.PushID == id {
			subID, convID, pushID, msgs = d.SubscriptionID, d.ConversationID, d.PushID, d.Messages
		}
	}
	for i := len(s.attempts) - 1; i >= 0 && msgs == nil; i-- {
		a := s.attempts[i]
		if a.ID != id && a.PushID != id {
			continue
		}
		var body PushBody
		if json.Unmarshal([]byte(a.Body), &body) != nil {
			return Redelivered{}, errs.New(errs.Conflict, "delivery %s has a truncated body and cannot be sent again", id)
		}
		subID, convID, pushID, msgs = a.SubscriptionID, a.ConversationID, a.PushID, body.Messages
	}
	if msgs == nil {
		return Redelivered{}, notFound("delivery", id)
	}
	sub, ok := s.subs[subID]
	if !ok {
		return Redelivered{}, errs.New(errs.Conflict, "subscription %s no longer exists", subID)
	}
	newID := s.enqueueLocked(sub, convID, msgs, pushID)
	return Redelivered{PushID: newID, RedeliveryOf: pushID, SubscriptionID: subID, ConversationID: convID}, nil
}
