package llamadapro

import (
	"context"
	"fmt"
	"time"

	"github.com/switchboard-sim/switchboard/scenarios"
	"github.com/switchboard-sim/switchboard/simulator/tenant"
)

// Do performs one scenario action on tenant t's state (scenarios.Actor):
// callStatus moves a call, messageStatus moves a WhatsApp message, and
// inboundMessage has the contact write back. It runs in a clock callback.
func (a *API) Do(_ context.Context, t *tenant.Tenant, act scenarios.Action) error {
	s := a.stateOf(t)
	switch act.Name {
	case actionCallStatus:
		return s.ScriptCallStatus(act.Session, act.String("status", ""), act.Duration("duration", -1))
	case actionMessageStatus:
		return s.ScriptMessageStatus(act.Session, act.String("status", ""))
	case actionInboundMessage:
		return s.ScriptInbound(act.Session, act.String("text", ""), act.String("from", ""), act.String("channel", "whatsapp"))
	}
	return fmt.Errorf("llamadapro performs no scenario action %q", act.Name)
}

// callEnded are the statuses after which a call no longer changes.
var callEnded = map[string]bool{CallCompleted: true, CallNoAnswer: true, CallBusy: true, CallFailed: true, "canceled": true}

// ScriptCallStatus moves the call of session (every open call when session
// is empty) to status. "answered" is LlamadaPro's in-progress. An ending
// status sets the duration (dur, or the talk time for completed when dur
// is negative) and ends the call's session; completed also makes the
// recording and transcription. The built-in lifecycle leaves the call alone
// from then on.
func (s *State) ScriptCallStatus(session, status string, dur time.Duration) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if status == "" {
		return fmt.Errorf("callStatus needs a status")
	}
	var calls []*Call
	if session == "" {
		for _, c := range s.callsSorted() {
			if !callEnded[c.Status] {
				calls = append(calls, c)
			}
		}
	} else {
		c, ok := s.calls[parseID(session)]
		if !ok {
			return fmt.Errorf("scenario session %q is not a call", session)
		}
		if callEnded[c.Status] {
			return fmt.Errorf("call %d has already ended (%s)", c.ID, c.Status)
		}
		calls = append(calls, c)
	}
	for _, c := range calls {
		s.moveCall(c, status, dur)
	}
	return nil
}

// moveCall applies one scripted status. Callers hold mu.
func (s *State) moveCall(c *Call, status string, dur time.Duration) {
	c.scripted = true
	now := s.now()
	switch status {
	case "answered", CallInProgress:
		c.StartTime = &now
		s.setStatus(c, CallInProgress)
		return
	case CallQueued, CallRinging:
		s.setStatus(c, status)
		return
	}
	secs := 0
	switch {
	case dur >= 0:
		secs = int(dur.Round(time.Second) / time.Second)
	case status == CallCompleted && c.Status == CallInProgress && c.StartTime != nil:
		secs = int(now.Sub(*c.StartTime) / time.Second)
	}
	d := float64(secs)
	c.Duration = &d
	s.setStatus(c, status)
	s.endSession(c)
	if status == CallCompleted {
		s.record(c, "", max(secs, 1), false)
	}
}

// ScriptMessageStatus moves the outbound message of session (every message
// still on its way when session is empty) to status; failed adds WhatsApp's
// undeliverable error. The built-in delivery leaves the message alone.
func (s *State) ScriptMessageStatus(session, status string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if status == "" {
		return fmt.Errorf("messageStatus needs a status")
	}
	var msgs []*Message
	if session == "" {
		for _, m := range s.messagesSorted() {
			if m.Direction == "outbound" && m.Status != MsgRead && m.Status != MsgFailed {
				msgs = append(msgs, m)
			}
		}
	} else {
		m, ok := s.messages[session]
		if !ok {
			return fmt.Errorf("scenario session %q is not a message", session)
		}
		if m.Status == MsgFailed {
			return fmt.Errorf("message %s has already failed", m.ID)
		}
		msgs = append(msgs, m)
	}
	for _, m := range msgs {
		m.scripted = true
		m.Status = status
		m.UpdatedAt = stamp(s.now())
		if status == MsgFailed {
			m.Errors = append(m.Errors, undeliverable())
		}
	}
	return nil
}

// undeliverable is WhatsApp's error for a number that cannot receive messages.
func undeliverable() MessageError {
	return MessageError{Code: 131026, Title: "Message undeliverable",
		Message: "the recipient's number cannot receive WhatsApp messages", Href: "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/", Provider: "whatsapp"}
}
