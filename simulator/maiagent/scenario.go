package maiagent

import (
	"context"
	"fmt"

	"github.com/switchboard-sim/switchboard/scenarios"
	"github.com/switchboard-sim/switchboard/simulator/errs"
	"github.com/switchboard-sim/switchboard/simulator/tenant"
)

// BindScenarios receives the scenario runtime: conversations and messages
// report their triggers to it.
func (a *API) BindScenarios(rt *scenarios.Runtime) { a.rt = rt }

// Do performs a MaiAgent scenario action on tenant t, in a clock callback.
// answers replies to the message that triggered it (or, tenant-wide, posts
// the answer in every conversation); pacing sets how later answers stream.
func (a *API) Do(_ context.Context, t *tenant.Tenant, act scenarios.Action) error {
	st := a.stateOf(t)
	switch act.Name {
	case actionAnswers:
		text := act.String("text", "")
		if text == "" {
			return fmt.Errorf("answers needs a text")
		}
		convs := []string{act.Session}
		if act.Session == "" {
			convs = st.conversationIDs()
		}
		for _, conv := range convs {
			replyID, err := st.scriptAnswer(conv, text)
			if err != nil {
				return err
			}
			if replyID != "" {
				a.hooks.enqueue(webhookJob{state: st, replyID: replyID})
			}
		}
		return nil
	case actionPacing:
		p := Pacing{TokenDelay: act.Duration("tokenDelay", 0), TokensPerChunk: intParam(act, "tokensPerChunk", 1)}
		if p.TokenDelay < 0 || p.TokensPerChunk < 1 {
			return fmt.Errorf("pacing needs tokenDelay >= 0 and tokensPerChunk >= 1")
		}
		return st.setPacing(act.Session, p)
	}
	return fmt.Errorf("maiagent has no scenario action %q", act.Name)
}

// conversationStarted reports a new conversation (chatRequested).
func (a *API) conversationStarted(t *tenant.Tenant, conv string) {
	if a.rt == nil {
		return
	}
	a.rt.Emit(t, scenarios.Event{API: apiName, Trigger: scenarios.ChatRequested, Session: conv})
	t.Clock().Fire()
}

// messageArrived reports the contact's message (customerMessage and
// messageSent, with its text) while turn waits for a scripted answer, and
// runs the actions due at once. It returns the scenario's answer, if one
// came, and whether any cue matched the message (the scenario drives it).
// With deferrable (Send Message (Create)), a matched message the scenario
// did not answer yet is answered when it does.
func (a *API) messageArrived(t *tenant.Tenant, st *State, turn Turn, deferrable bool) (string, bool, bool) {
	if a.rt == nil {
		return "", false, false
	}
	st.expectAnswer(turn)
	vars := map[string]string{"conversation": turn.ConversationID, "chatbot": turn.chatbotID}
	matched := 0
	for _, tr := range []scenarios.Trigger{scenarios.CustomerMessage, scenarios.MessageSent} {
		matched += a.rt.Emit(t, scenarios.Event{API: apiName, Trigger: tr, Session: turn.ConversationID, Text: turn.input, Vars: vars})
	}
	if matched > 0 {
		t.Clock().Fire()
	}
	text, ok := st.takeAnswer(turn.ConversationID, deferrable && matched > 0)
	return text, ok, matched > 0
}

// metadataScenario is the message.metadata key that chooses a scenario for
// the message's conversation (metadata is free-form in MaiAgent's API).
const metadataScenario = "switchboardScenario"

// chosenScenario reads the scenario a completion's metadata names; an
// unknown or non-MaiAgent name is a 400 naming the field.
func (a *API) chosenScenario(meta map[string]any) (string, error) {
	v, ok := meta[metadataScenario]
	if !ok || a.rt == nil {
		return "", nil
	}
	field := "message.metadata." + metadataScenario
	name, _ := v.(string)
	sc, found := a.rt.Library().Get(name)
	if !found || sc.API != apiName {
		return "", errs.InvalidField(field, fmt.Sprintf("%q is not a maiagent scenario.", name))
	}
	return name, nil
}

// scriptTurn starts the chosen scenario on turn's conversation, reports its
// triggers, and takes a scripted answer as the turn's reply. A completion
// answers at once: a scenario answer due later becomes a follow-up message.
func (a *API) scriptTurn(t *tenant.Tenant, st *State, turn *Turn, scenario string) {
	if scenario != "" {
		_, _ = a.rt.Start(t, scenario, turn.ConversationID)
	}
	if turn.created {
		a.conversationStarted(t, turn.ConversationID)
	}
	if text, ok, _ := a.messageArrived(t, st, *turn, false); ok {
		turn.Answer, turn.Tokens, turn.source = text, tokens(text), fromScenario
	}
}

// queueReply hands a stored reply to the webhook deliverer.
func (a *API) queueReply(st *State, replyID string) {
	if replyID != "" {
		a.hooks.enqueue(webhookJob{state: st, replyID: replyID})
	}
}

// intParam reads an integer parameter whichever integer type the YAML
// decoder produced.
func intParam(act scenarios.Action, key string, def int) int {
	switch n := act.Params[key].(type) {
	case int:
		return n
	case uint64:
		return int(n)
	}
	return act.Int(key, def)
}
