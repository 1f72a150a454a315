package aicc

import (
	"context"
	"fmt"

	"github.com/switchboard-sim/switchboard/scenarios"
	"github.com/switchboard-sim/switchboard/simulator/errs"
	"github.com/switchboard-sim/switchboard/simulator/tenant"
)

// A conversation is driven by exactly one mechanism: a built-in flow
// (fixtures/aicc.yaml, the up-link's robot answers and transfer flow) or a
// scenario (scenarios/builtin/aicc-*.yaml or the user's own). Its Scenario
// field names the scenario; when it is set no built-in flow, robot answer
// or transfer flow acts on it, and its triggers go to the scenario runtime.

// BindScenarios is part of scenarios.Binder: the server hands over the
// runtime that receives this API's triggers.
func (a *API) BindScenarios(rt *scenarios.Runtime) { a.rt.Store(rt) }

func (a *API) runtime() *scenarios.Runtime { return a.rt.Load() }

// tenantScenario names the scenario activated for every AICC conversation
// of t (POST /__admin/scenarios/{name}/activate), or "".
func (a *API) tenantScenario(t *tenant.Tenant) string {
	rt := a.runtime()
	if rt == nil {
		return ""
	}
	for _, ac := range rt.Active(t) {
		if ac.API == apiName && ac.Session == "" {
			return ac.Scenario
		}
	}
	return ""
}

// checkScenario names what is wrong with choosing scenario name for one
// conversation.
func (a *API) checkScenario(c *errs.Collector, name string) {
	rt := a.runtime()
	if rt == nil {
		c.Add("scenario", "this server runs no scenarios")
		return
	}
	sc, ok := rt.Library().Get(name)
	switch {
	case !ok:
		c.Add("scenario", fmt.Sprintf("no scenario %q; see GET /__admin/scenarios", name))
	case sc.API != apiName:
		c.Add("scenario", fmt.Sprintf("scenario %q is for the %s API, not aicc", name, sc.API))
	}
}

// emit reports a trigger of a scenario-driven conversation. Call it without
// the state lock.
func (s *State) emit(ev *scenarios.Event) {
	rt := s.api.runtime()
	if ev == nil || rt == nil {
		return
	}
	ev.API = apiName
	rt.Emit(s.tenant, *ev)
}

// requested is the chatRequested trigger of a conversation just opened.
func requested(c *Conversation) *scenarios.Event {
	if c.Scenario == "" {
		return nil
	}
	return &scenarios.Event{Trigger: scenarios.ChatRequested, Session: c.ID, Vars: convVars(c)}
}

// customerSaid is the customerMessage trigger of a customer's text message.
func customerSaid(c *Conversation, text string) *scenarios.Event {
	if c.Scenario == "" {
		return nil
	}
	return &scenarios.Event{Trigger: scenarios.CustomerMessage, Session: c.ID, Text: text, Vars: convVars(c)}
}

// convVars are the {{.Trigger.<name>}} values of an AICC trigger.
func convVars(c *Conversation) map[string]string {
	return map[string]string{
		"conversationId": c.ID, "userId": c.UserID, "channelId": c.ChannelID, "channel": c.Channel,
		"agentName": c.AgentName, "robotName": c.RobotName,
	}
}

// Do is part of scenarios.Actor: it performs one AICC action on the
// conversation the trigger came from, or, for a tenant-wide elapsed cue, on
// every open scenario-driven conversation of the tenant.
func (a *API) Do(_ context.Context, t *tenant.Tenant, act scenarios.Action) error {
	spec, ov, err := actionSpec(act)
	if err != nil {
		return err
	}
	return a.stateOf(t).perform(act.Session, spec, ov)
}

// overrides are DownLinkMsg fields a scenario may set that a hand push
// takes from the conversation.
type overrides struct{ callID, channel, from string }

// actionSpec turns an action into the message to push.
func actionSpec(act scenarios.Action) (MessageSpec, overrides, error) {
	var spec MessageSpec
	var ov overrides
	switch act.Name {
	case actionPushDownLinkMsg:
		spec = MessageSpec{
			SourceType: act.String("sourceType", ""), ControlType: act.String("controlType", ""),
			MediaType: act.String("mediaType", ""), Content: act.String("content", ""),
			SenderNickname: act.String("senderNickname", ""), SimQuestions: act.String("simQuestions", ""),
			MessageCode: act.String("messageCode", ""),
		}
		if v, ok := act.Params["isOfflineStatus"].(bool); ok {
			spec.IsOfflineStatus = &v
		}
		ov = overrides{callID: act.String("callId", ""), channel: act.String("channel", ""), from: act.String("from", "")}
	case actionDisconnectByTimeout:
		async := act.Bool("async", false)
		spec = MessageSpec{SourceType: SourceSystem, ControlType: ControlDisconnect, IsOfflineStatus: &async}
		if async {
			spec.Content = act.String("tips", "")
		}
	default:
		return spec, ov, fmt.Errorf("aicc has no scenario action %q", act.Name)
	}
	var c errs.Collector
	checkSpec(&c, "with", spec)
	return spec, ov, c.Err()
}
