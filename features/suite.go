// Package features is Switchboard's Gherkin harness: a library of steps
// (docs/steps.md) that drive any simulated API over HTTP, move the virtual
// clock, wait for streamed events and webhook deliveries and read the
// journal, plus the feature files in flows/. `go test ./features/...` runs
// them against an in-process simulator; `switchboard test` runs them, or a
// user's own files, against an in-process or a running simulator.
package features

import (
	"context"
	"embed"
	"io"
	"net/http"
	"time"

	"github.com/cucumber/godog"

	"github.com/switchboard-sim/switchboard/simulator/vendor"
)

// Flows holds the built-in feature files, under flows/.
//
//go:embed flows/*.feature
var Flows embed.FS

// Target is the simulator the steps talk to.
type Target struct {
	// URL is its base URL, e.g. http://127.0.0.1:8080 (APIs under /<api>,
	// the control plane under /__admin).
	URL string
	// Client sends every request; nil means a client with a 60 s timeout.
	Client *http.Client
}

// Options configure a run.
type Options struct {
	// Paths are feature files or folders; empty runs the built-in flows.
	Paths []string
	// Format is godog's format list, e.g. "pretty,cucumber:out.json".
	Format string
	// JUnit, when set, collects the run's JUnit report (see NewJUnit).
	JUnit *JUnit
	// Output receives the formatters that have no file of their own.
	Output io.Writer
	// Concurrency is how many scenarios run at once (default 4).
	Concurrency int
	// Tags filters scenarios, e.g. "~@wip".
	Tags string
	// NoColors turns ANSI colours off.
	NoColors bool
	// Vendors are the simulated APIs, for their own steps, feature auth
	// and signature schemes (see Stepper, Authenticator, Verifiers).
	Vendors []vendor.Vendor
}

// Suite builds a godog suite that runs opts against target. Every scenario
// gets its own fresh credential, hence its own tenant and clock; scenarios
// run in parallel, in random order, and undefined or pending steps fail.
func Suite(target Target, opts Options) godog.TestSuite {
	if target.Client == nil {
		target.Client = &http.Client{Timeout: 60 * time.Second}
	}
	if opts.Concurrency < 1 {
		opts.Concurrency = 4
	}
	if opts.Format == "" {
		opts.Format = "pretty"
	}
	gopts := &godog.Options{
		Format:      opts.Format,
		Output:      opts.Output,
		Concurrency: opts.Concurrency,
		Strict:      true,
		Randomize:   -1,
		Tags:        opts.Tags,
		NoColors:    opts.NoColors,
		Paths:       opts.Paths,
	}
	if opts.JUnit != nil {
		gopts.Format += "," + opts.JUnit.name
	}
	if len(opts.Paths) == 0 {
		gopts.FS = Flows
		gopts.Paths = []string{"flows"}
	}
	p := newPlugins(opts.Vendors)
	return godog.TestSuite{
		Name:    "switchboard",
		Options: gopts,
		ScenarioInitializer: func(sc *godog.ScenarioContext) {
			w := newWorld(target, p)
			sc.Before(func(ctx context.Context, s *godog.Scenario) (context.Context, error) {
				return ctx, w.begin(s)
			})
			sc.After(func(ctx context.Context, _ *godog.Scenario, _ error) (context.Context, error) {
				w.end()
				return ctx, nil
			})
			w.register(sc)
			if opts.JUnit != nil {
				opts.JUnit.hooks(sc)
			}
		},
	}
}

// register binds every step of the library to w.
func (w *world) register(sc *godog.ScenarioContext) {
	w.httpSteps(sc)
	w.jsonSteps(sc)
	w.clockSteps(sc)
	w.eventSteps(sc)
	w.webhookSteps(sc)
	w.fileSteps(sc)
	w.concurrentSteps(sc)
	s := &Scenario{w}
	for _, v := range w.plugins.steppers {
		v.FeatureSteps(sc, s)
	}
}
