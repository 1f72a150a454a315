package ringotel

import (
	"encoding/json"
	"strings"

	"github.com/switchboard-sim/switchboard/simulator/errs"
)

// Upload is the multipart file send (orgid, from, to, file; no method). It
// stores a type-2 file message in the org, outside any session, and returns
// its messageid, which a later `message` call with messageid files into a session.
func (s *State) Upload(form map[string]string, file *File) (MessageResult, error) {
	p := formParams(form)
	orgID := p.str("orgid", true)
	from, to := p.phone("from", true), p.phone("to", true)
	if file == nil {
		p.fail("file", "is required: a file part")
	}
	if err := p.err(); err != nil {
		return MessageResult{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	o, err := s.orgOf(orgID)
	if err != nil {
		return MessageResult{}, err
	}
	pt, err := o.resolveParties(side{"from", from}, side{"to", to})
	if err != nil {
		return MessageResult{}, err
	}
	now := s.now()
	f := *file
	f.Name = strings.TrimSpace(f.Name)
	msg := &Message{
		MessageID: s.newID(), OrgID: o.id, Type: TypeFile, From: from, To: to, File: &f,
		Direction: Inbound, Timestamp: now.UnixMilli(), SyncedAt: now,
	}
	if pt.fromUser {
		msg.Direction = Outbound
	}
	s.messages[msg.MessageID] = msg
	return MessageResult{MessageID: msg.MessageID}, nil
}

// formParams reads multipart form fields with the same checks as JSON params.
func formParams(form map[string]string) *params {
	p := &params{raw: map[string]json.RawMessage{}, bad: &errs.Collector{}}
	for k, v := range form {
		b, _ := json.Marshal(v)
		p.raw[k] = b
	}
	return p
}
