package ringotel

import (
	"context"
	"fmt"
	"strconv"

	"github.com/switchboard-sim/switchboard/scenarios"
	"github.com/switchboard-sim/switchboard/simulator/tenant"
)

// ReasonOperator is the close reason of a session a scenario closed
// (sessionCloses): an operator ended it in the Ringotel app.
const ReasonOperator = "closed by an operator"

// trigger is a scenario trigger a `message` call caused. The call collects
// them under the state lock; the handler reports them once it is released.
type trigger struct {
	when    scenarios.Trigger
	session string
	text    string
	vars    map[string]string
}

// BindScenarios keeps the runtime, so that `message` calls report triggers.
// Ringotel's API has no way to choose a scenario per session, so only the
// tenant-wide activation (the control plane) picks one.
func (a *API) BindScenarios(rt *scenarios.Runtime) { a.rt = rt }

// emit reports a call's triggers to the runtime, in order.
func (a *API) emit(t *tenant.Tenant, trs []trigger) {
	if a.rt == nil {
		return
	}
	for _, tr := range trs {
		a.rt.Emit(t, scenarios.Event{API: apiName, Trigger: tr.when, Session: tr.session, Text: tr.text, Vars: tr.vars})
	}
}

// Do performs a Ringotel scenario action on tenant t: sessionExpires closes
// the session as the inactivity timeout would, sessionCloses as an operator
// would. An action without a session (a tenant-wide elapsed cue) closes
// every open session of the tenant.
func (a *API) Do(_ context.Context, t *tenant.Tenant, act scenarios.Action) error {
	var reason string
	switch act.Name {
	case actionSessionExpires:
		reason = ReasonInactivity
	case actionSessionCloses:
		reason = ReasonOperator
	default:
		return fmt.Errorf("ringotel has no scenario action %q", act.Name)
	}
	s := a.stateOf(t)
	if act.Session == "" {
		s.closeAllOpen(reason)
		return nil
	}
	return s.closeByScenario(act.Session, reason)
}

// closeByScenario closes one open session now, for reason. A session
// that is unknown or already closed is an error: the action no longer applies.
func (s *State) closeByScenario(id, reason string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	ss := s.sessions[id]
	switch {
	case s.closed:
		return fmt.Errorf("the tenant was reset")
	case ss == nil:
		return fmt.Errorf("session %s not found", id)
	case ss.Status != SessionOpen:
		return fmt.Errorf("session %s is already closed (%s)", id, ss.CloseReason)
	}
	s.closeLocked(ss, s.now(), reason)
	return nil
}

// closeAllOpen closes every open session of every org now, for reason.
func (s *State) closeAllOpen(reason string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return
	}
	now := s.now()
	for _, ss := range s.sessions {
		if ss.Status == SessionOpen {
			s.closeLocked(ss, now, reason)
		}
	}
}

// messageTriggers are the triggers of a message filed into target:
// chatRequested when the call opened target, then messageSent for every
// synced item, and customerMessage for an inbound text. Callers hold mu.
func messageTriggers(target *session, opened bool, msg *Message) []trigger {
	vars := map[string]string{
		"orgid": target.OrgID, "user": target.User, "external": target.External,
		"from": msg.From, "to": msg.To, "direction": msg.Direction,
		"messageid": msg.MessageID, "type": strconv.Itoa(msg.Type),
	}
	text := ""
	if msg.Text != nil {
		text = *msg.Text
	}
	var out []trigger
	if opened {
		out = append(out, sessionOpened(target))
	}
	out = append(out, trigger{when: scenarios.MessageSent, session: target.SessionID, text: text, vars: vars})
	if msg.Direction == Inbound && msg.Type == TypeText && msg.Text != nil {
		out = append(out, trigger{when: scenarios.CustomerMessage, session: target.SessionID, text: text, vars: vars})
	}
	return out
}

// sessionOpened is the chatRequested trigger of a new session. Callers hold mu.
func sessionOpened(ss *session) trigger {
	return trigger{when: scenarios.ChatRequested, session: ss.SessionID, vars: map[string]string{
		"orgid": ss.OrgID, "user": ss.User, "external": ss.External,
	}}
}
