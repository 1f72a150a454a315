package llamadapro

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// ScriptInbound has a contact write a WhatsApp message: by default the
// recipient of session's message, or the called party of session's call,
// writing to the number that contacted them; from overrides the sender
// (and is required for a tenant-wide cue, which has no session). The
// message is stored inbound and delivered, on the contact's conversation,
// and can be read with GetMessage (its id follows the outbound ones).
// LlamadaPro's message API is WhatsApp only, so sms and email are refused.
func (s *State) ScriptInbound(session, text, from, channel string) error {
	if channel != "" && channel != "whatsapp" {
		return fmt.Errorf("inboundMessage: LlamadaPro's message API carries WhatsApp only, not %q", channel)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	to := s.fx.Calls.DefaultFrom
	sender := ""
	if m, ok := s.messages[session]; ok {
		sender, to = m.Recipient.Address, m.Sender.Address
		if m.Direction == "inbound" {
			sender, to = m.Sender.Address, m.Recipient.Address
		}
	} else if c, ok := s.calls[parseID(session)]; ok && session != "" {
		sender, to = c.To, c.From
	} else if session != "" {
		return fmt.Errorf("scenario session %q is neither a message nor a call", session)
	}
	if from != "" {
		sender = from
	}
	if !isE164(sender) {
		return fmt.Errorf("inboundMessage needs a sender number in E.164 format (from), got %q", sender)
	}
	s.receive(sender, to, text)
	return nil
}

// receive stores an inbound WhatsApp message from a contact's number to
// one of ours. Callers hold mu.
func (s *State) receive(from, to, text string) *Message {
	now := s.now()
	contact := s.contactForNumber(from, ChannelWhatsApp, now)
	conv := s.conversationFor(contact.ID, now)
	var addrID *int64
	for _, a := range contact.Addresses {
		if a.ChannelType == ChannelWhatsApp && a.Address == from {
			id := a.ID
			addrID = &id
		}
	}
	sess := s.session(conv, ChannelWhatsApp, addrID, now)
	sess.UpdatedAt, conv.UpdatedAt = now, now
	s.nextMsgID++
	m := &Message{ID: fmt.Sprintf("msg_%d", s.nextMsgID), TenantID: s.tenantID, ConversationID: *sess.MessagingConversationID,
		FunnelConversationID: conv.ID, SessionID: sess.ID, ProviderID: fmt.Sprintf("wamid.SIM%010d", s.nextMsgID),
		ContactID: contact.ID, Content: text, Status: MsgDelivered, Direction: "inbound", Channel: "whatsapp",
		Sender:      MessageParty{Address: from, Role: "contact", DisplayName: nonEmpty(contact.name()), Metadata: map[string]any{}},
		Recipient:   MessageParty{Address: to, Role: "user", Metadata: map[string]any{}},
		Attachments: []Attachment{}, CreatedAt: stamp(now), UpdatedAt: stamp(now), Metadata: map[string]any{"type": "text"},
		Errors: []MessageError{}, CustomFields: map[string]any{}, scripted: true}
	s.messages[m.ID] = m
	return m
}

// parseID reads a numeric session id; anything else is 0 (no such call).
func parseID(session string) int64 {
	n, err := strconv.ParseInt(session, 10, 64)
	if err != nil {
		return 0
	}
	return n
}

// callsSorted lists calls by id. Callers hold mu.
func (s *State) callsSorted() []*Call {
	out := make([]*Call, 0, len(s.calls))
	for _, c := range s.calls {
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// messagesSorted lists messages in creation order. Callers hold mu.
func (s *State) messagesSorted() []*Message {
	out := make([]*Message, 0, len(s.messages))
	for _, m := range s.messages {
		out = append(out, m)
	}
	seq := func(m *Message) int64 { return parseID(strings.TrimPrefix(m.ID, "msg_")) }
	sort.Slice(out, func(i, j int) bool { return seq(out[i]) < seq(out[j]) })
	return out
}
