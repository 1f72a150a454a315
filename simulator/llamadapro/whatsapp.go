package llamadapro

import (
	"fmt"
	"strings"
	"time"

	"github.com/switchboard-sim/switchboard/simulator/errs"
)

// MessageInput is CreateMessage's body.
type MessageInput struct {
	FromPhoneNumber string         `json:"fromPhoneNumber"`
	ToPhoneNumber   string         `json:"toPhoneNumber"`
	UserID          *string        `json:"userId"`
	Content         string         `json:"content"`
	Type            string         `json:"type"`
	CustomFields    map[string]any `json:"customFields"`
	FileID          *string        `json:"fileId"`
}

// mediaTypes are the message types that carry a file.
var mediaTypes = map[string]bool{"image": true, "audio": true, "video": true, "document": true, "sticker": true}

func checkNumbers(from, to string, bad *errs.Collector) {
	if !isE164(from) {
		bad.Add("fromPhoneNumber", "must be a phone number in E.164 format, e.g. +14155552671")
	}
	if !isE164(to) {
		bad.Add("toPhoneNumber", "must be a phone number in E.164 format, e.g. +14155552671")
	}
}

// CreateMessage sends a free-form WhatsApp message. base is the URL prefix of media links.
func (s *State) CreateMessage(in MessageInput, base string) (Message, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var bad errs.Collector
	checkNumbers(in.FromPhoneNumber, in.ToPhoneNumber, &bad)
	if in.Type == "text" && strings.TrimSpace(in.Content) == "" {
		bad.Add("content", "a text message needs non-empty content")
	}
	var media *Media
	switch {
	case mediaTypes[in.Type] && in.FileID == nil:
		bad.Add("fileId", fmt.Sprintf("a %s message needs the fileId of an uploaded file (UploadMedia)", in.Type))
	case in.FileID != nil:
		m, ok := s.media[*in.FileID]
		if !ok {
			bad.Add("fileId", fmt.Sprintf("%s is not a file or media id returned by UploadMedia", *in.FileID))
		} else if !mediaTypes[in.Type] {
			bad.Add("fileId", fmt.Sprintf("a %s message carries no file", in.Type))
		}
		media = m
	}
	if err := bad.Err(); err != nil {
		return Message{}, err
	}
	m := s.newMessage(in.FromPhoneNumber, in.ToPhoneNumber, in.UserID, in.Content, in.CustomFields)
	m.Metadata["type"] = in.Type
	if media != nil {
		url := base + "/api/v1/whatsapp/media/" + media.MediaID
		if media.MediaID == "" {
			url = base + "/api/v1/whatsapp/media/" + media.FileID
		}
		m.Attachments = append(m.Attachments, Attachment{ID: media.FileID, Type: in.Type, URL: url, UnsignedURL: url,
			Metadata: map[string]any{"fileName": media.FileName, "contentType": media.ContentType, "size": len(media.data)}, IsCacheable: true})
	}
	return m.copy(), nil
}

// newMessage stores an outbound message on the recipient's contact and
// conversation (both created when missing) and starts its delivery. Callers hold mu.
func (s *State) newMessage(from, to string, userID *string, content string, fields map[string]any) *Message {
	now := s.now()
	contact := s.contactForNumber(to, ChannelWhatsApp, now)
	conv := s.conversationFor(contact.ID, now)
	var addrID *int64
	for _, a := range contact.Addresses {
		if a.ChannelType == ChannelWhatsApp && a.Address == to {
			id := a.ID
			addrID = &id
		}
	}
	sess := s.session(conv, ChannelWhatsApp, addrID, now)
	sess.UpdatedAt = now
	s.nextMsgID++
	if fields == nil {
		fields = map[string]any{}
	}
	m := &Message{ID: fmt.Sprintf("msg_%d", s.nextMsgID), TenantID: s.tenantID, ConversationID: *sess.MessagingConversationID,
		FunnelConversationID: conv.ID, SessionID: sess.ID, ProviderID: fmt.Sprintf("wamid.SIM%010d", s.nextMsgID),
		ContactID: contact.ID, UserID: userID, Content: content, Status: MsgPending, Direction: "outbound", Channel: "whatsapp",
		Sender:      MessageParty{Address: from, Role: "user", Metadata: map[string]any{}},
		Recipient:   MessageParty{Address: to, Role: "contact", DisplayName: nonEmpty(contact.name()), Metadata: map[string]any{}},
		Attachments: []Attachment{}, CreatedAt: stamp(now), UpdatedAt: stamp(now), Metadata: map[string]any{},
		Errors: []MessageError{}, CustomFields: fields}
	s.messages[m.ID] = m
	s.sendMessage(m)
	return m
}

// contactForNumber finds the contact with this phone number on any phone-like
// channel (adding the channel if it lacks it) or creates one. Callers hold mu.
func (s *State) contactForNumber(number, channel string, now time.Time) *Contact {
	if c := s.contactWithAddress(number, true); c != nil {
		has := false
		for _, a := range c.Addresses {
			has = has || (a.ChannelType == channel && a.Address == number)
		}
		if !has {
			c.Addresses = append(c.Addresses, Address{ChannelType: channel, Address: number})
			c.UpdatedAt = now
			s.insertContact(c)
		}
		return c
	}
	c := &Contact{TenantID: s.tenantID, CreatedAt: now, UpdatedAt: now, CustomFields: map[string]any{},
		Addresses: []Address{{ChannelType: channel, Address: number}}}
	s.insertContact(c)
	return c
}

func nonEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
