package features

import (
	"time"

	"fmt"
	"strconv"

	"github.com/cucumber/godog"
)

func (w *world) webhookSteps(sc *godog.ScenarioContext) {
	sc.Step(`^a webhook receiver "([^"]*)"$`, func(name string) error {
		if _, dup := w.receivers[name]; dup {
			return fmt.Errorf("webhook receiver %q already exists", name)
		}
		w.receivers[name] = newReceiver()
		return nil
	})
	sc.Step(`^the webhook receiver "([^"]*)" answers (\d+)(?: with "([^"]*)")?(?: for the next (\d+) deliver(?:y|ies))?$`, func(name string, status int, body, next string) error {
		r, err := w.receiver(name)
		if err != nil {
			return err
		}
		n := 0
		if next != "" {
			n, _ = strconv.Atoi(next)
		}
		r.program(answer{status: status, body: body}, n)
		return nil
	})
	sc.Step(`^within `+units+` of simulated time the webhook receiver "([^"]*)" receives (\d+) deliver(?:y|ies)$`, func(n, unit, name string, count int) error {
		d, err := humanDuration(n, unit)
		if err != nil {
			return err
		}
		return w.awaitDeliveries(name, d, count)
	})
	sc.Step(`^the webhook receiver "([^"]*)" has received (\d+) deliver(?:y|ies)$`, func(name string, count int) error {
		return w.awaitDeliveries(name, 0, count)
	})
	sc.Step(`^delivery (\d+) to "([^"]*)" has JSON at "([^"]*)" (?:equal to|equals|is) (.+)$`, w.deliveryJSON)
	sc.Step(`^delivery (\d+) to "([^"]*)" has the header "([^"]*)"$`, func(i int, name, header string) error {
		d, err := w.delivery(name, i)
		if err != nil {
			return err
		}
		if d.Header.Get(header) == "" {
			return fmt.Errorf("delivery %d to %s has no %s header", i, name, header)
		}
		return nil
	})
	sc.Step(`^every delivery to "([^"]*)" has a valid "([^"]*)" signature(?: with secret "([^"]*)")?$`, w.verifyAll)
}

func (w *world) receiver(name string) (*receiver, error) {
	r, ok := w.receivers[name]
	if !ok {
		return nil, fmt.Errorf("no webhook receiver %q: add `Given a webhook receiver %q`", name, name)
	}
	return r, nil
}

// awaitDeliveries advances the clock in steps up to limit until the
// receiver holds exactly count deliveries (more is a failure at once).
func (w *world) awaitDeliveries(name string, limit time.Duration, count int) error {
	r, err := w.receiver(name)
	if err != nil {
		return err
	}
	done, err := w.stepClock(limit, func(time.Duration) (bool, error) {
		r.wait(settleStep)
		n := len(r.received())
		if n > count {
			return false, fmt.Errorf("webhook receiver %s received %d deliveries, want %d", name, n, count)
		}
		return n == count, nil
	})
	if done || err != nil {
		return err
	}
	// Wait until the count is reached (or passed), not just for the next
	// delivery: under load the last one may be a moment behind another.
	deadline := time.Now().Add(settleFinal)
	for len(r.received()) < count && time.Now().Before(deadline) {
		r.wait(time.Until(deadline))
	}
	if n := len(r.received()); n != count {
		return fmt.Errorf("webhook receiver %s received %d deliveries within %v of simulated time, want %d", name, n, limit, count)
	}
	return nil
}

// delivery is the i-th (1-based) delivery to a receiver.
func (w *world) delivery(name string, i int) (Delivery, error) {
	r, err := w.receiver(name)
	if err != nil {
		return Delivery{}, err
	}
	all := r.received()
	if i < 1 || i > len(all) {
		return Delivery{}, fmt.Errorf("webhook receiver %s has %d deliveries; there is no delivery %d", name, len(all), i)
	}
	return all[i-1], nil
}

func (w *world) deliveryJSON(i int, name, path, want string) error {
	d, err := w.delivery(name, i)
	if err != nil {
		return err
	}
	v, ok, err := lookupJSON(d.Body, path)
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("delivery %d to %s has no JSON at %q: %s", i, name, path, clip(d.Body))
	}
	exp, err := w.literal(want)
	if err != nil {
		return err
	}
	if jsonText(v) != jsonText(exp) {
		return fmt.Errorf("delivery %d to %s has %s at %q, want %s", i, name, jsonText(v), path, jsonText(exp))
	}
	return nil
}

func (w *world) verifyAll(name, scheme, secret string) error {
	v, ok := w.plugins.verifierFor(scheme)
	if !ok {
		return fmt.Errorf("no signature scheme %q is registered (vendor.FeatureVerifiers)", scheme)
	}
	r, err := w.receiver(name)
	if err != nil {
		return err
	}
	s, err := w.expand(secret)
	if err != nil {
		return err
	}
	all := r.received()
	if len(all) == 0 {
		return fmt.Errorf("webhook receiver %s has received nothing to verify", name)
	}
	for i, d := range all {
		if err := v.Verify(d, s); err != nil {
			return fmt.Errorf("delivery %d to %s: %s signature: %w", i+1, name, scheme, err)
		}
	}
	return nil
}
