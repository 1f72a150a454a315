package features

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/cucumber/godog"
)

// brightpatternApp is the app (widget) features chat with; its Expected
// Parameters have nothing required and its service hours cover the
// virtual clock's start.
const brightpatternApp = "SwitchboardWebChat"

// brightpatternAuth is the Mobile/Web API's header for the scenario's
// credential: the credential is the device's clientId, and the tenant
// header pins the scenario's own tenant whatever the Host.
func brightpatternAuth(credential string) map[string]string {
	return map[string]string{
		"Authorization":        `MOBILE-API-140-327-PLAIN appId="` + brightpatternApp + `", clientId="` + credential + `"`,
		"X-Switchboard-Tenant": credential,
	}
}

func init() { RegisterAuth("brightpattern", brightpatternAuth) }

// brightpatternSteps binds the steps that only brightpattern flows need (see docs/steps.md);
// everything else uses the generic library.
func (w *world) brightpatternSteps(sc *godog.ScenarioContext) {
	sc.Step(`^a second long-poll is sent while the client's long-poll is held$`, w.secondPoll)
}

// pollAttempts bounds the retries of secondPoll when the client's poll
// ended (its wall-clock hold ran out) before the second one arrived.
const pollAttempts = 10

// secondPoll sends the long-poll source's request a second time while the
// source's own poll is held on the chat (the control plane shows the chat
// polling), and makes the answer the last response. If the held poll
// ended first, the second one was not concurrent: its events go to the
// source and it tries again.
func (w *world) secondPoll() error {
	s := w.src
	if s == nil || s.poll == nil {
		return fmt.Errorf("no long-poll: start with `the client long-polls ...`")
	}
	for range pollAttempts {
		s.startPoll()
		if err := w.awaitHeldPoll(); err != nil {
			return err
		}
		r, err := s.poll()
		if err != nil {
			return err
		}
		if r.status != http.StatusOK {
			w.resp = r
			return nil
		}
		s.add(s.pollEvents(r)...)
	}
	return fmt.Errorf("the client's long-poll was never held when the second one arrived (%d tries)", pollAttempts)
}

// awaitHeldPoll waits (wall clock, with a deadline) until the control plane
// shows a poll held on one of the scenario's chats.
func (w *world) awaitHeldPoll() error {
	deadline := time.Now().Add(10 * time.Second)
	for {
		r, err := w.admin(http.MethodGet, "/brightpattern/chats?tenant="+url.QueryEscape(w.cred), nil)
		if err != nil {
			return err
		}
		var out struct {
			Chats []struct {
				Polling bool `json:"polling"`
			} `json:"chats"`
		}
		if err := json.Unmarshal(r.body, &out); err != nil {
			return err
		}
		for _, c := range out.Chats {
			if c.Polling {
				return nil
			}
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("no long-poll was held on the chat within 10 s")
		}
		s := w.src
		s.startPoll()
		s.settle(5 * time.Millisecond)
	}
}
