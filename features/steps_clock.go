package features

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/cucumber/godog"
)

// units is the regexp of a human duration: "90 seconds", "1 hour".
const units = `(\d+) (seconds?|minutes?|hours?|days?)`

// humanDuration reads "90" "minutes".
func humanDuration(n, unit string) (time.Duration, error) {
	v, err := strconv.Atoi(n)
	if err != nil {
		return 0, err
	}
	u := map[string]time.Duration{"second": time.Second, "minute": time.Minute, "hour": time.Hour, "day": 24 * time.Hour}[strings.TrimSuffix(unit, "s")]
	return time.Duration(v) * u, nil
}

func (w *world) clockSteps(sc *godog.ScenarioContext) {
	sc.Step(`^the clock advances `+units+`$`, func(n, unit string) error {
		d, err := humanDuration(n, unit)
		if err != nil {
			return err
		}
		return w.advance(d)
	})
	sc.Step(`^the clock advances by "([^"]*)"$`, func(s string) error {
		d, err := time.ParseDuration(s)
		if err != nil {
			return err
		}
		return w.advance(d)
	})
	sc.Step(`^the clock is set to "([^"]*)"$`, func(s string) error {
		x, err := w.expand(s)
		if err != nil {
			return err
		}
		_, err = w.admin(http.MethodPost, "/clock/set?tenant="+url.QueryEscape(w.cred), map[string]string{"time": x})
		return err
	})
	sc.Step(`^the clock reads "([^"]*)"$`, func(s string) error {
		want, err := w.expand(s)
		if err != nil {
			return err
		}
		now, err := w.now()
		if err != nil {
			return err
		}
		if got := now.Format(time.RFC3339); got != want {
			return fmt.Errorf("the clock reads %s, want %s", got, want)
		}
		return nil
	})
	sc.Step(`^events are awaited in steps of `+units+`$`, func(n, unit string) error {
		d, err := humanDuration(n, unit)
		if err == nil && d <= 0 {
			err = fmt.Errorf("the step must be positive")
		}
		w.step = d
		return err
	})
	sc.Step(`^the scenario "([^"]*)" is active$`, func(name string) error {
		_, err := w.admin(http.MethodPost, "/scenarios/"+url.PathEscape(name)+"/activate?tenant="+url.QueryEscape(w.cred), nil)
		return err
	})
	sc.Step(`^the simulator received (\d+) requests? to (\w+)$`, func(n int, op string) error { return w.journal(n, op, "") })
	sc.Step(`^the simulator received (\d+) requests? to (\w+) answered with (\d+)$`, func(n int, op, status string) error {
		return w.journal(n, op, status)
	})
}

// advance moves the scenario tenant's clock; its timers fire in order.
func (w *world) advance(d time.Duration) error {
	_, err := w.admin(http.MethodPost, "/clock/advance?tenant="+url.QueryEscape(w.cred), map[string]string{"by": d.String()})
	return err
}

// journal counts the scenario tenant's journal entries for an operation. A
// streamed answer is journalled when its handler returns, which can be just
// after the client has read the last event, so a short count is retried
// until a deadline before it fails.
func (w *world) journal(want int, op, status string) error {
	deadline := time.Now().Add(2 * time.Second)
	for {
		err := w.journalOnce(want, op, status)
		if err == nil || time.Now().After(deadline) {
			return err
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func (w *world) journalOnce(want int, op, status string) error {
	q := url.Values{"tenant": {w.tenantID()}, "operation": {op}}
	if status != "" {
		q.Set("status", status)
	}
	r, err := w.admin(http.MethodGet, "/requests?"+q.Encode(), nil)
	if err != nil {
		return err
	}
	var out struct {
		Count    int `json:"count"`
		Requests []struct {
			Method string `json:"method"`
			Path   string `json:"path"`
			Status int    `json:"status"`
		} `json:"requests"`
	}
	if err := json.Unmarshal(r.body, &out); err != nil {
		return err
	}
	if out.Count != want {
		var seen []string
		for _, e := range out.Requests {
			seen = append(seen, fmt.Sprintf("%s %s → %d", e.Method, e.Path, e.Status))
		}
		return fmt.Errorf("the simulator received %d requests to %s, want %d: %v", out.Count, op, want, seen)
	}
	return nil
}

// stepClock advances the scenario's clock in steps up to limit, calling
// check before each step with the simulated time waited so far. It stops
// when check reports done or fails; it reports whether check was done.
func (w *world) stepClock(limit time.Duration, check func(waited time.Duration) (bool, error)) (bool, error) {
	step := max(w.step, limit/maxSteps)
	var waited time.Duration
	for {
		if done, err := check(waited); done || err != nil {
			return done, err
		}
		if waited >= limit {
			return false, nil
		}
		d := min(step, limit-waited)
		if err := w.advance(d); err != nil {
			return false, err
		}
		waited += d
	}
}
