package features

import (
	"context"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/cucumber/godog"
	"github.com/cucumber/godog/formatters"
	messages "github.com/cucumber/messages/go/v34"

	"github.com/switchboard-sim/switchboard/simulator/junit"
)

// JUnit collects the JUnit report of one suite run through a godog
// formatter: godog reports each scenario's steps to it as they finish, and
// the suite's Before and After hooks time each scenario (with concurrency,
// godog replays a scenario's formatter events only once it ends). The
// report is built from those events, not by re-reading godog's own JUnit
// file, so it needs none of that file's repairs: every testcase has its
// feature as classname, one status computed from all its steps (a failure,
// else an error for an undefined, pending or ambiguous step, else skipped
// when no step ran), and steps skipped after a failure are not errors.
//
// Set Options.JUnit to a NewJUnit() and call WriteFile after the run.
type JUnit struct {
	name string // the formatter's registered name

	mu       sync.Mutex
	features map[string]string // uri -> feature name
	cases    map[string]*junitCase
	spans    map[string][2]time.Time // pickle id -> [start, end]
	at       time.Time
}

type junitCase struct {
	id, uri, name string
	failure       *junit.Problem
	errs          []string
	errType       string
	passed        bool
}

// NewJUnit makes an empty report and registers its formatter with godog.
// godog finds formatters only by name in its own registry, so each report
// registers one of its own (a few per process: one per suite run).
func NewJUnit() *JUnit {
	j := &JUnit{features: map[string]string{}, cases: map[string]*junitCase{}, spans: map[string][2]time.Time{}}
	j.name = fmt.Sprintf("switchboard-junit-%p", j)
	godog.Format(j.name, "Switchboard's JUnit report (features.JUnit)", func(string, io.Writer) formatters.Formatter {
		return &junitFormatter{j: j}
	})
	return j
}

// hooks times each scenario.
func (j *JUnit) hooks(sc *godog.ScenarioContext) {
	sc.Before(func(ctx context.Context, s *godog.Scenario) (context.Context, error) {
		j.mu.Lock()
		defer j.mu.Unlock()
		j.spans[s.Id] = [2]time.Time{time.Now(), time.Now()}
		return ctx, nil
	})
	sc.After(func(ctx context.Context, s *godog.Scenario, _ error) (context.Context, error) {
		j.mu.Lock()
		defer j.mu.Unlock()
		sp := j.spans[s.Id]
		sp[1] = time.Now()
		j.spans[s.Id] = sp
		return ctx, nil
	})
}

// Report is the collected report: features by name, scenarios in file
// order, a scenario name repeated in a feature (outline examples) numbered.
func (j *JUnit) Report() junit.Report {
	j.mu.Lock()
	defer j.mu.Unlock()
	byURI := map[string][]*junitCase{}
	for _, c := range j.cases {
		byURI[c.uri] = append(byURI[c.uri], c)
	}
	uris := make([]string, 0, len(byURI))
	for u := range byURI {
		uris = append(uris, u)
	}
	sort.Slice(uris, func(a, b int) bool {
		if na, nb := j.features[uris[a]], j.features[uris[b]]; na != nb {
			return na < nb
		}
		return uris[a] < uris[b]
	})
	at := j.at
	if at.IsZero() {
		at = time.Now()
	}
	var out junit.Report
	for _, u := range uris {
		cs := byURI[u]
		sort.Slice(cs, func(a, b int) bool { return idLess(cs[a].id, cs[b].id) })
		name := j.features[u]
		s := junit.Suite{Name: name, Package: "features." + name, Timestamp: at}
		count, seen := map[string]int{}, map[string]int{}
		for _, c := range cs {
			count[c.name]++
		}
		var first, last time.Time
		for _, c := range cs {
			jc := junit.Case{Name: c.name, Classname: name}
			if count[c.name] > 1 {
				seen[c.name]++
				jc.Name += fmt.Sprintf(" #%d", seen[c.name])
			}
			if sp, ok := j.spans[c.id]; ok {
				jc.Time = sp[1].Sub(sp[0])
				if first.IsZero() || sp[0].Before(first) {
					first = sp[0]
				}
				if sp[1].After(last) {
					last = sp[1]
				}
			}
			switch {
			case c.failure != nil:
				jc.Failure = c.failure
			case len(c.errs) > 0:
				jc.Error = &junit.Problem{Message: strings.Join(c.errs, "; "), Type: c.errType}
			case !c.passed:
				jc.Skipped = &junit.Problem{Message: "skipped"}
			}
			s.Cases = append(s.Cases, jc)
		}
		s.Time = last.Sub(first)
		out.Suites = append(out.Suites, s)
	}
	return out
}

