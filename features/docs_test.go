package features_test

import (
	"bytes"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/switchboard-sim/switchboard/features"
	"github.com/switchboard-sim/switchboard/simulator/vendors"
)

// TestEveryStepIsDocumented keeps docs/steps.md honest: every step
// definition has an example there, and every example there is a step.
func TestEveryStepIsDocumented(t *testing.T) {
	doc, err := os.ReadFile("../docs/steps.md")
	if err != nil {
		t.Fatal(err)
	}
	var examples []string
	for _, m := range regexp.MustCompile("`(?:Given|When|Then|And|But) ([^`]+)`").FindAllStringSubmatch(string(doc), -1) {
		examples = append(examples, m[1])
	}
	var out bytes.Buffer
	suite := features.Suite(features.Target{URL: "http://127.0.0.1:1"}, features.Options{Output: &out, NoColors: true, Vendors: vendors.All()})
	suite.Options.ShowStepDefinitions = true
	suite.Run()
	ansi := regexp.MustCompile(`\x1b\[[0-9;]*m`)
	var exprs []*regexp.Regexp
	for _, line := range strings.Split(ansi.ReplaceAllString(out.String(), ""), "\n") {
		expr, _, ok := strings.Cut(line, " # ")
		if !ok {
			continue
		}
		exprs = append(exprs, regexp.MustCompile(strings.TrimSpace(expr)))
	}
	if len(exprs) < 30 {
		t.Fatalf("found only %d step definitions:\n%s", len(exprs), out.String())
	}
	for _, re := range exprs {
		found := false
		for _, ex := range examples {
			found = found || re.MatchString(ex)
		}
		if !found {
			t.Errorf("step %s has no example in docs/steps.md", re)
		}
	}
	for _, ex := range examples {
		found := false
		for _, re := range exprs {
			found = found || re.MatchString(ex)
		}
		if !found {
			t.Errorf("docs/steps.md shows %q, which no step matches", ex)
		}
	}
}
