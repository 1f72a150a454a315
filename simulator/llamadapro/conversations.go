package llamadapro

import (
	"fmt"
	"time"

	"github.com/switchboard-sim/switchboard/simulator/errs"
)

// ChannelSession is a conversation's activity on one channel (a WhatsApp
// thread, a phone call).
type ChannelSession struct {
	ID                      int64      `json:"id"`
	TenantID                string     `json:"tenantId"`
	FunnelConversationID    int64      `json:"funnelConversationId"`
	FunnelAddressID         *int64     `json:"funnelAddressId"`
	ContactAddressID        *int64     `json:"contactAddressId"`
	ArchivedAt              *time.Time `json:"archivedAt"`
	StartTime               time.Time  `json:"startTime"`
	EndTime                 *time.Time `json:"endTime"`
	ChannelType             string     `json:"channelType"`
	MessagingConversationID *string    `json:"messagingConversationId"`
	CreatedAt               time.Time  `json:"createdAt"`
	UpdatedAt               time.Time  `json:"updatedAt"`
}

// Conversation is a funnel conversation in its wire shape; contacts is filled on output.
type Conversation struct {
	ID              int64            `json:"id"`
	TenantID        string           `json:"tenantId"`
	ContactID       int64            `json:"contactId"`
	UserID          *float64         `json:"userId"`
	FunnelID        int64            `json:"funnelId"`
	FunnelStatusID  *int64           `json:"funnelStatusId"`
	ArchivedAt      *time.Time       `json:"archivedAt"`
	CreatedAt       time.Time        `json:"createdAt"`
	UpdatedAt       time.Time        `json:"updatedAt"`
	ChannelSessions []ChannelSession `json:"channelSessions"`
	Contacts        []Contact        `json:"contacts"`
	CustomFields    map[string]any   `json:"customFields"`
}

// ContactParams is a conversation's inline contact (the seed's
// BulkConversationContactCreateParams; id only in bulk updates).
type ContactParams struct {
	ID              *float64       `json:"id"`
	FirstName       *string        `json:"firstName"`
	LastName        *string        `json:"lastName"`
	Phones          []string       `json:"phones"`
	Emails          []string       `json:"emails"`
	NationalID      *string        `json:"nationalId"`
	CompanyPosition *string        `json:"companyPosition"`
	CustomFields    map[string]any `json:"customFields"`
	UserID          *float64       `json:"userId"`
}

// NewConversation is the body of Create and one BulkCreate item.
type NewConversation struct {
	CreatedAt      *time.Time     `json:"createdAt"`
	UserID         *float64       `json:"userId"`
	FunnelID       *float64       `json:"funnelId"`
	FunnelStatusID *float64       `json:"funnelStatusId"`
	ArchivedAt     *time.Time     `json:"archivedAt"`
	CustomFields   map[string]any `json:"customFields"`
	ContactID      *float64       `json:"contactId"`
	Contact        *ContactParams `json:"contact"`
}

// view renders c with its contact. Callers hold mu.
func (s *State) view(c *Conversation) Conversation {
	out := *c
	out.ChannelSessions = append([]ChannelSession{}, c.ChannelSessions...)
	out.CustomFields = map[string]any{}
	for k, v := range c.CustomFields {
		out.CustomFields[k] = v
	}
	out.Contacts = []Contact{}
	if ct, ok := s.contacts[c.ContactID]; ok {
		out.Contacts = append(out.Contacts, ct.copy())
	}
	return out
}

// GetConversation returns one conversation with its contact and channel sessions.
func (s *State) GetConversation(id int64) (Conversation, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.convs[id]
	if !ok {
		return Conversation{}, errs.NotFoundf("conversation %d not found", id)
	}
	return s.view(c), nil
}

// CreateConversation is Create: it validates the whole body first and
// writes nothing when any field is wrong.
func (s *State) CreateConversation(in NewConversation) (Conversation, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	issues := s.checkNewConversation(in)
	if len(issues) > 0 {
		var bad errs.Collector
		for _, i := range issues {
			bad.Add(i.Field, i.Message)
		}
		return Conversation{}, bad.Err()
	}
	c, _ := s.insertConversation(in)
	return s.view(c), nil
}

