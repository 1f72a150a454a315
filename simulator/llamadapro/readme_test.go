package llamadapro

import (
	"os"
	"strings"
	"testing"
)

// TestReadmeListsMagicNumbers (issue 12, item 7): the README itself lists
// every call-ending magic number and every scenario number, with what it
// does, below its first screen.
func TestReadmeListsMagicNumbers(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	fx, err := loadFixtures()
	if err != nil {
		t.Fatal(err)
	}
	m := fx.Calls.Magic
	for number, outcome := range map[string]string{m.NoAnswer: "no-answer", m.Busy: "busy", m.Failed: "failed", m.HangUp: "hangs up"} {
		row := rowOf(readme, "`"+number+"`")
		if row == "" || !strings.Contains(row, outcome) {
			t.Errorf("README: no table row for %s saying %q (row %q)", number, outcome, row)
		}
	}
	for number, scenario := range ScenarioNumbers {
		if !strings.Contains(readme, "`"+number+"`\n`"+scenario+"`") && !strings.Contains(readme, "`"+number+"` `"+scenario+"`") {
			t.Errorf("README does not pair %s with the scenario %s", number, scenario)
		}
	}
	if first := strings.Index(readme, "`"+m.NoAnswer+"`"); first < strings.Index(readme, "go test -race ./...") {
		t.Errorf("the magic numbers must come below the README's first screen")
	}
}

// rowOf is the markdown table row that starts with cell.
func rowOf(doc, cell string) string {
	for _, line := range strings.Split(doc, "\n") {
		if strings.HasPrefix(line, "| "+cell+" |") {
			return line
		}
	}
	return ""
}
