package glob_test

import (
	"testing"

	"github.com/switchboard-sim/switchboard/simulator/glob"
)

func TestMatch(t *testing.T) {
	for _, c := range []struct {
		pattern, name string
		want          bool
	}{
		{"/llamadapro/api/v1/tasks", "/llamadapro/api/v1/tasks", true},
		{"/llamadapro/api/v1/tasks", "/llamadapro/api/v1/tasks/7", false}, // exact without metacharacters
		{"/llamadapro/api/v1/tasks*", "/llamadapro/api/v1/tasks", true},
		{"/llamadapro/api/v1/tasks*", "/llamadapro/api/v1/tasks/7/notes", true}, // a trailing * crosses '/'
		{"/llamadapro/api/v1/tasks*", "/llamadapro/api/v1/contacts", false},
		{"/llamadapro/api/v1/tasks/*", "/llamadapro/api/v1/tasks/7", true},
		{"/llamadapro/api/v1/tasks/*/notes", "/llamadapro/api/v1/tasks/7/notes", true},
		{"/llamadapro/api/v1/tasks/*/notes", "/llamadapro/api/v1/tasks/7/8/notes", false}, // an inner * stays in its segment
		{"/*/api/v1/tasks*", "/llamadapro/api/v1/tasks/7/notes", true},
		{"/*/api/v1/tasks*", "/llamadapro/x/api/v1/tasks", false},
		{"/ringotel/api?", "/ringotel/api2", true},
		{"/ringotel/api?", "/ringotel/api/", false},
		{"/aicc/[ab]", "/aicc/b", true},
		{"/aicc/[ab]", "/aicc/c", false},
		{`/literal\*`, "/literal*", true},
		{`/literal\*`, "/literal-and-more", false},
		{"/bad[", "/bad[", false}, // malformed: matches nothing
		{"*", "/anything/at/all", true},
		{"", "", true},
		{"", "/x", false},
	} {
		if got := glob.Match(c.pattern, c.name); got != c.want {
			t.Errorf("Match(%q, %q) = %v, want %v", c.pattern, c.name, got, c.want)
		}
	}
}

func TestValidate(t *testing.T) {
	if err := glob.Validate("/ok/*/x*"); err != nil {
		t.Errorf("valid pattern: %v", err)
	}
	if err := glob.Validate("/bad["); err == nil {
		t.Error("an unclosed [ is valid")
	}
}
