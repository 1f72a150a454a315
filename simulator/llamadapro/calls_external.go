package llamadapro

import (
	"fmt"
	"net/url"
	"time"

	"github.com/switchboard-sim/switchboard/simulator/errs"
)

// ExternalCall is CreateCall's body: a call made elsewhere, recorded as given.
type ExternalCall struct {
	Status               string    `json:"status"`
	UserID               *float64  `json:"userId"`
	Metadata             any       `json:"metadata"`
	ProviderID           *string   `json:"providerId"`
	ProviderName         *string   `json:"providerName"`
	CustomData           any       `json:"customData"`
	FunnelConversationID *float64  `json:"funnelConversationId"`
	SessionID            *float64  `json:"sessionId"`
	From                 string    `json:"from"`
	To                   string    `json:"to"`
	RedirectedTo         *string   `json:"redirectedTo"`
	Duration             *float64  `json:"duration"`
	Direction            string    `json:"direction"`
	StartTime            time.Time `json:"startTime"`
	TeamID               *float64  `json:"teamId"`
}

// CreateCall stores an external call as given; its contact is the known
// contact with the other party's number, if any. It has no built-in
// lifecycle, but a scenario's callStarted cue can move it (base prefixes
// the recording link a scripted completion makes).
func (s *State) CreateCall(in ExternalCall, base string) (Call, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if in.FunnelConversationID != nil {
		if _, ok := s.convs[int64(*in.FunnelConversationID)]; !ok {
			return Call{}, errs.InvalidField("funnelConversationId", fmt.Sprintf("conversation %v does not exist", *in.FunnelConversationID))
		}
	}
	now := s.now()
	s.nextCallID++
	start := in.StartTime.UTC()
	c := &Call{ID: s.nextCallID, TenantID: s.tenantID, ProviderID: in.ProviderID, ProviderName: in.ProviderName,
		FunnelConversationID: in.FunnelConversationID, SessionID: in.SessionID, UserID: in.UserID, TeamID: in.TeamID,
		From: in.From, To: in.To, RedirectedTo: in.RedirectedTo, Duration: in.Duration, Direction: in.Direction,
		Status: in.Status, StartTime: &start, Metadata: in.Metadata, CustomData: in.CustomData,
		CreatedAt: now, UpdatedAt: now, LastUpdateSequence: 1, base: base,
		script: callScript{agent: "Agent", objectives: []string{"Talk with the customer"}, localization: "US"}}
	other := in.To
	if in.Direction == "incoming" || in.Direction == "inbound" {
		other = in.From
	}
	if ct := s.contactWithAddress(other, true); ct != nil {
		id := ct.ID
		c.ContactID = &id
	}
	s.calls[c.ID] = c
	s.emitCall(c)
	return *c, nil
}

// LoadInput is LoadRecording's body.
type LoadInput struct {
	UserID        float64 `json:"userId"`
	URL           string  `json:"url"`
	CallTo        *string `json:"callTo"`
	CallFrom      *string `json:"callFrom"`
	CallDirection *string `json:"callDirection"`
	CallStartTime *string `json:"callStartTime"`
}

// LoadRecording stores a recording from a URL, with a completed call and a
// transcription. The URL is kept as given (the simulator never fetches it).
func (s *State) LoadRecording(in LoadInput, base string) (Recording, error) {
	var bad errs.Collector
	if u, err := url.Parse(in.URL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		bad.Add("url", "must be an absolute http or https URL")
	}
	if in.CallTo != nil && !isE164(*in.CallTo) {
		bad.Add("callTo", e164Reason)
	}
	if in.CallFrom != nil && !isE164(*in.CallFrom) {
		bad.Add("callFrom", e164Reason)
	}
	var start *time.Time
	if in.CallStartTime != nil {
		t, err := time.Parse(time.RFC3339, *in.CallStartTime)
		if err != nil {
			bad.Add("callStartTime", "must be an RFC 3339 date-time such as 2025-03-01T10:00:00Z")
		}
		t = t.UTC()
		start = &t
	}
	if err := bad.Err(); err != nil {
		return Recording{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	if start == nil {
		start = &now
	}
	dir := "outgoing"
	if in.CallDirection != nil {
		dir = *in.CallDirection
	}
	secs := s.fake.IntRange(s.fx.Calls.DurationSeconds.Min, s.fx.Calls.DurationSeconds.Max)
	d := float64(secs)
	s.nextCallID++
	uid := in.UserID
	c := &Call{ID: s.nextCallID, TenantID: s.tenantID, ProviderName: strp("upload"), UserID: &uid,
		From: deref(in.CallFrom), To: deref(in.CallTo), Duration: &d, Direction: dir, Status: CallCompleted,
		StartTime: start, Metadata: map[string]any{"source": in.URL}, CustomData: map[string]any{},
		CreatedAt: now, UpdatedAt: now, LastUpdateSequence: 1, base: base,
		script: callScript{agent: "Agent", objectives: []string{"Talk with the customer"}, localization: "US"}}
	s.calls[c.ID] = c
	return *s.record(c, in.URL, secs, false), nil
}
