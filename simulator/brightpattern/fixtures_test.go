package brightpattern

import (
	"strings"
	"testing"
	"time"

	"github.com/switchboard-sim/switchboard/fixtures"
)

func TestFixtureChecks(t *testing.T) {
	t.Parallel()
	fx, err := loadFixtures()
	if err != nil {
		t.Fatalf("shipped fixtures: %v", err)
	}
	if fx.app("unknown").ServiceName == "" || fx.app("NoAgents").AgentsAvailable {
		t.Fatal("apps do not resolve")
	}
	base := "schemaVersion: 1\napps:\n  default: {hours: {days: []}, inactivityTimeout: 10m}\nagents: [{first_name: A}]\n"
	cases := []struct{ name, yaml, want string }{
		{"no default app", "schemaVersion: 1\napps: {}\nagents: [{first_name: A}]\n", "apps.default"},
		{"no agents", "schemaVersion: 1\napps:\n  default: {inactivityTimeout: 1m}\n", "agent"},
		{"bad day", "schemaVersion: 1\napps:\n  default: {hours: {days: [funday]}, inactivityTimeout: 1m}\nagents: [{first_name: A}]\n", "funday"},
		{"bad action", base + "flow: {start: [{after: 1s, do: dance}]}\n", "dance"},
		{"bad state", base + "flow: {reply: [{do: status, state: happy}]}\n", "happy"},
		{"bad file type", base + "flow: {reply: [{do: file, fileType: video}]}\n", "video"},
		{"empty match", base + "flow: {on: [{match: '', steps: []}]}\n", "match"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var f fixtureFile
			err := fixtures.Decode("test", []byte(tc.yaml), &f)
			if err == nil {
				err = f.check()
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want one naming %q", err, tc.want)
			}
		})
	}
}

func TestHours(t *testing.T) {
	t.Parallel()
	h := Hours{Days: []string{"mon", "fri"}, Open: "08:00", Close: "20:00"}
	cases := []struct {
		at   time.Time
		want bool
	}{
		{time.Date(2025, 3, 3, 8, 0, 0, 0, time.UTC), true},
		{time.Date(2025, 3, 3, 7, 59, 0, 0, time.UTC), false},
		{time.Date(2025, 3, 3, 20, 0, 0, 0, time.UTC), false},
		{time.Date(2025, 3, 4, 12, 0, 0, 0, time.UTC), false},
		{time.Date(2025, 3, 7, 19, 59, 0, 0, time.UTC), true},
	}
	for _, tc := range cases {
		if got := h.Contains(tc.at); got != tc.want {
			t.Errorf("%v: %v, want %v", tc.at, got, tc.want)
		}
	}
	if !(Hours{}).Contains(time.Date(2025, 3, 8, 3, 0, 0, 0, time.UTC)) {
		t.Error("no days means always open")
	}
}
