package features

import (
	"fmt"
	"net/http"
	"time"

	"github.com/switchboard-sim/switchboard/simulator/vendor"
)

// A vendor (a vendor.Vendor in Options.Vendors) extends the harness by
// implementing vendor.FeatureStepper, vendor.FeatureAuthenticator or
// vendor.FeatureVerifiers (defined there, free of godog, so that the serve
// binary does not link the harness). The harness names no vendor: what is
// not there is the generic step library.

// AuthScheme turns a scenario's credential into request headers.
type AuthScheme func(credential string) map[string]string

// Bearer is `Authorization: Bearer <credential>`.
func Bearer(credential string) map[string]string {
	return map[string]string{"Authorization": "Bearer " + credential}
}

// plugins is what the vendors of one suite add, read-only once built.
type plugins struct {
	names     []string
	auth      map[string]AuthScheme
	verifiers map[string]Verifier
	steppers  []vendor.FeatureStepper
}

func newPlugins(list []vendor.Vendor) *plugins {
	p := &plugins{names: vendor.Names(list), auth: map[string]AuthScheme{}, verifiers: map[string]Verifier{}}
	for _, v := range list {
		if a, ok := v.(vendor.FeatureAuthenticator); ok {
			p.auth[v.Name()] = a.FeatureAuth
		}
		if vs, ok := v.(vendor.FeatureVerifiers); ok {
			for name, x := range vs.FeatureVerifiers() {
				p.verifiers[name] = VerifierFunc(x)
			}
		}
		if s, ok := v.(vendor.FeatureStepper); ok {
			p.steppers = append(p.steppers, s)
		}
	}
	return p
}

func (p *plugins) authFor(api string) AuthScheme {
	if s, ok := p.auth[api]; ok {
		return s
	}
	return Bearer
}

func (p *plugins) verifierFor(name string) (Verifier, bool) {
	v, ok := p.verifiers[name]
	return v, ok
}

// Scenario is one running feature scenario as a vendor's steps see it
// (vendor.FeatureScenario).
type Scenario struct{ w *world }

var _ vendor.FeatureScenario = (*Scenario)(nil)

// Credential is the scenario's own credential (hence its tenant).
func (s *Scenario) Credential() string { return s.w.cred }

// Expand replaces ${name} references with the scenario's saved values.
func (s *Scenario) Expand(x string) (string, error) { return s.w.expand(x) }

// Admin sends a control-plane request (path under /__admin) and returns
// the answer's body; a status other than 200 is an error.
func (s *Scenario) Admin(method, path string, body any) ([]byte, error) {
	r, err := s.w.admin(method, path, body)
	if err != nil {
		return nil, err
	}
	return r.body, nil
}

// Body is the last response's body; an error when there is none.
func (s *Scenario) Body() ([]byte, error) {
	if err := s.w.needResponse(); err != nil {
		return nil, err
	}
	return s.w.resp.body, nil
}

// AwaitEvents waits, up to wait on the wall clock, until done reports the
// last event received on the scenario's event source as the final one,
// and returns the data of every event received. what names the source for
// the error when there is none.
func (s *Scenario) AwaitEvents(wait time.Duration, what string, done func(last any) bool) ([]any, error) {
	src := s.w.src
	if src == nil {
		return nil, fmt.Errorf("no %s", what)
	}
	deadline := time.NewTimer(wait)
	defer deadline.Stop()
	for {
		src.mu.Lock()
		evs, err := append([]event{}, src.events...), src.err
		src.mu.Unlock()
		if n := len(evs); n > 0 && done(evs[n-1].data) {
			out := make([]any, n)
			for i, e := range evs {
				out[i] = e.data
			}
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		select {
		case <-src.notify:
		case <-deadline.C:
			return nil, fmt.Errorf("no done event within %v; received %d events", wait, len(evs))
		}
	}
}

// pollAttempts bounds the retries of SecondPoll when the client's poll
// ended (its wall-clock hold ran out) before the second one arrived.
const pollAttempts = 10

// SecondPoll sends the long-poll source's request a second time while the
// source's own poll is held (held reports it, e.g. from the control
// plane), and makes the answer the last response. If the held poll ended
// first, the second one was not concurrent: its events go to the source
// and it tries again.
func (s *Scenario) SecondPoll(held func() (bool, error)) error {
	src := s.w.src
	if src == nil || src.poll == nil {
		return fmt.Errorf("no long-poll: start with `the client long-polls ...`")
	}
	for range pollAttempts {
		src.startPoll()
		if err := s.awaitHeld(held); err != nil {
			return err
		}
		r, err := src.poll()
		if err != nil {
			return err
		}
		if r.status != http.StatusOK {
			s.w.resp = r
			return nil
		}
		src.add(src.pollEvents(r)...)
	}
	return fmt.Errorf("the client's long-poll was never held when the second one arrived (%d tries)", pollAttempts)
}

// awaitHeld waits (wall clock, with a deadline) until held reports the
// source's poll held, restarting the poll while it is not.
func (s *Scenario) awaitHeld(held func() (bool, error)) error {
	deadline := time.Now().Add(10 * time.Second)
	for {
		ok, err := held()
		if err != nil || ok {
			return err
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("no long-poll was held on the chat within 10 s")
		}
		src := s.w.src
		src.startPoll()
		src.settle(5 * time.Millisecond)
	}
}

// example is an API name for hints such as `Given I use the x API`.
func (p *plugins) example() string {
	if len(p.names) == 0 {
		return "<api>"
	}
	return p.names[0]
}
