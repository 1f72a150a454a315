package scenarios

import (
	"sort"
	"sync"
	"time"

	"github.com/brianvoe/gofakeit/v7"

	"github.com/switchboard-sim/switchboard/simulator/clock"
	"github.com/switchboard-sim/switchboard/simulator/tenant"
)

// historySize bounds the actions a tenant remembers having fired.
const historySize = 200

// Fired is one action the runtime performed (or tried to).
type Fired struct {
	At       time.Time `json:"at"`
	Scenario string    `json:"scenario"`
	Action   string    `json:"action"`
	Session  string    `json:"session,omitempty"`
	Error    string    `json:"error,omitempty"`
}

// Active is a scenario acting on a tenant.
type Active struct {
	Scenario string    `json:"scenario"`
	API      string    `json:"api"`
	Session  string    `json:"session,omitempty"`
	Since    time.Time `json:"since"`
	// Pending are the actions still due on the tenant's clock, soonest first.
	Pending []Step `json:"pending,omitempty"`
}

// Step is an action due at a time on the tenant's clock.
type Step struct {
	At     time.Time `json:"at"`
	Action string    `json:"action"`
}

// tenantState is one tenant's activations; dropped on tenant reset.
type tenantState struct {
	mu      sync.Mutex
	active  map[string]*activation // activationKey -> activation
	faker   *gofakeit.Faker
	history []Fired
	closed  bool
}

func newTenantState(t *tenant.Tenant) *tenantState {
	return &tenantState{active: map[string]*activation{}, faker: gofakeit.New(t.Seed(stateKey))}
}

// Close stops every pending action (the tenant is being reset).
func (s *tenantState) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed = true
}

func (s *tenantState) record(f Fired) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.history = append(s.history, f)
	if len(s.history) > historySize {
		s.history = s.history[len(s.history)-historySize:]
	}
}

// activation is one scenario acting on a tenant, or on one of its sessions.
type activation struct {
	sc        *Scenario
	session   string
	start     time.Time
	timers    []*clock.Timer
	does      []string // the action of each timer, for the dashboard
	cancelled bool
}

func (a *activation) cancel(t *tenant.Tenant) {
	a.cancelled = true
	for _, tm := range a.timers {
		t.Clock().Stop(tm)
	}
	a.timers, a.does = nil, nil
}

func activationKey(api, session string) string { return api + "\x00" + session }

// History is what the runtime performed on t, oldest first (at most 200).
func (r *Runtime) History(t *tenant.Tenant) []Fired {
	st := r.peek(t)
	if st == nil {
		return []Fired{}
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	return append([]Fired{}, st.history...)
}

// Active lists the scenarios acting on t.
func (r *Runtime) Active(t *tenant.Tenant) []Active {
	st := r.peek(t)
	if st == nil {
		return []Active{}
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	out := make([]Active, 0, len(st.active))
	now := t.Now()
	for _, a := range st.active {
		act := Active{Scenario: a.sc.Name, API: a.sc.API, Session: a.session, Since: a.start}
		for i, tm := range a.timers {
			if tm.At().After(now) && i < len(a.does) {
				act.Pending = append(act.Pending, Step{At: tm.At(), Action: a.does[i]})
			}
		}
		sort.SliceStable(act.Pending, func(i, j int) bool { return act.Pending[i].At.Before(act.Pending[j].At) })
		out = append(out, act)
	}
	sortActive(out)
	return out
}

// peek is t's scenario state if it has one, without creating it (so that
// looking does not list "scenarios" among the tenant's APIs).
func (r *Runtime) peek(t *tenant.Tenant) *tenantState {
	s, ok := t.Peek(stateKey)
	if !ok {
		return nil
	}
	return s.(*tenantState)
}
