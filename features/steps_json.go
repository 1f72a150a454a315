package features

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"

	"github.com/cucumber/godog"
)

func (w *world) jsonSteps(sc *godog.ScenarioContext) {
	sc.Step(`^the JSON at "([^"]*)" (?:is|equals) (.+)$`, w.jsonEquals)
	sc.Step(`^the JSON at "([^"]*)" contains "([^"]*)"$`, w.jsonContains)
	sc.Step(`^the JSON at "([^"]*)" exists$`, func(p string) error { _, err := w.jsonAt(p); return err })
	sc.Step(`^the JSON at "([^"]*)" does not exist$`, w.jsonAbsent)
	sc.Step(`^the JSON at "([^"]*)" has length (\d+)$`, w.jsonLength)
	sc.Step(`^the response JSON includes:$`, w.jsonIncludes)
	sc.Step(`^I save the JSON at "([^"]*)" as "([^"]*)"$`, w.saveJSON)
	sc.Step(`^I save "([^"]*)" as "([^"]*)"$`, func(v, name string) error {
		x, err := w.expand(v)
		w.vars[name] = x
		return err
	})
}

// body is the last response decoded as JSON.
func (w *world) body() (any, error) {
	if err := w.needResponse(); err != nil {
		return nil, err
	}
	if !w.resp.jsonOK {
		return nil, fmt.Errorf("the response (%d) is not JSON: %s", w.resp.status, clip(w.resp.body))
	}
	return w.resp.json, nil
}

func (w *world) jsonAt(path string) (any, error) {
	if _, err := w.body(); err != nil { // a JSON response, or why not
		return nil, err
	}
	p, err := w.expand(path)
	if err != nil {
		return nil, err
	}
	v, ok, err := lookupJSON(w.resp.body, p)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, fmt.Errorf("no JSON at %q in %s", p, clip(w.resp.body))
	}
	return v, nil
}

// literal parses a step's expected value: JSON (`"text"`, 3, true, null,
// {...}), or, failing that, a bare string.
func (w *world) literal(s string) (any, error) {
	x, err := w.expand(strings.TrimSpace(s))
	if err != nil {
		return nil, err
	}
	var v any
	if json.Unmarshal([]byte(x), &v) != nil {
		return x, nil
	}
	return v, nil
}

func (w *world) jsonEquals(path, want string) error {
	got, err := w.jsonAt(path)
	if err != nil {
		return err
	}
	exp, err := w.literal(want)
	if err != nil {
		return err
	}
	if !reflect.DeepEqual(got, exp) {
		g, _ := json.Marshal(got)
		e, _ := json.Marshal(exp)
		return fmt.Errorf("JSON at %q is %s, want %s", path, g, e)
	}
	return nil
}

func (w *world) jsonContains(path, want string) error {
	got, err := w.jsonAt(path)
	if err != nil {
		return err
	}
	x, err := w.expand(want)
	if err != nil {
		return err
	}
	switch g := got.(type) {
	case string:
		if strings.Contains(g, x) {
			return nil
		}
	case []any:
		for _, e := range g {
			if s, ok := e.(string); ok && s == x {
				return nil
			}
			if b, _ := json.Marshal(e); string(b) == x {
				return nil
			}
		}
	case map[string]any:
		if _, ok := g[x]; ok {
			return nil
		}
	}
	b, _ := json.Marshal(got)
	return fmt.Errorf("JSON at %q (%s) does not contain %q", path, clip(b), x)
}

func (w *world) jsonAbsent(path string) error {
	if _, err := w.body(); err != nil { // a JSON response, or why not
		return err
	}
	v, ok, err := lookupJSON(w.resp.body, path)
	if err != nil {
		return err
	}
	if ok {
		j, _ := json.Marshal(v)
		return fmt.Errorf("JSON at %q exists: %s", path, clip(j))
	}
	return nil
}

func (w *world) jsonLength(path string, n int) error {
	got, err := w.jsonAt(path)
	if err != nil {
		return err
	}
	l := -1
	switch g := got.(type) {
	case []any:
		l = len(g)
	case map[string]any:
		l = len(g)
	case string:
		l = len([]rune(g))
	default:
		return fmt.Errorf("JSON at %q is not an array, object or string", path)
	}
	if l != n {
		return fmt.Errorf("JSON at %q has length %d, want %d", path, l, n)
	}
	return nil
}

// jsonIncludes checks that the response contains the docstring's JSON: every
// key of an expected object, every element of an expected array in order.
func (w *world) jsonIncludes(doc *godog.DocString) error {
	b, err := w.body()
	if err != nil {
		return err
	}
	exp, err := w.literal(doc.Content)
	if err != nil {
		return err
	}
	if p := includes(b, exp, "$"); p != "" {
		return fmt.Errorf("the response differs at %s: %s", p, clip(w.resp.body))
	}
	return nil
}

// includes returns the first path where got does not include want, or "".
func includes(got, want any, at string) string {
	switch x := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return at
		}
		for k, v := range x {
			if p := includes(g[k], v, at+"."+k); p != "" {
				return p
			}
		}
		return ""
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) < len(x) {
			return at
		}
		for i, v := range x {
			if p := includes(g[i], v, fmt.Sprintf("%s[%d]", at, i)); p != "" {
				return p
			}
		}
		return ""
	}
	if !reflect.DeepEqual(got, want) {
		return at
	}
	return ""
}

func (w *world) saveJSON(path, name string) error {
	v, err := w.jsonAt(path)
	if err != nil {
		return err
	}
	w.vars[name] = scalar(v)
	return nil
}

// scalar renders a JSON value for use in a path or body: strings bare,
// everything else as JSON.
func scalar(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	b, _ := json.Marshal(v)
	return string(b)
}
