package brightpattern

import (
	"context"
	"errors"
	"fmt"

	"github.com/switchboard-sim/switchboard/scenarios"
	"github.com/switchboard-sim/switchboard/simulator/tenant"
)

// Do performs one scenario action on tenant t (scenarios.Actor): on the
// action's chat, or on every open chat for a tenant-wide elapsed cue. It
// runs in a clock callback and emits the same server events as the real
// service, which the chat's long poll delivers.
func (a *API) Do(_ context.Context, t *tenant.Tenant, act scenarios.Action) error {
	s := a.stateOf(t)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return errors.New("the tenant was reset")
	}
	if act.Name == actionServiceCloses {
		s.serviceCloses(act.String("text", ""))
		return nil
	}
	if act.Session != "" {
		c, err := s.live(act.Session)
		if err != nil {
			return err
		}
		return s.perform(c, act)
	}
	var errs []error
	for _, id := range s.order {
		if c := s.chats[id]; !c.ended {
			errs = append(errs, s.perform(c, act))
		}
	}
	return errors.Join(errs...)
}

// perform applies one action to one live chat. Callers hold mu.
func (s *State) perform(c *Chat, act scenarios.Action) error {
	now := s.now()
	switch act.Name {
	case actionAgentJoins:
		s.joinAs(c, "agent", s.person(act, "agent"))
	case actionBotJoins:
		s.joinAs(c, "bot", s.person(act, "bot"))
	case actionTransfers:
		to := act.String("to", "agent")
		s.leaveAll(c)
		s.joinAs(c, to, s.person(act, to))
	case actionTyping:
		name := EvNotTyping
		if act.Bool("typing", true) {
			name = EvTyping
		}
		c.add(typingEvent(name, s.actor(c, act).ID), now, false)
	case actionSays:
		c.add(messageEvent(s.actor(c, act).ID, c.nextMsgID(), act.String("text", ""), ms(now)), now, false)
	case actionSendsFile:
		s.sendFile(c, s.actor(c, act), act)
	case actionShowsForm:
		s.actor(c, act)
		req := c.ID + ":form:" + itoa(len(c.forms)+1)
		c.forms[req] = act.String("formName", "")
		c.add(formShowEvent(req, c.forms[req], int(act.Duration("timeout", defaultFormTimeout).Seconds())), now, false)
	case actionSignals:
		data := map[string]any{}
		for k, v := range act.Object("data") {
			data[k] = v
		}
		data["type"] = act.String("type", "")
		c.add(signalingEvent(s.actor(c, act).ID, c.nextMsgID(), data), now, false)
	case actionEnds:
		return s.scriptedEnd(c, act)
	default:
		return fmt.Errorf("brightpattern has no scenario action %q", act.Name)
	}
	return nil
}
