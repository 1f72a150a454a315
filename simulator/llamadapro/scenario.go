package llamadapro

import (
	"strconv"

	"github.com/switchboard-sim/switchboard/scenarios"
	"github.com/switchboard-sim/switchboard/simulator/tenant"
)

// ScenarioNumbers are the magic destination numbers that choose a scenario
// for one call or WhatsApp message through the real API: dial (or message)
// the number and the named scenario drives that call (or message) instead
// of the built-in lifecycle. A number whose scenario has no cue for the
// trigger (say, a call to the WhatsApp number) gets the built-in lifecycle.
var ScenarioNumbers = map[string]string{
	"+15005550100": "llamadapro-call-answered",
	"+15005550101": "llamadapro-call-no-answer",
	"+15005550102": "llamadapro-call-busy",
	"+15005550103": "llamadapro-call-failed",
	"+15005550104": "llamadapro-whatsapp-read",
}

// BindScenarios receives the scenario runtime; the server calls it once at
// start-up, before any request.
func (a *API) BindScenarios(rt *scenarios.Runtime) { a.rt = rt }

// scripting is what a tenant's state needs to report triggers.
type scripting struct {
	rt *scenarios.Runtime
	t  *tenant.Tenant
}

// callSession and the message id are the scenario session ids of calls and messages.
func callSession(id int64) string { return strconv.FormatInt(id, 10) }

// emit reports a trigger for session, first starting the scenario its magic
// number chooses, and reports whether a scenario cue took the session over
// (then the built-in lifecycle must leave it alone). Callers hold mu: the
// runtime only arms clock timers here, and scenario actions take mu in
// their own clock callbacks.
func (s *State) emit(trigger scenarios.Trigger, session, to string, vars map[string]string) bool {
	sc := s.script
	if sc.rt == nil {
		return false
	}
	if name, ok := ScenarioNumbers[to]; ok {
		if _, err := sc.rt.Start(sc.t, name, session); err != nil {
			return false
		}
	}
	return sc.rt.Emit(sc.t, scenarios.Event{API: apiName, Trigger: trigger, Session: session, Vars: vars}) > 0
}

// startCall reports callStarted and runs the built-in lifecycle unless a
// scenario drives the call. Callers hold mu.
func (s *State) startCall(c *Call, maxDur int) {
	if !s.emitCall(c) {
		s.plan(c, maxDur)
	}
}

// emitCall reports callStarted for c and marks it scripted when a scenario
// took it over. Callers hold mu.
func (s *State) emitCall(c *Call) bool {
	vars := map[string]string{"call": callSession(c.ID), "from": c.From, "to": c.To, "contactName": c.script.contact}
	c.scripted = s.emit(scenarios.CallStarted, callSession(c.ID), c.To, vars)
	return c.scripted
}

// sendMessage reports messageSent and runs the built-in delivery unless a
// scenario drives the message. Callers hold mu.
func (s *State) sendMessage(m *Message) {
	vars := map[string]string{"message": m.ID, "from": m.Sender.Address, "to": m.Recipient.Address, "text": m.Content}
	if s.emit(scenarios.MessageSent, m.ID, m.Recipient.Address, vars) {
		m.scripted = true
		return
	}
	s.deliver(m, m.Recipient.Address == s.fx.Calls.Magic.Failed)
}
