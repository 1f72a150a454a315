package ringotel

import (
	"time"

	"github.com/switchboard-sim/switchboard/simulator/errs"
)

// Close reasons shown by the control plane.
const (
	ReasonInactivity   = "inactivity"
	ReasonControlPlane = "closed by the control plane"
)

// addSession stores an open session whose inactivity timer starts at
// activity. Callers hold mu.
func (s *State) addSession(o *org, id, user, kind, external string, created, activity time.Time) *session {
	ss := &session{Session: Session{
		SessionID: id, OrgID: o.id, User: user, UserKind: kind, External: external,
		Status: SessionOpen, CreatedAt: created,
	}}
	s.sessions[id] = ss
	o.sessions = append(o.sessions, id)
	s.open.add(ss)
	s.touch(ss, activity)
	return ss
}

// openSession returns the open session between a user and an external
// number (the first opened, if several), or nil. Callers hold mu.
func (s *State) openSession(o *org, user, external string) *session {
	if l := s.open[openKey(o.id, user, external)]; len(l) > 0 {
		return l[0]
	}
	return nil
}

// touch records activity and re-arms the inactivity timer. Callers hold mu.
func (s *State) touch(ss *session, at time.Time) {
	s.clock.Stop(ss.timer)
	ss.LastActivityAt = at
	deadline := at.Add(s.timeout)
	ss.ClosesAt = &deadline
	id := ss.SessionID
	// Internal: a rebuilt tenant re-arms it and closes the session at the
	// same deadline, so it need not keep an idle tenant in memory.
	ss.timer = s.clock.AtInternal(deadline, func() { s.expire(id, deadline) })
}

// expire is the inactivity timer: a session with no activity since the
// timer was armed closes at its deadline.
func (s *State) expire(id string, deadline time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ss := s.sessions[id]
	if s.closed || ss == nil || ss.Status != SessionOpen || ss.ClosesAt == nil || !ss.ClosesAt.Equal(deadline) {
		return
	}
	s.closeLocked(ss, deadline, ReasonInactivity)
}

func (s *State) closeLocked(ss *session, at time.Time, reason string) {
	s.clock.Stop(ss.timer)
	ss.timer = nil
	s.open.remove(ss)
	ss.Status = SessionClosed
	ss.ClosedAt = &at
	ss.ClosesAt = nil
	ss.CloseReason = reason
}

// CloseSession closes a session now (control plane). Closing a closed
// session changes nothing and returns it as it is.
func (s *State) CloseSession(id string) (Session, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ss := s.sessions[id]
	if ss == nil {
		return Session{}, errs.NotFoundf("session %q not found", id)
	}
	if ss.Status == SessionOpen {
		s.closeLocked(ss, s.now(), ReasonControlPlane)
	}
	return ss.copy(), nil
}

// Sessions lists an org's sessions in creation order.
func (s *State) Sessions(orgID string) ([]Session, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	o := s.orgs[orgID]
	if o == nil {
		return nil, errs.NotFoundf("organization %q not found", orgID)
	}
	out := make([]Session, 0, len(o.sessions))
	for _, id := range o.sessions {
		out = append(out, s.sessions[id].copy())
	}
	return out, nil
}

// SessionMessages returns a session and its items in the order they landed.
func (s *State) SessionMessages(orgID, id string) (Session, []Message, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.orgs[orgID] == nil {
		return Session{}, nil, errs.NotFoundf("organization %q not found", orgID)
	}
	ss := s.sessions[id]
	if ss == nil || ss.OrgID != orgID {
		return Session{}, nil, errs.NotFoundf("session %q not found in organization %s", id, orgID)
	}
	out := make([]Message, 0, len(ss.items))
	for _, mid := range ss.items {
		out = append(out, s.messages[mid].copy())
	}
	return ss.copy(), out, nil
}

func (ss *session) copy() Session {
	c := ss.Session
	if c.ClosesAt != nil {
		t := *c.ClosesAt
		c.ClosesAt = &t
	}
	if c.ClosedAt != nil {
		t := *c.ClosedAt
		c.ClosedAt = &t
	}
	return c
}

func (m *Message) copy() Message {
	c := *m
	if m.Text != nil {
		t := *m.Text
		c.Text = &t
	}
	if m.Call != nil {
		cr := *m.Call
		c.Call = &cr
	}
	if m.File != nil {
		f := *m.File
		c.File = &f
	}
	return c
}
