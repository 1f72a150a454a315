package llamadapro

import (
	"encoding/json"
	"sort"
	"strings"
	"time"

	"github.com/switchboard-sim/switchboard/simulator/errs"
)

// Address is one of a contact's channels.
type Address struct {
	ID          int64     `json:"id"`
	TenantID    string    `json:"tenantId"`
	ContactID   int64     `json:"contactId"`
	ChannelType string    `json:"channelType"`
	Address     string    `json:"address"`
	CreatedAt   time.Time `json:"createdAt"`
	UpdatedAt   time.Time `json:"updatedAt"`
}

// NewAddress is an address in a request body (no id yet).
type NewAddress struct {
	ChannelType string `json:"channelType" yaml:"channelType"`
	Address     string `json:"address" yaml:"address"`
}

// Contact is a LlamadaPro CRM contact in its wire shape.
type Contact struct {
	ID               int64          `json:"id"`
	TenantID         string         `json:"tenantId"`
	ProviderID       *string        `json:"providerId"`
	ProviderName     *string        `json:"providerName"`
	NationalID       *string        `json:"nationalId"`
	FirstName        *string        `json:"firstName"`
	LastName         *string        `json:"lastName"`
	Email            *string        `json:"email"`
	Phone            *string        `json:"phone"`
	UserID           *float64       `json:"userId"`
	ContactCompanyID *float64       `json:"contactCompanyId"`
	CompanyPosition  *string        `json:"companyPosition"`
	Metadata         any            `json:"metadata"`
	CreatedAt        time.Time      `json:"createdAt"`
	UpdatedAt        time.Time      `json:"updatedAt"`
	CustomFields     map[string]any `json:"customFields"`
	Addresses        []Address      `json:"addresses"`

	event int64 // eventSequence of the search document
}

func (c *Contact) copy() Contact {
	out := *c
	out.CustomFields = make(map[string]any, len(c.CustomFields))
	for k, v := range c.CustomFields {
		out.CustomFields[k] = v
	}
	out.Addresses = append([]Address{}, c.Addresses...)
	return out
}

func (c *Contact) name() string {
	return strings.TrimSpace(deref(c.FirstName) + " " + deref(c.LastName))
}

// mirror sets the deprecated phone and email fields from the first address of their kind.
func (c *Contact) mirror() {
	c.Phone, c.Email = nil, nil
	for _, a := range c.Addresses {
		switch {
		case a.ChannelType == ChannelPhone && c.Phone == nil:
			c.Phone = strp(a.Address)
		case a.ChannelType == ChannelEmail && c.Email == nil:
			c.Email = strp(a.Address)
		}
	}
}

// hasAddress reports whether the contact has address on a phone-like
// channel (phone, WhatsApp, SMS) when phone is true, or as an email.
func (c *Contact) hasAddress(address string, phone bool) bool {
	for _, a := range c.Addresses {
		isPhone := a.ChannelType != ChannelEmail
		if isPhone == phone && strings.EqualFold(a.Address, address) {
			return true
		}
	}
	return false
}

// CreateContact validates body (the seed's CreateContact fields) and stores a contact.
func (s *State) CreateContact(body map[string]json.RawMessage) (Contact, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	c := &Contact{TenantID: s.tenantID, CreatedAt: now, CustomFields: map[string]any{}, Addresses: []Address{}}
	if err := s.applyContact(c, body, true); err != nil {
		return Contact{}, err
	}
	c.UpdatedAt = now
	s.insertContact(c)
	return c.copy(), nil
}

// insertContact gives c its id and address ids and stores it. Callers hold mu.
func (s *State) insertContact(c *Contact) {
	if c.ID == 0 {
		s.nextContactID++
		c.ID = s.nextContactID
	}
	for i := range c.Addresses {
		s.fixAddress(c, &c.Addresses[i])
	}
	c.mirror()
	s.eventSeq++
	c.event = s.eventSeq
	s.contacts[c.ID] = c
	s.cix.put(c.ID, c)
}

func (s *State) fixAddress(c *Contact, a *Address) {
	if a.ID == 0 {
		s.nextAddressID++
		a.ID = s.nextAddressID
		a.CreatedAt, a.UpdatedAt = c.UpdatedAt, c.UpdatedAt
	}
	a.TenantID, a.ContactID = s.tenantID, c.ID
}

// GetContact returns one contact.
func (s *State) GetContact(id int64) (Contact, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.contacts[id]
	if !ok {
		return Contact{}, errs.NotFoundf("contact %d not found", id)
	}
	return c.copy(), nil
}

// UpdateContact applies a partial update; nothing changes when a field is wrong.
func (s *State) UpdateContact(id int64, body map[string]json.RawMessage) (Contact, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	cur, ok := s.contacts[id]
	if !ok {
		return Contact{}, errs.NotFoundf("contact %d not found", id)
	}
	next := cur.copy()
	if err := s.applyContact(&next, body, false); err != nil {
		return Contact{}, err
	}
	next.UpdatedAt = s.now()
	s.insertContact(&next)
	return next.copy(), nil
}

// DeleteContact removes a contact with its addresses and custom fields and returns it.
func (s *State) DeleteContact(id int64) (Contact, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.contacts[id]
	if !ok {
		return Contact{}, errs.NotFoundf("contact %d not found", id)
	}
	delete(s.contacts, id)
	s.cix.remove(id)
	return c.copy(), nil
}

// ListContacts is GetContacts.
func (s *State) ListContacts(q ListQuery) (listResult, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, err := s.cix.list(q, nil)
	return typed(r, func(id int64) Contact { return s.contacts[id].copy() }), err
}

// reindexContactsUsing re-reads the contacts whose indexed document has the
// custom field key, after their CustomFields maps were changed in place. Callers hold mu.
func (s *State) reindexContactsUsing(key string) {
	var ids []int64
	for id, d := range s.cix.docs {
		if d.hasKey("customFields", key) {
			ids = append(ids, id)
		}
	}
	for _, id := range ids {
		s.cix.put(id, s.contacts[id])
	}
}

var contactList = listSpec{
	fields: []string{"id", "tenantId", "providerId", "providerName", "nationalId", "firstName", "lastName",
		"email", "phone", "userId", "contactCompanyId", "companyPosition", "createdAt", "updatedAt",
		"addresses.address", "addresses.channelType"},
	prefixes: []string{"customFields."},
	search:   []string{"firstName", "lastName", "email", "phone", "addresses.address", "nationalId", "companyPosition"},
}

// contactsSorted lists every contact by id. Callers hold mu.
func (s *State) contactsSorted() []*Contact {
	out := make([]*Contact, 0, len(s.contacts))
	for _, c := range s.contacts {
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}
