package scenarios

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/switchboard-sim/switchboard/simulator/tenant"
)

// recorder is a fake Actor that remembers what it was asked to do and when.
type recorder struct {
	mu   sync.Mutex
	seen []string
	fail string
}

func (r *recorder) Do(_ context.Context, t *tenant.Tenant, a Action) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if a.Name == r.fail {
		return errors.New("session has ended")
	}
	at := t.Now().Sub(a.At) // zero: the action runs at its own deadline
	r.seen = append(r.seen, fmt.Sprintf("%s+%v %s %s %v", a.At.Format("15:04:05"), at, a.Session, a.Name, a.Params))
	return nil
}

func (r *recorder) got() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.seen...)
}

const chatScenario = `schemaVersion: 1
name: chat
description: test
api: brightpattern
timeline:
  - when: chatRequested
    actions:
      - {after: 30s, do: says, with: {text: 'third {{.Trigger.first_name}}'}}
      - {after: 10s, do: agentJoins, with: {firstName: 'first'}}
      - {after: 10s, do: typing, with: {party: agent}}
  - when: customerMessage
    pattern: 'order (?P<order>\d+)'
    actions:
      - {after: 5s, do: says, with: {text: 'order {{.Match.order}} for {{.Session}}'}}
  - when: elapsed
    after: 1h
    actions:
      - {do: serviceCloses}
`

func newRuntime(t *testing.T, files map[string]string) (*Runtime, *recorder) {
	t.Helper()
	dir := t.TempDir()
	for n, b := range files {
		writeFile(t, dir, n, b)
	}
	lib, err := LoadLibrary(dir)
	if err != nil {
		t.Fatal(err)
	}
	rt := NewRuntime(lib, nil)
	rec := &recorder{}
	rt.Register("brightpattern", rec)
	return rt, rec
}

func TestActionsFireInClockOrderWithRenderedParams(t *testing.T) {
	rt, rec := newRuntime(t, map[string]string{"chat.yaml": chatScenario})
	tn := tenant.NewRegistry(tenant.Options{}).Get("runtime-order")
	if _, err := rt.Activate(tn, "chat"); err != nil {
		t.Fatal(err)
	}
	if n := rt.Emit(tn, Event{API: "brightpattern", Trigger: ChatRequested, Session: "c1", Vars: map[string]string{"first_name": "Ana"}}); n != 1 {
		t.Fatalf("matched %d cues, want 1", n)
	}
	if n := rt.Emit(tn, Event{API: "brightpattern", Trigger: CustomerMessage, Session: "c1", Text: "no number here"}); n != 0 {
		t.Fatalf("a message not matching the pattern matched %d cues", n)
	}
	if got := rec.got(); len(got) != 0 {
		t.Fatalf("fired before the clock moved: %v", got)
	}
	tn.Clock().Advance(9 * time.Second)
	if got := rec.got(); len(got) != 0 {
		t.Fatalf("fired early: %v", got)
	}
	tn.Clock().Advance(time.Second)
	rt.Emit(tn, Event{API: "brightpattern", Trigger: CustomerMessage, Session: "c1", Text: "where is order 4711?"})
	tn.Clock().Advance(time.Hour)
	want := []string{
		"09:00:10+0s c1 agentJoins map[firstName:first]",
		"09:00:10+0s c1 typing map[party:agent]",
		"09:00:15+0s c1 says map[text:order 4711 for c1]",
		"09:00:30+0s c1 says map[text:third Ana]",
		"10:00:00+0s  serviceCloses map[]",
	}
	if got := rec.got(); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("fired:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if h := rt.History(tn); len(h) != 5 || h[4].Action != "serviceCloses" || h[4].Error != "" {
		t.Fatalf("history %+v", h)
	}
}

