package llamadapro

import (
	"time"

	"github.com/switchboard-sim/switchboard/simulator/errs"
)

// Call statuses: the normal life, then the other endings.
const (
	CallQueued     = "queued"
	CallRinging    = "ringing"
	CallInProgress = "in-progress"
	CallCompleted  = "completed"
	CallNoAnswer   = "no-answer"
	CallBusy       = "busy"
	CallFailed     = "failed"
)

// Call is a phone call in its wire shape.
type Call struct {
	ID                   int64      `json:"id"`
	TenantID             string     `json:"tenantId"`
	ProviderID           *string    `json:"providerId"`
	ProviderName         *string    `json:"providerName"`
	FunnelConversationID *float64   `json:"funnelConversationId"`
	SessionID            *float64   `json:"sessionId"`
	UserID               *float64   `json:"userId"`
	ContactID            *int64     `json:"contactId"`
	OpportunityID        *int64     `json:"opportunityId"`
	AnalysisConfigID     *int64     `json:"analysisConfigId"`
	TeamID               *float64   `json:"teamId"`
	From                 string     `json:"from"`
	To                   string     `json:"to"`
	RedirectedTo         *string    `json:"redirectedTo"`
	Duration             *float64   `json:"duration"`
	Direction            string     `json:"direction"`
	Status               string     `json:"status"`
	StartTime            *time.Time `json:"startTime"`
	Metadata             any        `json:"metadata"`
	CustomData           any        `json:"customData"`
	AgentScore           *float64   `json:"agentScore"`
	Category             *string    `json:"category"`
	CreatedAt            time.Time  `json:"createdAt"`
	UpdatedAt            time.Time  `json:"updatedAt"`
	LastUpdateSequence   int64      `json:"lastUpdateSequence"`

	script   callScript // what the transcript talks about
	scripted bool       // a scenario drives the call, not the built-in lifecycle
	base     string     // URL prefix for the recording link
}

// callScript is what a call's seeded dialogue follows.
type callScript struct {
	agent        string
	contact      string
	company      string
	objectives   []string
	localization string
}

// GetCall returns a call in its current state.
func (s *State) GetCall(id int64) (Call, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.calls[id]
	if !ok {
		return Call{}, errs.NotFoundf("call %d not found", id)
	}
	return *c, nil
}

// setStatus moves a call to status, bumping lastUpdateSequence. Callers hold mu.
func (s *State) setStatus(c *Call, status string) {
	c.Status = status
	c.UpdatedAt = s.now()
	c.LastUpdateSequence++
}

// dial creates an outbound call to a number, links it to the contact and a
// conversation's PHONE session, and runs its life on the clock. Callers hold mu.
func (s *State) dial(from, to, provider string, maxDur int, sc callScript, meta, custom any, userID *float64, base string) *Call {
	now := s.now()
	contact := s.contactForNumber(to, ChannelPhone, now)
	if sc.contact == "" {
		sc.contact = contact.name()
	}
	conv := s.conversationFor(contact.ID, now)
	var addrID *int64
	for _, a := range contact.Addresses {
		if a.ChannelType == ChannelPhone && a.Address == to {
			id := a.ID
			addrID = &id
		}
	}
	sess := s.session(conv, ChannelPhone, addrID, now)
	s.nextCallID++
	convID, sessID := float64(conv.ID), float64(sess.ID)
	cid := contact.ID
	c := &Call{ID: s.nextCallID, TenantID: s.tenantID, ProviderID: strp("sim-" + itoa(int(s.nextCallID))), ProviderName: strp(provider),
		FunnelConversationID: &convID, SessionID: &sessID, UserID: userID, ContactID: &cid, From: from, To: to,
		Direction: "outbound", Status: CallQueued, StartTime: &now, Metadata: meta, CustomData: custom,
		CreatedAt: now, UpdatedAt: now, LastUpdateSequence: 1, script: sc, base: base}
	s.calls[c.ID] = c
	s.startCall(c, maxDur)
	return c
}

// plan arms the timers of a call's life. Callers hold mu.
func (s *State) plan(c *Call, maxDur int) {
	f := s.fx.Calls
	sec := func(n int) time.Duration { return time.Duration(n) * time.Second }
	id := c.ID
	step := func(at time.Duration, fn func(c *Call)) {
		s.after(at, func() {
			if c := s.calls[id]; !c.scripted { // a scenario took the call over
				fn(c)
			}
		})
	}
	queued := sec(f.QueuedSeconds)
	end := func(status string) func(c *Call) {
		return func(c *Call) {
			zero := 0.0
			c.Duration = &zero
			s.setStatus(c, status)
			s.endSession(c)
		}
	}
	switch c.To {
	case f.Magic.Failed:
		step(queued, end(CallFailed))
		return
	case f.Magic.Busy:
		step(queued, func(c *Call) { s.setStatus(c, CallRinging) })
		step(queued+time.Second, end(CallBusy))
		return
	case f.Magic.NoAnswer:
		step(queued, func(c *Call) { s.setStatus(c, CallRinging) })
		step(queued+sec(f.NoAnswerAfterSeconds), end(CallNoAnswer))
		return
	}
	ring := sec(s.fake.IntRange(f.RingSeconds.Min, f.RingSeconds.Max))
	talk := 1
	if c.To != f.Magic.HangUp {
		hi := min(f.DurationSeconds.Max, maxDur)
		talk = s.fake.IntRange(min(f.DurationSeconds.Min, hi), hi)
	}
	step(queued, func(c *Call) { s.setStatus(c, CallRinging) })
	step(queued+ring, func(c *Call) {
		at := s.now()
		c.StartTime = &at
		s.setStatus(c, CallInProgress)
	})
	step(queued+ring+sec(talk), func(c *Call) {
		d := float64(talk)
		c.Duration = &d
		s.setStatus(c, CallCompleted)
		s.endSession(c)
		s.record(c, "", talk, c.To == f.Magic.HangUp)
	})
}

// endSession closes the call's channel session. Callers hold mu.
func (s *State) endSession(c *Call) {
	if c.FunnelConversationID == nil || c.SessionID == nil {
		return
	}
	conv, ok := s.convs[int64(*c.FunnelConversationID)]
	if !ok {
		return
	}
	now := s.now()
	for i := range conv.ChannelSessions {
		if cs := &conv.ChannelSessions[i]; float64(cs.ID) == *c.SessionID {
			cs.EndTime, cs.UpdatedAt = &now, now
		}
	}
	conv.UpdatedAt = now
}
