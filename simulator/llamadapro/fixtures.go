package llamadapro

import (
	"fmt"
	"sync"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/switchboard-sim/switchboard/fixtures"
)

// fixtureFile is fixtures/llamadapro.yaml.
type fixtureFile struct {
	SchemaVersion int          `yaml:"schemaVersion"`
	Tasks         taskFixtures `yaml:"tasks"`
}

type taskFixtures struct {
	Fixed     []fixedTask   `yaml:"fixed"`
	Generated taskGenerator `yaml:"generated"`
}

type fixedTask struct {
	ID             string  `yaml:"id"`
	Objective      string  `yaml:"objective"`
	ConversationID int64   `yaml:"conversationId"`
	CreatedBy      Party   `yaml:"createdBy"`
	AssignedTo     Party   `yaml:"assignedTo"`
	Status         string  `yaml:"status"`
	Created        Offset  `yaml:"created"`
	Due            *Offset `yaml:"due"`
}

type taskGenerator struct {
	Count               int      `yaml:"count"`
	FirstID             int      `yaml:"firstId"`
	Statuses            []string `yaml:"statuses"`
	ConversationIDs     []int64  `yaml:"conversationIds"`
	Assignees           []Party  `yaml:"assignees"`
	Creators            []Party  `yaml:"creators"`
	Objectives          []string `yaml:"objectives"`
	CancellationReasons []string `yaml:"cancellationReasons"`
}

var (
	fixtureOnce sync.Once
	fixtureData fixtureFile
	fixtureErr  error
)

// loadFixtures decodes the embedded fixture file once; it is immutable.
func loadFixtures() (*fixtureFile, error) {
	fixtureOnce.Do(func() { fixtureErr = fixtures.Load("llamadapro", &fixtureData) })
	return &fixtureData, fixtureErr
}

// Offset is a fixture time given relative to the tenant's clock, such as
// "-48h" or "30m". It is checked when the fixtures are decoded.
type Offset time.Duration

// D is the offset as a duration.
func (o Offset) D() time.Duration { return time.Duration(o) }

// UnmarshalYAML parses a Go duration string.
func (o *Offset) UnmarshalYAML(n *yaml.Node) error {
	d, err := time.ParseDuration(n.Value)
	if err != nil {
		return fmt.Errorf("line %d: %q is not a duration such as -48h or 30m", n.Line, n.Value)
	}
	*o = Offset(d)
	return nil
}
