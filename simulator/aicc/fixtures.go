package aicc

import (
	"encoding/json"
	"fmt"
	"sync"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/switchboard-sim/switchboard/fixtures"
)

// fixtureFile is fixtures/aicc.yaml.
type fixtureFile struct {
	SchemaVersion int      `yaml:"schemaVersion"`
	RobotName     string   `yaml:"robotName"`
	AgentNames    []string `yaml:"agentNames"`
	OfflineTips   string   `yaml:"offlineTips"`
	// ConnectFlow runs when a customer CONNECTs through the up-link;
	// TransferFlow when the customer asks for an agent (TRANS2AGENT).
	ConnectFlow       string                `yaml:"connectFlow"`
	TransferFlow      string                `yaml:"transferFlow"`
	RobotSimQuestions string                `yaml:"robotSimQuestions"`
	Subscriptions     []Subscription        `yaml:"subscriptions"`
	Flows             map[string][]FlowStep `yaml:"flows"`
}

// FlowStep is one timed step of a conversation flow: at this offset from
// the conversation's start, push these messages as one batch.
type FlowStep struct {
	At       Duration      `json:"at" yaml:"at"`
	Messages []MessageSpec `json:"messages" yaml:"messages"`
}

// Duration is a Go duration written as a string ("2s", "1m30s") in YAML and JSON.
type Duration time.Duration

// UnmarshalYAML parses a duration string.
func (d *Duration) UnmarshalYAML(n *yaml.Node) error {
	v, err := time.ParseDuration(n.Value)
	if err != nil || v < 0 {
		return fmt.Errorf("line %d: %q is not a non-negative duration such as 2s or 1m", n.Line, n.Value)
	}
	*d = Duration(v)
	return nil
}

// UnmarshalJSON parses a duration string.
func (d *Duration) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("must be a duration string such as 2s")
	}
	v, err := time.ParseDuration(s)
	if err != nil || v < 0 {
		return fmt.Errorf("%q is not a non-negative duration such as 2s or 1m", s)
	}
	*d = Duration(v)
	return nil
}

// MarshalJSON writes the duration as a string.
func (d Duration) MarshalJSON() ([]byte, error) { return json.Marshal(time.Duration(d).String()) }

var (
	fixtureOnce sync.Once
	fixtureData fixtureFile
	fixtureErr  error
)

// loadFixtures decodes the embedded fixture file once and checks it.
func loadFixtures() (*fixtureFile, error) {
	fixtureOnce.Do(func() {
		fixtureErr = fixtures.Load(apiName, &fixtureData)
		if fixtureErr != nil {
			return
		}
		for i := range fixtureData.Subscriptions {
			if err := fixtureData.Subscriptions[i].normalize(); err != nil {
				fixtureErr = fmt.Errorf("fixtures aicc: subscription %d: %v", i, err)
				return
			}
		}
		for _, name := range []string{DefaultFlow, fixtureData.ConnectFlow, fixtureData.TransferFlow} {
			if _, ok := fixtureData.Flows[name]; !ok {
				fixtureErr = fmt.Errorf("fixtures aicc: flows has no %q flow", name)
				return
			}
		}
		if len(fixtureData.AgentNames) == 0 {
			fixtureErr = fmt.Errorf("fixtures aicc: agentNames is empty")
		}
	})
	return &fixtureData, fixtureErr
}

// DefaultFlow is the flow a conversation runs when none is named.
const DefaultFlow = "default"
