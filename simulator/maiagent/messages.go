package maiagent

import (
	"time"

	"github.com/switchboard-sim/switchboard/simulator/errs"
)

// Message types: the contact's messages are incoming, the assistant's outgoing.
const (
	Incoming = "incoming"
	Outgoing = "outgoing"
)

// Sender is who wrote a message.
type Sender struct {
	ID     string  `json:"id"`
	Name   string  `json:"name"`
	Avatar *string `json:"avatar"`
}

// AttachmentRef is an attachment as a message carries it.
type AttachmentRef struct {
	ID       string `json:"id"`
	Type     string `json:"type"`
	Filename string `json:"filename"`
	File     string `json:"file"`
}

// Message is a MaiAgent message, in its wire shape.
type Message struct {
	ID            string          `json:"id"`
	Conversation  string          `json:"conversation"`
	Sender        Sender          `json:"sender"`
	Type          string          `json:"type"`
	Content       string          `json:"content"`
	Feedback      *string         `json:"feedback"`
	CreatedAt     time.Time       `json:"createdAt"`
	Attachments   []AttachmentRef `json:"attachments"`
	Citations     []any           `json:"citations"`
	CitationNodes []any           `json:"citationNodes"`

	seq     int64
	visible bool // an assistant reply queued for the webhook is hidden until sent
}

func (m *Message) copy() Message {
	out := *m
	out.Attachments = append([]AttachmentRef{}, m.Attachments...)
	out.Citations = []any{}
	out.CitationNodes = []any{}
	return out
}

// NewMessage is Send Message (Create)'s body.
type NewMessage struct {
	Conversation string          `json:"conversation"`
	Content      string          `json:"content"`
	Attachments  []AttachmentRef `json:"attachments"`
}

// addMessage appends a message to its conversation. Callers hold mu.
func (s *State) addMessage(c *Conversation, id, typ, content string, sender Sender, atts []AttachmentRef, visible bool) *Message {
	s.msgSeq++
	m := &Message{
		ID: id, Conversation: c.ID, Sender: sender, Type: typ, Content: content,
		CreatedAt: s.now(), Attachments: nonNil(atts), seq: s.msgSeq, visible: visible,
	}
	s.messages = append(s.messages, m)
	s.messageByID[m.ID] = m
	if visible {
		s.touch(c, m)
		s.msgIndex.add(m.seq, m.Conversation, m)
	}
	return m
}

// touch makes m the conversation's last message. Callers hold mu.
func (s *State) touch(c *Conversation, m *Message) {
	c.LastMessage = m
	at := m.CreatedAt
	c.LastMessageCreatedAt = &at
	if c.Title == "" && m.Type == Incoming {
		c.Title = truncateRunes(m.Content, 40)
	}
	if m.Type == Outgoing {
		c.UnreadMessagesCount++
	}
}

// GetMessage returns one visible message.
func (s *State) GetMessage(id string) (Message, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m, ok := s.messageByID[id]
	if !ok || !m.visible {
		return Message{}, errs.NotFoundf("Not found.")
	}
	return m.copy(), nil
}

// ListMessages pages the visible messages, newest first, optionally of one
// conversation.
func (s *State) ListMessages(conversation string, cur Cursor, size int) Page[Message] {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.msgIndex.page(conversation, cur, size)
	page := Page[Message]{Count: p.Count, Next: p.Next, Previous: p.Previous, Results: make([]Message, 0, len(p.Results))}
	for _, m := range p.Results {
		page.Results = append(page.Results, m.copy())
	}
	return page
}

func truncateRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n])
}
