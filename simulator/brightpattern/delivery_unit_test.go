package brightpattern

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/switchboard-sim/switchboard/simulator/errs"
	"github.com/switchboard-sim/switchboard/simulator/tenant"
)

// Unit tests of event delivery (the long poll's queue), without HTTP.

func unitState(t *testing.T) *State {
	t.Helper()
	fx, err := loadFixtures()
	if err != nil {
		t.Fatal(err)
	}
	reg := tenant.NewRegistry(tenant.Options{Seed: 1})
	t.Cleanup(reg.Close)
	s := newState(reg.Ensure("unit-"+t.Name()), fx)
	t.Cleanup(s.Close)
	s.sw.AutoAgent = false // the test plays the agent through Drive
	return s
}

func eventNames(evs []Event) []string {
	out := []string{}
	for _, e := range evs {
		out = append(out, e.Name())
	}
	return out
}

// pollNow polls without holding: it returns what is queued.
func pollNow(t *testing.T, s *State, chat string) []string {
	t.Helper()
	evs, err := s.Poll(context.Background(), chat, 0)
	if err != nil {
		t.Fatal(err)
	}
	return eventNames(evs)
}

func openUnitChat(t *testing.T, s *State) string {
	t.Helper()
	info, err := s.RequestChat("SwitchboardWebChat", "client-1", "", ChatRequest{})
	if err != nil {
		t.Fatal(err)
	}
	return info.ChatID
}

func TestPollDeliversEveryServerEventExactlyOnceInOrder(t *testing.T) {
	s := unitState(t)
	chat := openUnitChat(t, s)
	if got, want := pollNow(t, s, chat), []string{"chat_session_info", EvStatus}; !reflect.DeepEqual(got, want) {
		t.Fatalf("first poll = %v, want %v", got, want)
	}
	if got := pollNow(t, s, chat); len(got) != 0 {
		t.Fatalf("second poll = %v, want nothing: every event goes once", got)
	}
	for _, a := range []AgentAction{{Action: "join"}, {Action: "say", Text: "one"}, {Action: "say", Text: "two"}} {
		if _, err := s.Drive(chat, a); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.Poll(context.Background(), chat, 0)
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, e := range got {
		if e.Name() == EvMessage {
			texts = append(texts, e["msg"].(string))
		}
	}
	if !reflect.DeepEqual(texts, []string{"one", "two"}) || find(got, EvPartyJoined) < 0 || find(got, EvPartyJoined) > find(got, EvMessage) {
		t.Fatalf("poll after join and two messages = %v (texts %v), want the join first, then one, two", eventNames(got), texts)
	}
}

func find(evs []Event, name string) int {
	for i, e := range evs {
		if e.Name() == name {
			return i
		}
	}
	return -1
}

func TestSendEventsAnswerDoesNotConsumeThePollsShare(t *testing.T) {
	s := unitState(t)
	chat := openUnitChat(t, s)
	pollNow(t, s, chat)
	if _, err := s.Drive(chat, AgentAction{Action: "join"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Drive(chat, AgentAction{Action: "say", Text: "hello"}); err != nil {
		t.Fatal(err)
	}
	answer, err := s.SendEvents(chat, []map[string]any{{"event": CevTyping}})
	if err != nil {
		t.Fatal(err)
	}
	if find(answer, EvMessage) < 0 {
		t.Fatalf("Send Events answered %v, want the agent's undelivered message", eventNames(answer))
	}
	again, err := s.SendEvents(chat, []map[string]any{{"event": CevNotTyping}})
	if err != nil {
		t.Fatal(err)
	}
	if find(again, EvMessage) >= 0 {
		t.Fatalf("a second answer repeated %v: an answer shows each event at most once", eventNames(again))
	}
	if got := pollNow(t, s, chat); find(eventsNamed(got), EvMessage) < 0 {
		t.Fatalf("poll = %v, want the message too: answers never take the poll's share", got)
	}
}

func eventsNamed(names []string) []Event {
	out := make([]Event, len(names))
	for i, n := range names {
		out[i] = Event{"event": n}
	}
	return out
}

func TestHeldPollWakesOnAnEventAndOnlyOneMayWait(t *testing.T) {
	s := unitState(t)
	chat := openUnitChat(t, s)
	pollNow(t, s, chat)

	type answer struct {
		evs []Event
		err error
	}
	done := make(chan answer, 1)
	go func() {
		evs, err := s.Poll(context.Background(), chat, time.Hour) // held until an event comes
		done <- answer{evs, err}
	}()
	waitHeld := func() bool { s.mu.Lock(); defer s.mu.Unlock(); return s.chats[chat].polling }
	deadline := time.Now().Add(30 * time.Second)
	// switchboardtest.Eventually would be an import cycle from inside the package.
	for !waitHeld() { // polling a condition: the goroutine reaching its hold
		if time.Now().After(deadline) {
			t.Fatal("the poll never held")
		}
		time.Sleep(time.Millisecond)
	}
	if _, err := s.Poll(context.Background(), chat, 0); errs.As(err).Code != errs.Invalid {
		t.Fatalf("a second poll while one waits: %v, want Invalid", err)
	}
	if _, err := s.Drive(chat, AgentAction{Action: "join"}); err != nil {
		t.Fatal(err)
	}
	select {
	case a := <-done:
		if a.err != nil || find(a.evs, EvPartyJoined) < 0 {
			t.Fatalf("held poll returned %v, %v; want the join", eventNames(a.evs), a.err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the held poll did not wake for the event")
	}
}

func TestAbandonedPollTakesNothing(t *testing.T) {
	s := unitState(t)
	chat := openUnitChat(t, s)
	pollNow(t, s, chat)
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // the client went away
	if _, err := s.Drive(chat, AgentAction{Action: "join"}); err != nil {
		t.Fatal(err)
	}
	// Events are queued, so a poll answers at once even with a dead context…
	if got, _ := s.Poll(ctx, chat, time.Hour); find(got, EvPartyJoined) < 0 {
		t.Fatalf("poll with events queued = %v, want them", eventNames(got))
	}
	// …but one that has to hold lets go at once and takes nothing.
	if got, err := s.Poll(ctx, chat, time.Hour); err != nil || len(got) != 0 {
		t.Fatalf("abandoned held poll = %v, %v; want nothing", eventNames(got), err)
	}
	if _, err := s.Drive(chat, AgentAction{Action: "say", Text: "still there?"}); err != nil {
		t.Fatal(err)
	}
	if got := pollNow(t, s, chat); !reflect.DeepEqual(got, []string{EvMessage}) {
		t.Fatalf("next poll = %v, want the message the abandoned poll did not take", got)
	}
}

func TestEndedChatAnswersNotFoundOnlyAfterItsEndIsDelivered(t *testing.T) {
	s := unitState(t)
	chat := openUnitChat(t, s)
	pollNow(t, s, chat)
	if _, err := s.SendEvents(chat, []map[string]any{{"event": CevEnd}}); err != nil {
		t.Fatal(err)
	}
	got := pollNow(t, s, chat)
	if len(got) == 0 || got[len(got)-1] != EvEnded {
		t.Fatalf("poll after the end = %v, want it to finish with %s", got, EvEnded)
	}
	if _, err := s.Poll(context.Background(), chat, 0); errs.As(err).Code != errs.NotFound {
		t.Fatalf("poll after the end was delivered: %v, want NotFound", err)
	}
}
