package main

import (
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/switchboard-sim/switchboard/features"
	"github.com/switchboard-sim/switchboard/simulator/server"
)

// testCmd runs Gherkin feature files (the built-in flows, or the paths
// given) against an in-process simulator or a running one (--target), with
// pretty output, and optional JUnit XML and Cucumber JSON reports. It exits
// 0 when every scenario passes, 1 when any fails, 2 on bad usage.
func testCmd(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: switchboard test [--target URL] [--junit FILE] [--cucumber FILE] [PATH...]")
		fs.PrintDefaults()
	}
	target := fs.String("target", "", "base URL of a running simulator, e.g. http://127.0.0.1:8080 (default: start one in-process)")
	junit := fs.String("junit", "", "write a JUnit XML report to FILE")
	cucumber := fs.String("cucumber", "", "write a Cucumber JSON report to FILE")
	concurrency := fs.Int("concurrency", 4, "scenarios run at once")
	tags := fs.String("tags", "", `run only scenarios matching a tag expression, e.g. "@crm && ~@wip"`)
	scenarioDir := fs.String("scenarios", "", "in-process only: also load your scenario folder")
	seed := fs.Int64("seed", 0, "in-process only: fake-data seed")
	noColor := fs.Bool("no-color", false, "plain output without ANSI colours")
	paths, ok := parseInterleaved(fs, args)
	if !ok {
		return 2
	}
	for _, p := range paths {
		if _, err := os.Stat(strings.SplitN(p, ":", 2)[0]); err != nil {
			fmt.Fprintln(stderr, "switchboard test:", err)
			return 2
		}
	}
	if *concurrency < 1 {
		fmt.Fprintln(stderr, "switchboard test: --concurrency must be at least 1")
		return 2
	}
	url := strings.TrimRight(*target, "/")
	if url != "" && (*scenarioDir != "" || *seed != 0) {
		fmt.Fprintln(stderr, "switchboard test: --scenarios and --seed configure the in-process simulator; give them to the running one instead of --target")
		return 2
	}
	if url == "" {
		cfg := server.Config{Addr: "127.0.0.1:0", StrictResponses: true, Scenarios: *scenarioDir, Seed: *seed}
		features.TuneForTests(&cfg)
		srv, err := server.New(cfg)
		if err == nil {
			err = srv.Open()
		}
		if err != nil {
			fmt.Fprintln(stderr, "switchboard test:", err)
			return 1
		}
		defer srv.Close()
		url = srv.URL()
	} else if err := reachable(url); err != nil {
		fmt.Fprintln(stderr, "switchboard test:", err)
		return 1
	}
	// godog splits its format list on commas and colons, so its report
	// files go to a private folder first and are moved to the paths asked.
	tmp, err := os.MkdirTemp("", "switchboard-test-")
	if err != nil {
		fmt.Fprintln(stderr, "switchboard test:", err)
		return 1
	}
	defer os.RemoveAll(tmp)
	format := "pretty"
	if *junit != "" {
		format += ",junit:" + filepath.Join(tmp, "junit.xml")
	}
	if *cucumber != "" {
		format += ",cucumber:" + filepath.Join(tmp, "cucumber.json")
	}
	suite := features.Suite(features.Target{URL: url}, features.Options{
		Paths: paths, Format: format, Output: stdout, Concurrency: *concurrency, Tags: *tags, NoColors: *noColor,
	})
	code := suite.Run()
	if code == 2 {
		return 2
	}
	if *junit != "" {
		if err := features.NormalizeJUnit(filepath.Join(tmp, "junit.xml"), *junit); err != nil {
			fmt.Fprintln(stderr, "switchboard test:", err)
			return 1
		}
	}
	if *cucumber != "" {
		if err := copyFile(filepath.Join(tmp, "cucumber.json"), *cucumber); err != nil {
			fmt.Fprintln(stderr, "switchboard test:", err)
			return 1
		}
	}
	if code != 0 {
		return 1
	}
	return 0
}

func copyFile(from, to string) error {
	b, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, b, 0o644)
}

// parseInterleaved parses flags that may come before, between or after
// the paths.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, bool) {
	var paths []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, false
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return paths, true
		}
		paths = append(paths, rest[0])
		args = rest[1:]
	}
}

// reachable checks that a simulator answers at url.
func reachable(url string) error {
	c := &http.Client{Timeout: 5 * time.Second}
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
