package llamadapro

import (
	"time"

	"github.com/switchboard-sim/switchboard/simulator/errs"
)

// Message statuses, in the order a delivered message passes them.
const (
	MsgPending   = "pending"
	MsgSent      = "sent"
	MsgDelivered = "delivered"
	MsgRead      = "read"
	MsgFailed    = "failed"
)

// MessageParty is a message's sender or recipient.
type MessageParty struct {
	ProviderID  *string        `json:"providerId"`
	Address     string         `json:"address"`
	Role        string         `json:"role"`
	DisplayName *string        `json:"displayName"`
	Metadata    map[string]any `json:"metadata"`
}

// Attachment is a media file of a message.
type Attachment struct {
	ID          string         `json:"id"`
	Type        string         `json:"type"`
	URL         string         `json:"url"`
	UnsignedURL string         `json:"unsignedUrl"`
	Metadata    map[string]any `json:"metadata"`
	IsCacheable bool           `json:"isCacheable"`
}

// MessageError is a delivery error.
type MessageError struct {
	Code     float64 `json:"code"`
	Title    string  `json:"title"`
	Message  string  `json:"message"`
	Href     string  `json:"href"`
	Provider string  `json:"provider"`
}

// Message is a WhatsApp message in its wire shape.
type Message struct {
	ID                   string         `json:"id"`
	TenantID             string         `json:"tenantId"`
	ConversationID       string         `json:"conversationId"`
	FunnelConversationID int64          `json:"funnelConversationId"`
	SessionID            int64          `json:"sessionId"`
	ProviderID           string         `json:"providerId"`
	ContactID            int64          `json:"contactId"`
	UserID               *string        `json:"userId"`
	Content              string         `json:"content"`
	Status               string         `json:"status"`
	Direction            string         `json:"direction"`
	Channel              string         `json:"channel"`
	Sender               MessageParty   `json:"sender"`
	Recipient            MessageParty   `json:"recipient"`
	Attachments          []Attachment   `json:"attachments"`
	CreatedAt            string         `json:"createdAt"`
	UpdatedAt            string         `json:"updatedAt"`
	Metadata             map[string]any `json:"metadata"`
	Errors               []MessageError `json:"errors"`
	CustomFields         map[string]any `json:"customFields"`

	scripted bool // a scenario drives the message, not the built-in delivery
}

func (m *Message) copy() Message {
	out := *m
	out.Attachments = append([]Attachment{}, m.Attachments...)
	out.Errors = append([]MessageError{}, m.Errors...)
	return out
}

// GetMessage returns a message in its current state.
func (s *State) GetMessage(id string) (Message, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m, ok := s.messages[id]
	if !ok {
		return Message{}, errs.NotFoundf("message %s not found", id)
	}
	return m.copy(), nil
}

// deliver schedules the status changes of a new message. Callers hold mu.
func (s *State) deliver(m *Message, fail bool) {
	w := s.fx.WhatsApp
	step := func(after int, status string) {
		id := m.ID
		s.after(time.Duration(after)*time.Second, func() {
			msg := s.messages[id]
			if msg.Status == MsgFailed || msg.scripted {
				return
			}
			msg.Status = status
			msg.UpdatedAt = stamp(s.now())
			if status == MsgFailed {
				msg.Errors = append(msg.Errors, undeliverable())
			}
		})
	}
	if fail {
		step(w.SentAfter, MsgFailed)
		return
	}
	step(w.SentAfter, MsgSent)
	step(w.DeliveredAfter, MsgDelivered)
	step(w.ReadAfter, MsgRead)
}

func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }
