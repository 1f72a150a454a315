package features

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cucumber/godog"
)

const junitFeature = `Feature: Report
  Scenario: passes
    Given it passes

  Scenario: fails then skips
    Given it passes
    When it fails
    Then it passes

  Scenario: has an undefined step
    Given nobody wrote this step

  Scenario Outline: twice
    Given it <does>

    Examples:
      | does   |
      | passes |
      | passes |
`

func TestJUnitReportComesFromGodogsEvents(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "report.feature"), []byte(junitFeature), 0o644); err != nil {
		t.Fatal(err)
	}
	j := NewJUnit()
	suite := godog.TestSuite{
		Name: "junit",
		ScenarioInitializer: func(sc *godog.ScenarioContext) {
			sc.Step(`^it passes$`, func() error { return nil })
			sc.Step(`^it fails$`, func() error { return errors.New("boom") })
			j.hooks(sc)
		},
		Options: &godog.Options{Format: j.name, Paths: []string{dir}, Concurrency: 3, Output: &strings.Builder{}, NoColors: true},
	}
	if code := suite.Run(); code != 1 {
		t.Fatalf("suite exit %d, want 1 (one scenario fails)", code)
	}
	r := j.Report()
	if len(r.Suites) != 1 || r.Suites[0].Name != "Report" || r.Suites[0].Package != "features.Report" {
		t.Fatalf("suites %+v, want one named Report", r.Suites)
	}
	got := map[string]string{}
	for _, c := range r.Suites[0].Cases {
		if c.Classname != "Report" {
			t.Errorf("%s has classname %q", c.Name, c.Classname)
		}
		switch {
		case c.Failure != nil:
			got[c.Name] = "failure: " + c.Failure.Message
		case c.Error != nil:
			got[c.Name] = c.Error.Type + ": " + c.Error.Message
		case c.Skipped != nil:
			got[c.Name] = "skipped"
		default:
			got[c.Name] = "passed"
		}
	}
	want := map[string]string{
		"passes":                "passed",
		"fails then skips":      "failure: Step it fails: boom", // the skipped step after it is no error
		"has an undefined step": "undefined: Step nobody wrote this step",
		"twice #1":              "passed",
		"twice #2":              "passed",
	}
	for name, w := range want {
		if got[name] != w {
			t.Errorf("%q: %q, want %q", name, got[name], w)
		}
	}
	if len(got) != len(want) {
		t.Errorf("cases %v, want %d", got, len(want))
	}
	out := filepath.Join(dir, "junit.xml")
	if err := j.WriteFile(out); err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(out)
	if !strings.Contains(string(raw), `tests="5" failures="1" errors="1"`) {
		t.Errorf("written report lacks the counts:\n%s", raw)
	}
}
