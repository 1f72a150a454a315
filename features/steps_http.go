package features

import (
	"fmt"
	"strings"

	"github.com/cucumber/godog"
)

const methods = `(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)`

func (w *world) httpSteps(sc *godog.ScenarioContext) {
	sc.Step(`^I use the (\w+) API$`, func(api string) error { w.api = api; return nil })
	sc.Step(`^I use the credential "([^"]*)"$`, func(c string) error {
		x, err := w.expand(c)
		w.cred = x
		return err
	})
	sc.Step(`^I send no credentials$`, func() error { w.noAuth = true; return nil })
	sc.Step(`^I set the header "([^"]*)" to "([^"]*)"$`, func(k, v string) error { w.headers[k] = v; return nil })
	sc.Step(`^I remove the header "([^"]*)"$`, func(k string) error { delete(w.headers, k); return nil })
	sc.Step(`^I send a `+methods+` request to "([^"]*)"$`, func(m, p string) error { return w.request(m, p, nil, "") })
	sc.Step(`^I send a `+methods+` request to "([^"]*)" with JSON:$`, func(m, p string, doc *godog.DocString) error {
		return w.request(m, p, doc, "application/json")
	})
	sc.Step(`^I send a `+methods+` request to "([^"]*)" with body:$`, func(m, p string, doc *godog.DocString) error {
		ct := doc.MediaType
		if ct == "" {
			ct = "text/plain"
		}
		return w.request(m, p, doc, ct)
	})
	sc.Step(`^the response status is (\d+)$`, w.statusIs)
	sc.Step(`^the response header "([^"]*)" (?:is|contains) "([^"]*)"$`, w.headerContains)
	sc.Step(`^the response body contains "([^"]*)"$`, func(s string) error {
		if err := w.needResponse(); err != nil {
			return err
		}
		x, err := w.expand(s)
		if err != nil {
			return err
		}
		if !strings.Contains(string(w.resp.body), x) {
			return fmt.Errorf("the body does not contain %q: %s", x, clip(w.resp.body))
		}
		return nil
	})
}

// prepare expands a step's path and doc string and builds the URL and the
// headers (auth included) for the current API; a body without a
// Content-Type header gets contentType.
func (w *world) prepare(path string, doc *godog.DocString, contentType string) (string, map[string]string, []byte, error) {
	p, err := w.expand(path)
	if err != nil {
		return "", nil, nil, err
	}
	u, err := w.url(p)
	if err != nil {
		return "", nil, nil, err
	}
	h, err := w.requestHeaders()
	if err != nil {
		return "", nil, nil, err
	}
	var body []byte
	if doc != nil {
		s, err := w.expand(doc.Content)
		if err != nil {
			return "", nil, nil, err
		}
		body = []byte(s)
		if _, set := h["Content-Type"]; !set {
			h["Content-Type"] = contentType
		}
	}
	return u, h, body, nil
}

// request sends one request to the current API with its auth.
func (w *world) request(method, path string, doc *godog.DocString, contentType string) error {
	u, h, body, err := w.prepare(path, doc, contentType)
	if err != nil {
		return err
	}
	r, err := w.send(method, u, body, h)
	if err != nil {
		return err
	}
	w.resp = r
	return nil
}

func (w *world) needResponse() error {
	if w.resp == nil {
		return fmt.Errorf("no request has been sent yet")
	}
	return nil
}

func (w *world) statusIs(want int) error {
	if err := w.needResponse(); err != nil {
		return err
	}
	if w.resp.status != want {
		return fmt.Errorf("status %d, want %d: %s", w.resp.status, want, clip(w.resp.body))
	}
	return nil
}

func (w *world) headerContains(name, want string) error {
	if err := w.needResponse(); err != nil {
		return err
	}
	x, err := w.expand(want)
	if err != nil {
		return err
	}
	if got := w.resp.header.Get(name); !strings.Contains(got, x) {
		return fmt.Errorf("header %s is %q, want it to contain %q", name, got, x)
	}
	return nil
}

// clip shortens a body for an error message.
func clip(b []byte) string {
	if len(b) > 600 {
		return string(b[:600]) + "…"
	}
	return string(b)
}
