package main

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/switchboard-sim/switchboard/features"
	"github.com/switchboard-sim/switchboard/simulator/server"
)

// testOptions are the `switchboard test` flags.
type testOptions struct {
	target, token, junit, cucumber, tags, scenarios string
	concurrency                                     int
	seed                                            int64
	noColor                                         bool
}

// testCmd runs Gherkin feature files (the built-in flows, or the paths
// given) against an in-process simulator or a running one (--target), with
// pretty output and optional JUnit XML and Cucumber JSON reports.
func testCmd(stdout, stderr io.Writer) *cobra.Command {
	var o testOptions
	cmd := &cobra.Command{
		Use:   "test [flags] [PATH[:LINE]...]",
		Short: "Run Gherkin feature files against an in-process or running simulator",
		Long: `Run Gherkin feature files (the built-in flows when no PATH is given; a folder means every
*.feature in it, FILE:LINE one scenario) against a simulator started in-process, or against a
running one with --target. Exit 0 when every scenario passes, 1 when any fails, 2 on bad usage.
The steps are listed in docs/steps.md.`,
		Example: `  switchboard test my.feature
  switchboard test features/ --junit junit.xml --tags "@crm && ~@wip"
  switchboard test --target http://127.0.0.1:8080 my.feature`,
		RunE: func(_ *cobra.Command, paths []string) error { return runFeatures(o, paths, stdout, stderr) },
	}
	fs := cmd.Flags()
	fs.StringVar(&o.target, "target", "", "base URL of a running simulator, e.g. http://127.0.0.1:8080 (default: start one in-process)")
	fs.StringVar(&o.token, "admin-token", "", "the simulator's admin token, sent on control-plane requests (in-process, the one it is started with)")
	fs.StringVar(&o.junit, "junit", "", "write a JUnit XML report to this file")
	fs.StringVar(&o.cucumber, "cucumber", "", "write a Cucumber JSON report to this file")
	intVar(fs, &o.concurrency, "concurrency", 4, 1, "scenarios run at once")
	fs.StringVar(&o.tags, "tags", "", `run only scenarios matching a tag expression, e.g. "@crm && ~@wip"`)
	fs.StringVar(&o.scenarios, "scenarios", "", "in-process only: also load your scenario folder")
	int64Var(fs, &o.seed, "seed", 0, "in-process only: fake-data seed")
	fs.BoolVar(&o.noColor, "no-color", false, "plain output without ANSI colours")
	return cmd
}

func runFeatures(o testOptions, paths []string, stdout, stderr io.Writer) error {
	for _, p := range paths {
		if _, err := os.Stat(strings.SplitN(p, ":", 2)[0]); err != nil {
			return usageError(err)
		}
	}
	url := strings.TrimRight(o.target, "/")
	if url != "" && (o.scenarios != "" || o.seed != 0) {
		return usageError(fmt.Errorf("--scenarios and --seed configure the in-process simulator; give them to the running one instead of --target"))
	}
	if url == "" {
		cfg := server.Config{Addr: "127.0.0.1:0", StrictResponses: true, Scenarios: o.scenarios, Seed: o.seed, AdminToken: o.token, Version: buildVersion().Version}
		features.TuneForTests(&cfg)
		srv, err := server.New(cfg)
		if err == nil {
			err = srv.Open()
		}
		if err != nil {
			return failure(err)
		}
		defer srv.Close()
		url = srv.URL()
	}
	client := &http.Client{Timeout: 60 * time.Second, Transport: adminToken{o.token, http.DefaultTransport}}
	if o.target != "" {
		if err := reachable(client, url); err != nil {
			return failure(err)
		}
	}
	// godog splits its format list on commas and colons, so its report
	// files go to a private folder first and are moved to the paths asked.
	tmp, err := os.MkdirTemp("", "switchboard-test-")
	if err != nil {
		return failure(err)
	}
	defer os.RemoveAll(tmp)
	format := "pretty"
	if o.junit != "" {
		format += ",junit:" + filepath.Join(tmp, "junit.xml")
	}
	if o.cucumber != "" {
		format += ",cucumber:" + filepath.Join(tmp, "cucumber.json")
	}
	suite := features.Suite(features.Target{URL: url, Client: client}, features.Options{
		Paths: paths, Format: format, Output: stdout, Concurrency: o.concurrency, Tags: o.tags, NoColors: o.noColor,
	})
	code := suite.Run()
	if code == 2 {
		return exitCode(2)
	}
	if o.junit != "" {
		if err := features.NormalizeJUnit(filepath.Join(tmp, "junit.xml"), o.junit); err != nil {
			return failure(err)
		}
	}
	if o.cucumber != "" {
		if err := copyFile(filepath.Join(tmp, "cucumber.json"), o.cucumber); err != nil {
			return failure(err)
		}
	}
	if code != 0 {
		return exitCode(1)
	}
	return nil
}

func copyFile(from, to string) error {
	b, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, b, 0o644)
}

// adminToken sends the admin token on control-plane requests.
type adminToken struct {
	token string
	next  http.RoundTripper
}

func (a adminToken) RoundTrip(r *http.Request) (*http.Response, error) {
	if a.token != "" && strings.HasPrefix(r.URL.Path, "/__admin") && r.Header.Get("X-Admin-Token") == "" {
		r = r.Clone(r.Context())
		r.Header.Set("X-Admin-Token", a.token)
	}
	return a.next.RoundTrip(r)
}

// reachable checks that a simulator answers at url.
func reachable(client *http.Client, url string) error {
	c := *client
	c.Timeout = 5 * time.Second
	res, err := c.Get(url + "/__admin/health")
	if err != nil {
		return fmt.Errorf("no simulator at %s: %w", url, err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("%s/__admin/health answered %d: is it a Switchboard simulator?", url, res.StatusCode)
	}
	return nil
}
