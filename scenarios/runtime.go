package scenarios

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"time"

	"github.com/switchboard-sim/switchboard/simulator/errs"
	"github.com/switchboard-sim/switchboard/simulator/tenant"
)

// stateKey is the tenant state slot holding a tenant's activations.
const stateKey = "scenarios"

// Runtime runs scenario timelines on tenant clocks. It is safe for
// concurrent use; one Runtime serves the whole server.
type Runtime struct {
	lib *Library
	log *slog.Logger

	mu     sync.RWMutex
	actors map[string]Actor
}

// NewRuntime runs scenarios from lib. log may be nil.
func NewRuntime(lib *Library, log *slog.Logger) *Runtime {
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	return &Runtime{lib: lib, log: log, actors: map[string]Actor{}}
}

// Library is the set of scenarios this runtime can activate.
func (r *Runtime) Library() *Library {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.lib
}

// SetLibrary replaces the scenario set (a reload of the scenario files).
// New activations use it at once; an active scenario answers its next
// triggers from the new version of its file, while actions already
// scheduled run as they were.
func (r *Runtime) SetLibrary(lib *Library) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.lib = lib
}

// Register makes a perform api's actions. The server calls it for every
// vendor API that implements Actor.
func (r *Runtime) Register(api string, a Actor) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.actors[api] = a
}

// HasActor reports whether api's actions can be performed.
func (r *Runtime) HasActor(api string) bool {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.actors[api] != nil
}

func (r *Runtime) actor(api string) Actor {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.actors[api]
}

func (r *Runtime) state(t *tenant.Tenant) *tenantState {
	return t.State(stateKey, func(t *tenant.Tenant) any { return newTenantState(t) }).(*tenantState)
}

// Activate makes scenario name act for every session of its API on tenant
// t, replacing the tenant's previous scenario for that API. Its elapsed cues
// count from now.
func (r *Runtime) Activate(t *tenant.Tenant, name string) (*Scenario, error) {
	return r.start(t, name, "")
}

// Start makes scenario name act for one session (a chat, call or
// conversation chosen through the vendor's own API), replacing any scenario
// that session had. A session scenario takes precedence over the tenant's.
func (r *Runtime) Start(t *tenant.Tenant, name, session string) (*Scenario, error) {
	if session == "" {
		return nil, errs.InvalidField("session", "a session scenario needs a session id")
	}
	return r.start(t, name, session)
}

func (r *Runtime) start(t *tenant.Tenant, name, session string) (*Scenario, error) {
	sc, ok := r.Library().Get(name)
	if !ok {
		return nil, errs.NotFoundf("no scenario named %q", name)
	}
	st := r.state(t)
	st.mu.Lock()
	defer st.mu.Unlock()
	a := &activation{sc: sc, session: session, start: t.Now()}
	key := activationKey(sc.API, session)
	if old := st.active[key]; old != nil {
		old.cancel(t)
	}
	st.active[key] = a
	for i := range sc.Cues {
		cue := &sc.Cues[i]
		if cue.When != Elapsed {
			continue
		}
		data := Data{Trigger: map[string]string{}, Match: map[string]string{}, Session: session}
		r.scheduleLocked(t, st, a, cue, a.start.Add(cue.After), session, data)
	}
	return sc, nil
}

// Deactivate stops the tenant-wide scenario of api and its pending actions.
func (r *Runtime) Deactivate(t *tenant.Tenant, api string) {
	st := r.state(t)
	st.mu.Lock()
	defer st.mu.Unlock()
	if a := st.active[activationKey(api, "")]; a != nil {
		a.cancel(t)
		delete(st.active, activationKey(api, ""))
	}
}

// Emit reports a trigger. The session's scenario (or else the tenant's
// scenario for ev.API) schedules the actions of every cue it matches.
// It returns the number of cues matched.
func (r *Runtime) Emit(t *tenant.Tenant, ev Event) int {
	st := r.state(t)
	st.mu.Lock()
	defer st.mu.Unlock()
	a := st.active[activationKey(ev.API, ev.Session)]
	if a == nil {
		a = st.active[activationKey(ev.API, "")]
	}
	if a == nil {
		return 0
	}
	vars := map[string]string{"text": ev.Text, "session": ev.Session}
	for k, v := range ev.Vars {
		vars[k] = v
	}
	if cur, ok := r.Library().Get(a.sc.Name); ok && cur.API == a.sc.API {
		a.sc = cur // the file was reloaded: its triggers answer from the new version
	}
	now := t.Now()
	matched := 0
	for i := range a.sc.Cues {
		cue := &a.sc.Cues[i]
		if cue.When != ev.Trigger || cue.When == Elapsed {
			continue
		}
		match := map[string]string{}
		if cue.Pattern != nil {
			m := cue.Pattern.FindStringSubmatch(ev.Text)
			if m == nil {
				continue
			}
			for j, n := range cue.Pattern.SubexpNames() {
				if n != "" {
					match[n] = m[j]
				}
			}
		}
		matched++
		data := Data{Trigger: vars, Match: match, Session: ev.Session}
		r.scheduleLocked(t, st, a, cue, now, ev.Session, data)
	}
	return matched
}

// scheduleLocked arms one timer per action of cue, at base plus the
// action's delay, in file order (equal instants fire in that order).
func (r *Runtime) scheduleLocked(t *tenant.Tenant, st *tenantState, a *activation, cue *Cue, base time.Time, session string, data Data) {
	data.Tenant, data.Scenario = t.ID(), a.sc.Name
	now := t.Now()
	live, does := a.timers[:0], a.does[:0]
	for i, tm := range a.timers {
		if !tm.At().Before(now) {
			live, does = append(live, tm), append(does, a.does[i])
		}
	}
	a.timers, a.does = live, does
	for i := range cue.Actions {
		spec := &cue.Actions[i]
		tm := t.Clock().At(base.Add(spec.After), func() { r.fire(t, st, a, spec, session, data) })
		a.timers, a.does = append(a.timers, tm), append(a.does, spec.Do)
	}
}

// fire renders and performs one action, in a clock callback.
func (r *Runtime) fire(t *tenant.Tenant, st *tenantState, a *activation, spec *ActionSpec, session string, data Data) {
	st.mu.Lock()
	if a.cancelled || st.closed {
		st.mu.Unlock()
		return
	}
	data.Now = t.Now()
	params, err := render(spec.params, data, st.faker)
	st.mu.Unlock()
	act := Action{API: a.sc.API, Name: spec.Do, Session: session, Scenario: a.sc.Name, At: data.Now}
	if p, ok := params.(map[string]any); ok {
		act.Params = p
	} else {
		act.Params = map[string]any{}
	}
	if err == nil {
		if ac := r.actor(a.sc.API); ac != nil {
			err = ac.Do(context.Background(), t, act)
		} else {
			err = fmt.Errorf("the %s API does not perform scenario actions", a.sc.API)
		}
	}
	if err != nil {
		r.log.Warn("scenario action failed", "tenant", t.ID(), "scenario", a.sc.Name, "action", spec.Do, "line", spec.Line, "error", err)
	}
	st.record(Fired{At: act.At, Scenario: act.Scenario, Action: act.Name, Session: session, Error: errString(err)})
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
