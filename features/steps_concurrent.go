package features

import (
	"fmt"
	"regexp"
	"sync"

	"github.com/cucumber/godog"
)

func (w *world) concurrentSteps(sc *godog.ScenarioContext) {
	sc.Step(`^I send (\d+) concurrent `+methods+` requests to "([^"]*)"$`, func(n int, m, p string) error {
		return w.concurrent(n, m, p, nil)
	})
	sc.Step(`^I send (\d+) concurrent `+methods+` requests to "([^"]*)" with JSON:$`, func(n int, m, p string, doc *godog.DocString) error {
		return w.concurrent(n, m, p, doc)
	})
	sc.Step(`^(\d+) of the concurrent responses have status (\d+)$`, func(n, status int) error {
		got := 0
		var all []int
		for _, r := range w.parallel {
			all = append(all, r.status)
			if r.status == status {
				got++
			}
		}
		if got != n {
			return fmt.Errorf("%d concurrent responses have status %d, want %d (statuses %v)", got, status, n, all)
		}
		return nil
	})
	sc.Step(`^the JSON at "([^"]*)" matches "([^"]*)"$`, func(p, expr string) error {
		v, err := w.jsonAt(p)
		if err != nil {
			return err
		}
		if expr, err = w.expand(expr); err != nil {
			return err
		}
		re, err := regexp.Compile(expr)
		if err != nil {
			return err
		}
		if !re.MatchString(scalar(v)) {
			return fmt.Errorf("JSON at %q is %s, which does not match %s", p, jsonText(v), expr)
		}
		return nil
	})
}

// concurrent sends n copies of one request at once and waits for all;
// the last response becomes the first of them.
func (w *world) concurrent(n int, method, path string, doc *godog.DocString) error {
	if n < 1 {
		return fmt.Errorf("want at least one request")
	}
	reqs := make([]*response, n)
	errs := make([]error, n)
	u, h, body, err := w.prepare(path, doc, "application/json")
	if err != nil {
		return err
	}
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			reqs[i], errs[i] = w.send(method, u, body, h)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	w.parallel = reqs
	w.resp = reqs[0]
	return nil
}
