package features

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/cucumber/godog"
)

// Wall-clock bounds of waiting for the simulator to deliver what a clock
// advance caused (the simulated time never depends on them).
const (
	settleStep  = 100 * time.Millisecond
	settleFinal = 2 * time.Second
	maxSteps    = 60
)

func (w *world) eventSteps(sc *godog.ScenarioContext) {
	sc.Step(`^the client listens to events at "([^"]*)"$`, func(p string) error { return w.listen(http.MethodGet, p, nil) })
	sc.Step(`^the client listens to events at "([^"]*)" with (GET|POST) and JSON:$`, func(p, m string, doc *godog.DocString) error {
		return w.listen(m, p, doc)
	})
	sc.Step(`^the client long-polls "([^"]*)"$`, func(p string) error { return w.longPoll(http.MethodGet, p, nil) })
	sc.Step(`^the client long-polls "([^"]*)" with (GET|POST) and JSON:$`, func(p, m string, doc *godog.DocString) error {
		return w.longPoll(m, p, doc)
	})
	sc.Step(`^events are listed at "([^"]*)" and named by "([^"]*)"$`, func(items, key string) error {
		if w.src == nil {
			return fmt.Errorf("no event source yet: the client listens to events at ... first")
		}
		w.src.items, w.src.nameKey = items, key
		return nil
	})
	sc.Step(`^within `+units+` of simulated time the client receives (\S+)(?: from the (\S+))?$`, func(n, unit, name, from string) error {
		d, err := humanDuration(n, unit)
		if err != nil {
			return err
		}
		return w.awaitEvent(d, name, from, true)
	})
	sc.Step(`^the client receives no (\S+)(?: from the (\S+))? within `+units+` of simulated time$`, func(name, from, n, unit string) error {
		d, err := humanDuration(n, unit)
		if err != nil {
			return err
		}
		return w.awaitEvent(d, name, from, false)
	})
	sc.Step(`^the event's JSON at "([^"]*)" (?:is|equals) (.+)$`, func(p, want string) error {
		v, err := w.eventAt(p)
		if err != nil {
			return err
		}
		exp, err := w.literal(want)
		if err != nil {
			return err
		}
		if g, e := jsonText(v), jsonText(exp); g != e {
			return fmt.Errorf("the event's JSON at %q is %s, want %s", p, g, e)
		}
		return nil
	})
	sc.Step(`^I save the event's JSON at "([^"]*)" as "([^"]*)"$`, func(p, name string) error {
		v, err := w.eventAt(p)
		w.vars[name] = scalar(v)
		return err
	})
}

func jsonText(v any) string { b, _ := json.Marshal(v); return string(b) }

// prepared builds the request of a listen or poll step, expanded now.
func (w *world) prepared(method, path string, doc *godog.DocString) (*http.Request, error) {
	p, err := w.expand(path)
	if err != nil {
		return nil, err
	}
	u, err := w.url(p)
	if err != nil {
		return nil, err
	}
	h, err := w.requestHeaders()
	if err != nil {
		return nil, err
	}
	var body string
	if doc != nil {
		if body, err = w.expand(doc.Content); err != nil {
			return nil, err
		}
		if _, ok := h["Content-Type"]; !ok {
			h["Content-Type"] = "application/json"
		}
	}
	req, err := http.NewRequest(method, u, strings.NewReader(body))
	if err != nil {
		return nil, err
	}
	for k, v := range h {
		req.Header.Set(k, v)
	}
	return req, nil
}

func (w *world) listen(method, path string, doc *godog.DocString) error {
	req, err := w.prepared(method, path, doc)
	if err != nil {
		return err
	}
	s, err := openSSE(w.client, req)
	if err != nil {
		return err
	}
	w.setSource(s)
	return nil
}

func (w *world) longPoll(method, path string, doc *godog.DocString) error {
	req, err := w.prepared(method, path, doc)
	if err != nil {
		return err
	}
	s := newSource()
	// Every poll repeats the first request exactly.
	var body []byte
	if doc != nil {
		b, _ := w.expand(doc.Content)
		body = []byte(b)
	}
	headers := map[string]string{}
	for k := range req.Header {
		headers[k] = req.Header.Get(k)
	}
	u := req.URL.String()
	s.poll = func() (*response, error) { return w.send(method, u, body, headers) }
	w.setSource(s)
	return nil
}

func (w *world) setSource(s *source) {
	if w.src != nil {
		w.src.close()
	}
	w.src = s
	w.sources["default"] = s
}

// awaitEvent advances the tenant clock in steps up to limit, polling or
// reading the stream after each step, until the event arrives (want) or
// the limit passes without it (!want).
func (w *world) awaitEvent(limit time.Duration, name, from string, want bool) error {
	s := w.src
	if s == nil {
		return fmt.Errorf("no event source: start with `the client listens to events at ...` or `the client long-polls ...`")
	}
	match := w.sender(from)
	done, err := w.stepClock(limit, func(waited time.Duration) (bool, error) {
		s.startPoll()
		s.settle(settleStep)
		e, ok, err := s.take(name, match)
		if !ok {
			return false, err
		}
		if !want {
			return false, fmt.Errorf("received %s after %v of simulated time, want none within %v", name, waited, limit)
		}
		w.lastEvent = e.data
		return true, nil
	})
	if done || err != nil {
		return err
	}
	// The clock has reached limit: give the event settleFinal of wall time
	// to arrive. Another event arriving first does not end the wait for a
	// wanted one (under load the wanted one may be a moment behind it).
	deadline := time.Now().Add(settleFinal)
	for {
		s.settle(time.Until(deadline))
		if e, ok, _ := s.take(name, match); ok {
			if !want {
				return fmt.Errorf("received %s within %v of simulated time, want none", name, limit)
			}
			w.lastEvent = e.data
			return nil
		}
		if !want || !time.Now().Before(deadline) {
			break
		}
	}
	if !want {
		return nil
	}
	who := ""
	if from != "" {
		who = " from the " + from
	}
	return fmt.Errorf("no %s%s within %v of simulated time; received %v", name, who, limit, s.names())
}

// sender matches an event's sender: a field (from, sender, party,
// party_id, sourceType, role, type) equal to from (any case) or to the
// variable named from.
func (w *world) sender(from string) func(any) bool {
	if from == "" {
		return nil
	}
	saved, hasVar := w.vars[from]
	return func(v any) bool {
		m, ok := v.(map[string]any)
		if !ok {
			return false
		}
		for _, k := range []string{"from", "sender", "party", "party_id", "sourceType", "role", "type"} {
			s, ok := m[k].(string)
			if ok && (strings.EqualFold(s, from) || hasVar && s == saved) {
				return true
			}
		}
		return false
	}
}

func (w *world) eventAt(path string) (any, error) {
	if w.lastEvent == nil {
		return nil, fmt.Errorf("no event received yet")
	}
	v, ok, err := lookupPath(w.lastEvent, path)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, fmt.Errorf("no JSON at %q in the event %s", path, jsonText(w.lastEvent))
	}
	return v, nil
}
