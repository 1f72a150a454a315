package ringotel

import (
	"encoding/json"
	"path"
	"strings"
	"time"
)

// MessageResult is the `message` method's result: the new message's id,
// and the session it landed in when that is not the one the call named
// (implicit creation, no sessionid, or a closed session replaced).
type MessageResult struct {
	MessageID string `json:"messageid,omitempty"`
	SessionID string `json:"sessionid,omitempty"`

	triggers []trigger // reported to the scenario runtime after the call
}

// Message runs the `message` method: it validates everything first, so a
// failed call changes nothing, then files the message (or creates the session).
func (s *State) Message(raw json.RawMessage) (MessageResult, error) {
	p, err := parseParams(raw)
	if err != nil {
		return MessageResult{}, err
	}
	m := parseMessage(p)
	if err := p.err(); err != nil {
		return MessageResult{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	o, err := s.orgOf(m.orgID)
	if err != nil {
		return MessageResult{}, err
	}
	from, to := side{"params.from", m.from}, side{"params.to", m.to}
	if m.call != nil {
		from, to = side{"params.content.caller_number", m.call.CallerNumber}, side{"params.content.called_number", m.call.CalledNumber}
	}
	pt, err := o.resolveParties(from, to)
	if err != nil {
		return MessageResult{}, err
	}
	var named *session
	if m.sessionID != "" {
		named = s.sessions[m.sessionID]
		if named == nil || named.OrgID != o.id {
			return MessageResult{}, notFound("params.sessionid", "session %s not found in organization %s", quote(m.sessionID), o.id)
		}
		if digits(named.External) != digits(pt.external) {
			return MessageResult{}, invalid(pt.externalKey, "%s is not the external party of session %s (%s)", quote(pt.external), m.sessionID, named.External)
		}
	}
	var src *Message
	if m.messageID != "" {
		src = s.messages[m.messageID]
		if src == nil || src.OrgID != o.id {
			return MessageResult{}, notFound("params.messageid", "message %s not found in organization %s", quote(m.messageID), o.id)
		}
	}
	now := s.now()
	if m.implicit() {
		ss := s.openSession(o, pt.user, pt.external)
		res := MessageResult{}
		if ss == nil {
			ss = s.addSession(o, s.newID(), pt.user, pt.kind, pt.external, now, now)
			res.triggers = []trigger{sessionOpened(ss)}
		}
		res.SessionID = ss.SessionID
		return res, nil
	}
	target, opened := named, false
	if target == nil || target.Status != SessionOpen {
		user, kind, ext := pt.user, pt.kind, pt.external
		if named != nil {
			user, kind, ext = named.User, named.UserKind, named.External
		}
		if target = s.openSession(o, user, ext); target == nil {
			target, opened = s.addSession(o, s.newID(), user, kind, ext, now, now), true
		}
	}
	msg := s.buildMessage(o, &m, pt, src, now)
	msg.SessionID = target.SessionID
	s.messages[msg.MessageID] = msg
	target.items = append(target.items, msg.MessageID)
	target.MessageCount++
	s.touch(target, now)
	res := MessageResult{MessageID: msg.MessageID, triggers: messageTriggers(target, opened, msg)}
	if target.SessionID != m.sessionID {
		res.SessionID = target.SessionID
	}
	return res, nil
}

// buildMessage makes the new message from a validated call. Callers hold mu.
func (s *State) buildMessage(o *org, m *messageCall, pt parties, src *Message, now time.Time) *Message {
	msg := &Message{
		MessageID: s.newID(), OrgID: o.id, Type: max(m.typ, TypeText), From: m.from, To: m.to,
		Timestamp: now.UnixMilli(), SyncedAt: now, Read: m.sessionID != "", Text: m.text,
	}
	msg.Direction = Inbound
	if pt.fromUser {
		msg.Direction = Outbound
	}
	switch {
	case m.call != nil:
		call := *m.call
		if call.ActivityType == "" {
			call.ActivityType = msg.Direction
		}
		msg.Direction, msg.Call = call.ActivityType, &call
		msg.From, msg.To = call.CallerNumber, call.CalledNumber
		if call.Timestamp != nil {
			msg.Timestamp = *call.Timestamp
		}
	case src != nil:
		c := src.copy()
		msg.Type, msg.Text, msg.Call, msg.File, msg.CopiedFrom = c.Type, c.Text, c.Call, c.File, src.MessageID
	case m.fileRef != "":
		msg.File = &File{Name: path.Base(strings.TrimRight(m.fileRef, "/")), URL: m.fileRef}
	}
	if m.timestamp != nil {
		msg.Timestamp = *m.timestamp
	}
	return msg
}
