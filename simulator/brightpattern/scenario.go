package brightpattern

import (
	"fmt"

	"github.com/switchboard-sim/switchboard/scenarios"
	"github.com/switchboard-sim/switchboard/simulator/clock"
	"github.com/switchboard-sim/switchboard/simulator/errs"
	"github.com/switchboard-sim/switchboard/simulator/tenant"
)

// scenarioParam is the Request Chat parameter that picks a scenario for
// one chat: {"parameters": {"scenario": "brightpattern-agent-answers"}}.
const scenarioParam = "scenario"

// BindScenarios receives the scenario runtime (scenarios.Binder): chats
// then report their triggers to it.
func (a *API) BindScenarios(rt *scenarios.Runtime) { a.rt = rt }

// scripting is what the scenario runtime needs to know about a tenant:
// nil when the server runs without scenarios.
type scripting struct {
	rt *scenarios.Runtime
	t  *tenant.Tenant
}

// choice is the scenario that will drive a new chat: the one named by its
// scenario parameter, else the tenant's active Bright Pattern scenario.
type choice struct {
	perChat string // the scenario parameter, to Start for the chat
	drives  bool   // a scenario plays the agent: the default flow stays out
}

// choose validates the scenario parameter and decides whether a scenario
// drives the chat. Only a scenario with chatRequested or customerMessage
// cues drives it; one with only elapsed cues (the service closing) leaves
// the default agent in place.
func (sp *scripting) choose(params map[string]any) (choice, error) {
	raw, ok := params[scenarioParam]
	if !ok || raw == nil || raw == "" {
		if sp == nil {
			return choice{}, nil
		}
		for _, act := range sp.rt.Active(sp.t) {
			if act.API == apiName && act.Session == "" {
				sc, _ := sp.rt.Library().Get(act.Scenario)
				return choice{drives: drivesChat(sc)}, nil
			}
		}
		return choice{}, nil
	}
	name, isStr := raw.(string)
	if !isStr {
		return choice{}, errs.InvalidField("parameters."+scenarioParam, "must be a string naming a scenario")
	}
	if sp == nil {
		return choice{}, errs.InvalidField("parameters."+scenarioParam, "this server runs without scenarios")
	}
	sc, found := sp.rt.Library().Get(name)
	switch {
	case !found:
		return choice{}, errs.InvalidField("parameters."+scenarioParam, fmt.Sprintf("no scenario named %q (GET /__admin/scenarios lists them)", name))
	case sc.API != apiName:
		return choice{}, errs.InvalidField("parameters."+scenarioParam, fmt.Sprintf("scenario %q is for the %s API, not brightpattern", name, sc.API))
	}
	return choice{perChat: name, drives: drivesChat(sc)}, nil
}

func drivesChat(sc *scenarios.Scenario) bool {
	if sc == nil {
		return false
	}
	for _, cue := range sc.Cues {
		if cue.When == scenarios.ChatRequested || cue.When == scenarios.CustomerMessage {
			return true
		}
	}
	return false
}

// script hands a chat over to a scenario: the default agent's pending
// steps, queue ticks and call answers stop. Callers hold mu.
func (s *State) script(c *Chat) {
	c.scripted = true
	for _, tm := range []*clock.Timer{c.stepTimer, c.waitTimer, c.callTimer} {
		s.clock.Stop(tm)
	}
	c.stepTimer, c.waitTimer, c.callTimer, c.steps, c.waiting = nil, nil, nil, nil, false
}

// trigger is a scenario trigger a state change produced, reported once the
// state lock is released.
type trigger struct {
	start string // a scenario to start for the chat first
	ev    scenarios.Event
}

// emit starts per-chat scenarios and reports triggers, then runs whatever
// became due at this instant (a zero `after`). Call it without the state lock.
func (sp *scripting) emit(trs []trigger) {
	if sp == nil || len(trs) == 0 {
		return
	}
	for _, tr := range trs {
		if tr.start != "" {
			if _, err := sp.rt.Start(sp.t, tr.start, tr.ev.Session); err != nil {
				continue
			}
		}
		sp.rt.Emit(sp.t, tr.ev)
	}
	sp.t.Clock().Fire()
}

// chatVars are the {{.Trigger.<name>}} values of a chat: every string
// parameter (first_name, email, ...) and the callback number.
func chatVars(c *Chat) map[string]string {
	vars := map[string]string{"phone_number": c.Phone, "chat_id": c.ID, "first_name": firstName(c.Params)}
	for k, v := range c.Params {
		if s, ok := v.(string); ok && s != "" {
			vars[k] = s
		}
	}
	return vars
}

func chatEvent(c *Chat, tr scenarios.Trigger, text string) scenarios.Event {
	return scenarios.Event{API: apiName, Trigger: tr, Session: c.ID, Text: text, Vars: chatVars(c)}
}