// WriteFile writes the report to path.
func (j *JUnit) WriteFile(path string) error {
	b, err := j.Report().Marshal()
	if err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o644)
}

// idLess orders pickle ids: godog numbers them in file order.
func idLess(a, b string) bool {
	x, errA := strconv.Atoi(a)
	y, errB := strconv.Atoi(b)
	if errA == nil && errB == nil {
		return x < y
	}
	return a < b
}

// junitFormatter feeds godog's events to its JUnit; it writes nothing itself.
type junitFormatter struct{ j *JUnit }

func (f *junitFormatter) TestRunStarted() {}

func (f *junitFormatter) Feature(doc *messages.GherkinDocument, uri string, _ []byte) {
	if doc == nil || doc.Feature == nil {
		return
	}
	f.j.mu.Lock()
	defer f.j.mu.Unlock()
	f.j.features[uri] = doc.Feature.Name
}

func (f *junitFormatter) Pickle(p *messages.Pickle) {
	f.j.mu.Lock()
	defer f.j.mu.Unlock()
	f.j.caseLocked(p)
}

// caseLocked is the case of pickle p. Callers hold mu.
func (j *JUnit) caseLocked(p *messages.Pickle) *junitCase {
	c := j.cases[p.Id]
	if c == nil {
		c = &junitCase{id: p.Id, uri: p.Uri, name: p.Name}
		j.cases[p.Id] = c
	}
	return c
}

func (f *junitFormatter) step(p *messages.Pickle, do func(c *junitCase)) {
	f.j.mu.Lock()
	defer f.j.mu.Unlock()
	do(f.j.caseLocked(p))
}

func (f *junitFormatter) Defined(*messages.Pickle, *messages.PickleStep, *formatters.StepDefinition) {
}

func (f *junitFormatter) Passed(p *messages.Pickle, _ *messages.PickleStep, _ *formatters.StepDefinition) {
	f.step(p, func(c *junitCase) { c.passed = true })
}

func (f *junitFormatter) Failed(p *messages.Pickle, s *messages.PickleStep, _ *formatters.StepDefinition, err error) {
	f.step(p, func(c *junitCase) {
		if c.failure == nil { // the first failing step (a hook's failure comes after it)
			c.failure = &junit.Problem{Message: fmt.Sprintf("Step %s: %v", s.Text, err)}
		}
	})
}

func (f *junitFormatter) Skipped(*messages.Pickle, *messages.PickleStep, *formatters.StepDefinition) {
}

func (f *junitFormatter) problem(p *messages.Pickle, kind, msg string) {
	f.step(p, func(c *junitCase) {
		if len(c.errs) == 0 {
			c.errType = kind
		}
		c.errs = append(c.errs, msg)
	})
}

func (f *junitFormatter) Undefined(p *messages.Pickle, s *messages.PickleStep, _ *formatters.StepDefinition) {
	f.problem(p, "undefined", "Step "+s.Text)
}

// godogPending is the message godog's own junit and pretty formatters give
// a step whose definition returned godog.ErrPending; the report keeps it
// word for word so tools reading either report see the same text.
const godogPending = "TODO: write pending definition"

func (f *junitFormatter) Pending(p *messages.Pickle, s *messages.PickleStep, _ *formatters.StepDefinition) {
	f.problem(p, "pending", "Step "+s.Text+": "+godogPending)
}

func (f *junitFormatter) Ambiguous(p *messages.Pickle, s *messages.PickleStep, _ *formatters.StepDefinition, _ error) {
	f.problem(p, "ambiguous", "Step "+s.Text)
}

func (f *junitFormatter) Summary() {
	f.j.mu.Lock()
	defer f.j.mu.Unlock()
	f.j.at = time.Now()
}