// insertConversation stores a validated conversation, matching or creating
// its contact. It reports whether an existing contact was matched. Callers hold mu.
func (s *State) insertConversation(in NewConversation) (*Conversation, *Contact) {
	now := s.now()
	var contact, matched *Contact
	if in.ContactID != nil {
		contact = s.contacts[int64(*in.ContactID)]
	} else {
		contact, matched = s.upsertContact(in.Contact, now)
	}
	s.nextConvID++
	c := &Conversation{ID: s.nextConvID, TenantID: s.tenantID, ContactID: contact.ID, UserID: in.UserID,
		FunnelID: int64(*in.FunnelID), ArchivedAt: in.ArchivedAt, CreatedAt: now, UpdatedAt: now,
		ChannelSessions: []ChannelSession{}, CustomFields: map[string]any{}}
	if in.CreatedAt != nil {
		c.CreatedAt = in.CreatedAt.UTC()
	}
	if in.FunnelStatusID != nil {
		id := int64(*in.FunnelStatusID)
		c.FunnelStatusID = &id
	} else if f := s.funnel(c.FunnelID); f != nil && len(f.Statuses) > 0 {
		c.FunnelStatusID = &f.Statuses[0].ID
	}
	for k, v := range in.CustomFields {
		c.CustomFields[k] = v
	}
	s.convs[c.ID] = c
	return c, matched
}

// upsertContact finds a contact by any of p's phones or emails and updates
// it, or creates one. It returns the contact and, when one matched, that contact. Callers hold mu.
func (s *State) upsertContact(p *ContactParams, now time.Time) (*Contact, *Contact) {
	var found *Contact
	if p.ID != nil {
		found = s.contacts[int64(*p.ID)]
	}
	if found == nil {
		found = s.firstContactWith(p.Phones, p.Emails)
	}
	c := found
	if c == nil {
		c = &Contact{TenantID: s.tenantID, CreatedAt: now, CustomFields: map[string]any{}, Addresses: []Address{}}
	}
	set := func(dst **string, v *string) {
		if v != nil {
			*dst = v
		}
	}
	set(&c.FirstName, p.FirstName)
	set(&c.LastName, p.LastName)
	set(&c.NationalID, p.NationalID)
	set(&c.CompanyPosition, p.CompanyPosition)
	if p.UserID != nil {
		c.UserID = p.UserID
	}
	for k, v := range p.CustomFields {
		if v == nil {
			delete(c.CustomFields, k)
		} else {
			c.CustomFields[k] = v
		}
	}
	for _, ph := range p.Phones {
		if !c.hasAddress(ph, true) {
			c.Addresses = append(c.Addresses, Address{ChannelType: ChannelPhone, Address: ph})
		}
	}
	for _, em := range p.Emails {
		if !c.hasAddress(em, false) {
			c.Addresses = append(c.Addresses, Address{ChannelType: ChannelEmail, Address: em})
		}
	}
	c.UpdatedAt = now
	s.insertContact(c)
	return c, found
}

// funnel finds a fixture funnel.
func (s *State) funnel(id int64) *funnelFixture {
	for i := range s.fx.Funnels {
		if s.fx.Funnels[i].ID == id {
			return &s.fx.Funnels[i]
		}
	}
	return nil
}

// session returns the conversation's open session on a channel, creating it. Callers hold mu.
func (s *State) session(c *Conversation, channel string, addressID *int64, now time.Time) *ChannelSession {
	for i := range c.ChannelSessions {
		if cs := &c.ChannelSessions[i]; cs.ChannelType == channel && cs.EndTime == nil {
			return cs
		}
	}
	s.nextSessionID++
	msgConv := fmt.Sprintf("%s-%d-%d", channel, c.ID, s.nextSessionID)
	c.ChannelSessions = append(c.ChannelSessions, ChannelSession{ID: s.nextSessionID, TenantID: s.tenantID,
		FunnelConversationID: c.ID, ContactAddressID: addressID, StartTime: now, ChannelType: channel,
		MessagingConversationID: &msgConv, CreatedAt: now, UpdatedAt: now})
	c.UpdatedAt = now
	return &c.ChannelSessions[len(c.ChannelSessions)-1]
}

// conversationFor returns the contact's newest open conversation, or a new
// one in the first fixture funnel. Callers hold mu.
func (s *State) conversationFor(contactID int64, now time.Time) *Conversation {
	var best *Conversation
	for _, c := range s.convs {
		if c.ContactID == contactID && c.ArchivedAt == nil && (best == nil || c.ID > best.ID) {
			best = c
		}
	}
	if best != nil {
		return best
	}
	f := s.fx.Funnels[0]
	s.nextConvID++
	best = &Conversation{ID: s.nextConvID, TenantID: s.tenantID, ContactID: contactID, FunnelID: f.ID,
		FunnelStatusID: &f.Statuses[0].ID, CreatedAt: now, UpdatedAt: now,
		ChannelSessions: []ChannelSession{}, CustomFields: map[string]any{}}
	s.convs[best.ID] = best
	return best
}
