package brightpattern

import (
	"fmt"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/switchboard-sim/switchboard/fixtures"
)

// fixtureFile is fixtures/brightpattern.yaml.
type fixtureFile struct {
	SchemaVersion int            `yaml:"schemaVersion"`
	Apps          map[string]App `yaml:"apps"`
	Agents        []Person       `yaml:"agents"`
	Bot           Person         `yaml:"bot"`
	Flow          Flow           `yaml:"flow"`
}

// App is one appId's (scenario entry's) settings.
type App struct {
	ServiceName       string      `yaml:"serviceName" json:"service_name"`
	Hours             Hours       `yaml:"hours" json:"hours"`
	InactivityTimeout Duration    `yaml:"inactivityTimeout" json:"-"`
	AgentsAvailable   bool        `yaml:"agentsAvailable" json:"agents_available"`
	Bot               bool        `yaml:"bot" json:"bot"`
	EWT               int         `yaml:"ewt" json:"ewt"`
	EWTStep           Duration    `yaml:"ewtStep" json:"-"`
	QueueTimeout      Duration    `yaml:"queueTimeout" json:"-"`
	Parameters        []Parameter `yaml:"parameters" json:"parameters"`
	Widget            Widget      `yaml:"widget" json:"-"`
}

// Hours are an app's service hours, in UTC. No days means always open.
type Hours struct {
	Days  []string `yaml:"days" json:"days"`
	Open  string   `yaml:"open" json:"open,omitempty"`
	Close string   `yaml:"close" json:"close,omitempty"`
}

// Parameter is one expected chat parameter.
type Parameter struct {
	Name     string `yaml:"name" json:"name"`
	Type     string `yaml:"type" json:"type"`
	Required bool   `yaml:"required" json:"required"`
}

// Widget is the web widget's configuration (GET configuration).
type Widget struct {
	Title    string `yaml:"title" json:"title"`
	Color    string `yaml:"color" json:"color"`
	Greeting string `yaml:"greeting" json:"greeting"`
}

// Person is a fixture agent or bot.
type Person struct {
	FirstName   string `yaml:"first_name" json:"first_name"`
	LastName    string `yaml:"last_name" json:"last_name"`
	DisplayName string `yaml:"display_name" json:"display_name"`
}

// Duration is a Go duration string in the fixtures, such as 10m.
type Duration time.Duration

// D is the value as a time.Duration.
func (d Duration) D() time.Duration { return time.Duration(d) }

// UnmarshalYAML parses a Go duration string.
func (d *Duration) UnmarshalYAML(n *yaml.Node) error {
	v, err := time.ParseDuration(n.Value)
	if err != nil || v < 0 {
		return fmt.Errorf("line %d: %q is not a duration such as 10m or 30s", n.Line, n.Value)
	}
	*d = Duration(v)
	return nil
}

var fixtureCache fixtures.Cache[fixtureFile]

// loadFixtures decodes and checks the embedded fixture file once; it is immutable.
func loadFixtures() (*fixtureFile, error) { return fixtureCache.Get(apiName, (*fixtureFile).check) }

func (f *fixtureFile) check() error {
	if _, ok := f.Apps["default"]; !ok {
		return fmt.Errorf("fixtures brightpattern: apps.default is required")
	}
	if len(f.Agents) == 0 {
		return fmt.Errorf("fixtures brightpattern: at least one agent is required")
	}
	for id, a := range f.Apps {
		if _, _, err := a.Hours.window(); err != nil {
			return fmt.Errorf("fixtures brightpattern: apps.%s.hours: %w", id, err)
		}
		if a.InactivityTimeout <= 0 {
			return fmt.Errorf("fixtures brightpattern: apps.%s.inactivityTimeout must be positive", id)
		}
	}
	return f.Flow.check()
}

// app returns an appId's settings, or the default app's.
func (f *fixtureFile) app(appID string) App {
	if a, ok := f.Apps[appID]; ok {
		return a
	}
	return f.Apps["default"]
}

var weekdays = map[string]time.Weekday{
	"sun": time.Sunday, "mon": time.Monday, "tue": time.Tuesday, "wed": time.Wednesday,
	"thu": time.Thursday, "fri": time.Friday, "sat": time.Saturday,
}

// window parses open and close as minutes after midnight.
func (h Hours) window() (int, int, error) {
	if len(h.Days) == 0 {
		return 0, 0, nil
	}
	for _, d := range h.Days {
		if _, ok := weekdays[strings.ToLower(d)]; !ok {
			return 0, 0, fmt.Errorf("%q is not a day such as mon", d)
		}
	}
	open, err := time.Parse("15:04", h.Open)
	if err != nil {
		return 0, 0, fmt.Errorf("open %q is not HH:MM", h.Open)
	}
	cl, err := time.Parse("15:04", h.Close)
	if err != nil {
		return 0, 0, fmt.Errorf("close %q is not HH:MM", h.Close)
	}
	return open.Hour()*60 + open.Minute(), cl.Hour()*60 + cl.Minute(), nil
}

// Contains reports whether t (UTC) is inside the service hours.
func (h Hours) Contains(t time.Time) bool {
	if len(h.Days) == 0 {
		return true
	}
	open, cl, _ := h.window()
	t = t.UTC()
	day := false
	for _, d := range h.Days {
		if weekdays[strings.ToLower(d)] == t.Weekday() {
			day = true
		}
	}
	m := t.Hour()*60 + t.Minute()
	return day && m >= open && m < cl
}
