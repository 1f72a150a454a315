package maiagent

import (
	"time"

	"github.com/switchboard-sim/switchboard/simulator/errs"
)

// Contact is an end user talking to an assistant.
type Contact struct {
	ID        string    `json:"id"`
	Name      string    `json:"name"`
	Avatar    *string   `json:"avatar"`
	CreatedAt time.Time `json:"createdAt"`
}

// Inbox is the channel inbox a web chat delivers into.
type Inbox struct {
	ID          string `json:"id" yaml:"id"`
	Name        string `json:"name" yaml:"name"`
	ChannelType string `json:"channelType" yaml:"channelType"`
}

// Conversation is a MaiAgent conversation, in its wire shape.
type Conversation struct {
	ID                   string     `json:"id"`
	Contact              Contact    `json:"contact"`
	Inbox                Inbox      `json:"inbox"`
	Title                string     `json:"title"`
	LastMessage          *Message   `json:"lastMessage"`
	LastMessageCreatedAt *time.Time `json:"lastMessageCreatedAt"`
	UnreadMessagesCount  int        `json:"unreadMessagesCount"`
	AutoReplyEnabled     bool       `json:"autoReplyEnabled"`
	IsAutoReplyNow       bool       `json:"isAutoReplyNow"`
	LastReadAt           *time.Time `json:"lastReadAt"`
	CreatedAt            time.Time  `json:"createdAt"`
	IsGroupChat          bool       `json:"isGroupChat"`
	EnableGroupMention   bool       `json:"enableGroupMention"`

	chatbotID string
	seq       int64
}

func (c *Conversation) copy() Conversation {
	out := *c
	if c.LastMessage != nil {
		m := c.LastMessage.copy()
		out.LastMessage = &m
	}
	return out
}

// CreateConversation opens a conversation on a web chat for a new anonymous
// contact.
func (s *State) CreateConversation(webChatID string) (Conversation, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	bot, wc, ok := s.webChat(webChatID)
	if !ok {
		return Conversation{}, invalidPK("webChat", webChatID)
	}
	return s.newConversation(bot, wc, nil).copy(), nil
}

// newConversation creates a conversation; contact nil means a new anonymous
// contact. Callers hold mu.
func (s *State) newConversation(bot *chatbotFx, wc *webChatFx, contact *Contact) *Conversation {
	now := s.now()
	if contact == nil {
		contact = &Contact{ID: s.fake.UUID(), Name: s.fake.Name(), CreatedAt: now}
		s.contacts[contact.ID] = contact
	}
	s.convSeq++
	c := &Conversation{
		ID: s.fake.UUID(), Contact: *contact, Inbox: wc.Inbox, Title: "",
		AutoReplyEnabled: true, CreatedAt: now, chatbotID: bot.ID, seq: s.convSeq,
	}
	s.conversations[c.ID] = c
	s.convIndex.add(c.seq, c.Inbox.ID, c)
	return c
}

// GetConversation returns one conversation.
func (s *State) GetConversation(id string) (Conversation, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.conversations[id]
	if !ok {
		return Conversation{}, errs.NotFoundf("Not found.")
	}
	return c.copy(), nil
}

// ListConversations pages the conversations, newest first, optionally only
// those of one inbox.
func (s *State) ListConversations(inbox string, cur Cursor, size int) (Page[Conversation], error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.convIndex.page(inbox, cur, size)
	page := Page[Conversation]{Count: p.Count, Next: p.Next, Previous: p.Previous, Results: make([]Conversation, 0, len(p.Results))}
	for _, c := range p.Results {
		page.Results = append(page.Results, c.copy())
	}
	return page, nil
}

// invalidPK is DRF's error for a related object that does not exist.
func invalidPK(field, id string) error {
	return errs.InvalidField(field, `Invalid pk "`+id+`" - object does not exist.`)
}
