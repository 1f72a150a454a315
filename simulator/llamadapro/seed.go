package llamadapro

import (
	"fmt"
	"strings"
	"time"
)

// seedCustomFields loads the fixture definitions and their options.
func (s *State) seedCustomFields(fx []fieldFixture) {
	now := s.now()
	for _, f := range fx {
		d := &FieldDefinition{ID: f.ID, TenantID: s.tenantID, EntityType: f.EntityType, FieldKey: f.FieldKey,
			FieldType: f.FieldType, CreatedAt: now.Add(-90 * 24 * time.Hour).Truncate(time.Second)}
		if f.FieldLabel != "" {
			d.FieldLabel = strp(f.FieldLabel)
		}
		if f.Description != "" {
			d.Description = strp(f.Description)
		}
		d.UpdatedAt = d.CreatedAt
		s.defs[d.ID] = d
		s.dix.put(d.ID, d)
		for _, o := range f.Options {
			s.options[o.ID] = &ListOption{ID: o.ID, TenantID: s.tenantID, DefinitionID: f.ID, Value: o.Value,
				Label: strp(o.Label), CreatedAt: d.CreatedAt, UpdatedAt: d.CreatedAt}
			s.oix.put(o.ID, s.options[o.ID])
		}
	}
}

// seedContacts loads the fixed contacts and generates the rest with gofakeit.
func (s *State) seedContacts(fx contactFixtures) {
	now := s.now()
	for _, f := range fx.Fixed {
		at := now.Add(f.Created.D()).Truncate(time.Second)
		c := &Contact{ID: f.ID, TenantID: s.tenantID, FirstName: strp(f.FirstName), LastName: strp(f.LastName),
			CreatedAt: at, UpdatedAt: at, CustomFields: map[string]any{}, Addresses: []Address{}}
		if f.CompanyPosition != "" {
			c.CompanyPosition = strp(f.CompanyPosition)
		}
		if f.NationalID != "" {
			c.NationalID = strp(f.NationalID)
		}
		for k, v := range f.CustomFields {
			c.CustomFields[k] = v
		}
		for _, a := range f.Addresses {
			c.Addresses = append(c.Addresses, Address{ChannelType: a.ChannelType, Address: a.Address})
		}
		s.insertContact(c)
	}
	g := fx.Generated
	sources := []string{"web", "referral", "ads", "event"}
	tiers := []string{"gold", "silver", "bronze"}
	for i := 0; i < g.Count; i++ {
		at := now.Add(-time.Duration(s.fake.IntRange(1, 60*24)) * time.Hour).Truncate(time.Second)
		first, last := s.fake.FirstName(), s.fake.LastName()
		c := &Contact{ID: g.FirstID + int64(i), TenantID: s.tenantID, FirstName: strp(first), LastName: strp(last),
			CompanyPosition: strp(s.fake.JobTitle()), CreatedAt: at, UpdatedAt: at,
			CustomFields: map[string]any{"source": sources[s.fake.IntN(len(sources))]}, Addresses: []Address{}}
		if i%3 == 0 {
			c.CustomFields["tier"] = tiers[s.fake.IntN(len(tiers))]
		}
		phone := fmt.Sprintf("+1%d%09d", s.fake.IntRange(2, 9), s.fake.IntRange(0, 999999999))
		switch g.ChannelTypes[i%len(g.ChannelTypes)] {
		case ChannelWhatsApp:
			c.Addresses = append(c.Addresses, Address{ChannelType: ChannelWhatsApp, Address: phone})
		case ChannelPhone:
			c.Addresses = append(c.Addresses, Address{ChannelType: ChannelPhone, Address: phone})
		}
		email := fmt.Sprintf("%s.%s%d@%s.example", alnum(first), alnum(last), i, alnum(s.fake.DomainSuffix()))
		c.Addresses = append(c.Addresses, Address{ChannelType: ChannelEmail, Address: email})
		s.insertContact(c)
	}
	s.nextContactID = g.FirstID + int64(g.Count) - 1 // the next new contact is firstId+count
}

// seedConversations loads the fixture conversations.
func (s *State) seedConversations(fx []convFixture) {
	now := s.now()
	for _, f := range fx {
		at := now.Add(f.Created.D()).Truncate(time.Second)
		st := f.FunnelStatusID
		s.convs[f.ID] = &Conversation{ID: f.ID, TenantID: s.tenantID, ContactID: f.ContactID, FunnelID: f.FunnelID,
			FunnelStatusID: &st, CreatedAt: at, UpdatedAt: at, ChannelSessions: []ChannelSession{}, CustomFields: map[string]any{}}
	}
}

// seedFiles loads the files that UploadMedia's fileId mode can name.
func (s *State) seedFiles(fx []fileFixture) {
	for _, f := range fx {
		s.media[f.ID] = &Media{FileID: f.ID, FileName: f.FileName, ContentType: f.ContentType, data: []byte(f.Text), fixture: true}
	}
}

// alnum keeps the lower-cased ASCII letters and digits of s, for generated email addresses.
func alnum(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		}
	}
	return b.String()
}