func TestSessionScenarioWinsAndDeactivateCancels(t *testing.T) {
	other := strings.Replace(strings.Replace(chatScenario, "name: chat", "name: other", 1), "'third", "'other", 1)
	rt, rec := newRuntime(t, map[string]string{"chat.yaml": chatScenario, "other.yaml": other})
	tn := tenant.NewRegistry(tenant.Options{}).Get("runtime-session")
	if _, err := rt.Activate(tn, "chat"); err != nil {
		t.Fatal(err)
	}
	if _, err := rt.Start(tn, "other", "c2"); err != nil {
		t.Fatal(err)
	}
	if _, err := rt.Start(tn, "nope", "c2"); err == nil {
		t.Fatal("started an unknown scenario")
	}
	rt.Emit(tn, Event{API: "brightpattern", Trigger: ChatRequested, Session: "c2", Vars: map[string]string{"first_name": "Bo"}})
	rt.Emit(tn, Event{API: "brightpattern", Trigger: ChatRequested, Session: "c3", Vars: map[string]string{"first_name": "Cy"}})
	tn.Clock().Advance(20 * time.Second)
	rt.Deactivate(tn, "brightpattern")
	tn.Clock().Advance(2 * time.Hour)
	got := strings.Join(rec.got(), "\n")
	if !strings.Contains(got, "c2 says map[text:other Bo]") {
		t.Fatalf("the session scenario did not run:\n%s", got)
	}
	// Only the session scenario's elapsed cue may close the service.
	if strings.Contains(got, "third Cy") || strings.Count(got, "serviceCloses") != 1 {
		t.Fatalf("the deactivated tenant scenario still fired:\n%s", got)
	}
	if len(rt.Active(tn)) != 1 {
		t.Fatalf("active: %+v", rt.Active(tn))
	}
}

func TestResetDropsActivationsAndErrorsAreRecorded(t *testing.T) {
	rt, rec := newRuntime(t, map[string]string{"chat.yaml": chatScenario})
	rec.fail = "agentJoins"
	tn := tenant.NewRegistry(tenant.Options{}).Get("runtime-reset")
	rt.Activate(tn, "chat")
	rt.Emit(tn, Event{API: "brightpattern", Trigger: ChatRequested, Session: "c1"})
	tn.Clock().Advance(10 * time.Second)
	h := rt.History(tn)
	if len(h) != 2 || h[0].Error != "session has ended" || h[1].Error != "" {
		t.Fatalf("history %+v", h)
	}
	tn.Reset()
	tn.Clock().Advance(2 * time.Hour)
	if got := rec.got(); len(got) != 1 {
		t.Fatalf("fired after reset: %v", got)
	}
	if len(rt.Active(tn)) != 0 {
		t.Fatal("activation survived the reset")
	}
}

func TestFakeValuesAreDeterministicPerTenant(t *testing.T) {
	sc := `schemaVersion: 1
name: fake
description: d
api: brightpattern
timeline:
  - when: chatRequested
    actions: [{do: says, with: {text: '{{fake "name"}} {{fake "orderNumber"}}'}}]
`
	render := func(seed int64, cred string) string {
		rt, rec := newRuntime(t, map[string]string{"f.yaml": sc})
		tn := tenant.NewRegistry(tenant.Options{Seed: seed}).Get(cred)
		rt.Activate(tn, "fake")
		rt.Emit(tn, Event{API: "brightpattern", Trigger: ChatRequested, Session: "s"})
		tn.Clock().Advance(time.Second)
		return strings.Join(rec.got(), "|")
	}
	a, b, c := render(1, "k"), render(1, "k"), render(2, "k")
	if a != b || a == "" {
		t.Fatalf("same seed and tenant rendered %q and %q", a, b)
	}
	if a == c {
		t.Fatalf("another seed rendered the same %q", a)
	}
}

func TestActionWithoutActorIsRecordedAsAnError(t *testing.T) {
	rt, _ := newRuntime(t, nil)
	tn := tenant.NewRegistry(tenant.Options{}).Get("runtime-noactor")
	if _, err := rt.Activate(tn, "ringotel-session-closed"); err != nil {
		t.Fatal(err)
	}
	if rt.HasActor("ringotel") {
		t.Fatal("ringotel has no actor in this test")
	}
	rt.Emit(tn, Event{API: "ringotel", Trigger: ChatRequested, Session: "s"})
	tn.Clock().Advance(3 * time.Minute)
	h := rt.History(tn)
	if len(h) != 1 || !strings.Contains(h[0].Error, "does not perform scenario actions") {
		t.Fatalf("history %+v", h)
	}
}
