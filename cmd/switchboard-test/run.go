package main

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/switchboard-sim/switchboard/features"
	"github.com/switchboard-sim/switchboard/simulator/cli"
	"github.com/switchboard-sim/switchboard/simulator/server"
	"github.com/switchboard-sim/switchboard/simulator/vendors"
)

// runFeatures runs Gherkin feature files (the built-in flows, or the paths
// given) against an in-process simulator or a running one (--target), with
// pretty output and optional JUnit XML and Cucumber JSON reports.
func runFeatures(o cli.TestOptions, paths []string, stdout, stderr io.Writer) error {
	for _, p := range paths {
		if _, err := os.Stat(strings.SplitN(p, ":", 2)[0]); err != nil {
			return cli.UsageError(err)
		}
	}
	list := vendors.All()
	url := strings.TrimRight(o.Target, "/")
	if url != "" && (o.Scenarios != "" || o.Seed != 0) {
		return cli.UsageError(fmt.Errorf("--scenarios and --seed configure the in-process simulator; give them to the running one instead of --target"))
	}
	if url == "" {
		cfg := server.Config{Addr: "127.0.0.1:0", StrictResponses: true, Scenarios: o.Scenarios, Seed: o.Seed, AdminToken: o.AdminToken, Version: cli.BuildVersion().Version, Vendors: list}
		features.TuneForTests(&cfg)
		srv, err := server.New(cfg)
		if err == nil {
			err = srv.Open()
		}
		if err != nil {
			return cli.Failure(err)
		}
		defer srv.Close()
		url = srv.URL()
	}
	client := &http.Client{Timeout: 60 * time.Second, Transport: adminToken{o.AdminToken, http.DefaultTransport}}
	if o.Target != "" {
		if err := reachable(client, url); err != nil {
			return cli.Failure(err)
		}
	}
	// godog splits its format list on commas and colons, so the cucumber
	// report goes to a private folder first and is moved to the path asked.
	tmp, err := os.MkdirTemp("", "switchboard-test-")
	if err != nil {
		return cli.Failure(err)
	}
	defer os.RemoveAll(tmp)
	format := "pretty"
	var report *features.JUnit
	if o.JUnit != "" {
		report = features.NewJUnit()
	}
	if o.Cucumber != "" {
		format += ",cucumber:" + filepath.Join(tmp, "cucumber.json")
	}
	suite := features.Suite(features.Target{URL: url, Client: client}, features.Options{
		Paths: paths, Format: format, JUnit: report, Output: stdout, Concurrency: o.Concurrency, Tags: o.Tags, NoColors: o.NoColor, Vendors: list,
	})
	code := suite.Run()
	if code == 2 {
		return cli.ExitCode(2)
	}
	if report != nil {
		if err := report.WriteFile(o.JUnit); err != nil {
			return cli.Failure(err)
		}
	}
	if o.Cucumber != "" {
		if err := copyFile(filepath.Join(tmp, "cucumber.json"), o.Cucumber); err != nil {
			return cli.Failure(err)
		}
	}
	if code != 0 {
		return cli.ExitCode(1)
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
