package ringotel

import (
	"encoding/json"

	"github.com/switchboard-sim/switchboard/simulator/errs"
)

// StatusResult is the result of delivered, read, typing, updated and
// deleted: the message or session the call acted on.
type StatusResult struct {
	MessageID string `json:"messageid,omitempty"`
	SessionID string `json:"sessionid,omitempty"`
}

// refParams reads the optional orgid and the messageid or sessionid a
// status method acts on.
func refParams(raw json.RawMessage, needMessage bool) (p *params, orgID, messageID, sessionID string, err error) {
	if p, err = parseParams(raw); err != nil {
		return nil, "", "", "", err
	}
	orgID = p.str("orgid", false)
	messageID = p.str("messageid", needMessage)
	if !needMessage {
		sessionID = p.str("sessionid", false)
	}
	return p, orgID, messageID, sessionID, nil
}

// messageFor looks up a message, checking the org when one was given. Callers hold mu.
func (s *State) messageFor(orgID, id string) (*Message, error) {
	if orgID != "" {
		if _, err := s.orgOf(orgID); err != nil {
			return nil, err
		}
	}
	m := s.messages[id]
	if m == nil || (orgID != "" && m.OrgID != orgID) {
		return nil, notFound("params.messageid", "message %s not found", quote(id))
	}
	return m, nil
}

// sessionFor looks up a session, checking the org when one was given. Callers hold mu.
func (s *State) sessionFor(orgID, id string) (*session, error) {
	if orgID != "" {
		if _, err := s.orgOf(orgID); err != nil {
			return nil, err
		}
	}
	ss := s.sessions[id]
	if ss == nil || (orgID != "" && ss.OrgID != orgID) {
		return nil, notFound("params.sessionid", "session %s not found", quote(id))
	}
	return ss, nil
}

// markMessage runs delivered, updated (new text content) and deleted.
func (s *State) markMessage(raw json.RawMessage, what string) (StatusResult, error) {
	p, orgID, id, _, err := refParams(raw, true)
	if err != nil {
		return StatusResult{}, err
	}
	var text string
	if what == "updated" {
		if p.has("content") && p.kind("content") != "string" {
			p.fail("content", "must be a string, got "+p.kind("content"))
		} else {
			text = p.str("content", true)
		}
	}
	if err := p.err(); err != nil {
		return StatusResult{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	m, err := s.messageFor(orgID, id)
	if err != nil {
		return StatusResult{}, err
	}
	switch what {
	case "delivered":
		m.Delivered = true
	case "deleted":
		m.Deleted = true
	case "updated":
		if m.Deleted {
			return StatusResult{}, &errs.Error{Code: errs.Conflict, Message: "message " + id + " was deleted and cannot be updated"}
		}
		if m.Type != TypeText {
			return StatusResult{}, invalid("params.messageid", "message %s is not a text message (type %d); only text can be updated", id, m.Type)
		}
		m.Text, m.Edited = &text, true
	}
	return StatusResult{MessageID: m.MessageID}, nil
}

// Read marks one message, or every message of a session, as read.
func (s *State) Read(raw json.RawMessage) (StatusResult, error) {
	p, orgID, mid, sid, err := refParams(raw, false)
	if err != nil {
		return StatusResult{}, err
	}
	if mid == "" && sid == "" && p.err() == nil {
		p.fail("messageid", "is required (or send sessionid to mark a whole session read)")
	}
	if err := p.err(); err != nil {
		return StatusResult{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if mid != "" {
		m, err := s.messageFor(orgID, mid)
		if err != nil {
			return StatusResult{}, err
		}
		m.Read = true
		return StatusResult{MessageID: mid}, nil
	}
	ss, err := s.sessionFor(orgID, sid)
	if err != nil {
		return StatusResult{}, err
	}
	for _, id := range ss.items {
		s.messages[id].Read = true
	}
	return StatusResult{SessionID: sid}, nil
}

// Typing acknowledges a typing notification on an open session.
func (s *State) Typing(raw json.RawMessage) (StatusResult, error) {
	p, err := parseParams(raw)
	if err != nil {
		return StatusResult{}, err
	}
	orgID, sid := p.str("orgid", false), p.str("sessionid", true)
	if err := p.err(); err != nil {
		return StatusResult{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	ss, err := s.sessionFor(orgID, sid)
	if err != nil {
		return StatusResult{}, err
	}
	if ss.Status != SessionOpen {
		return StatusResult{}, &errs.Error{Code: errs.Conflict, Message: "session " + sid + " is closed",
			Fields: []errs.Field{{Name: "params.sessionid", In: "body", Reason: "the session is closed"}}}
	}
	return StatusResult{SessionID: sid}, nil
}
