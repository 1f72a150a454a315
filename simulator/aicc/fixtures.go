package aicc

import (
	"encoding/json"
	"fmt"
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

var fixtureCache fixtures.Cache[fixtureFile]

// loadFixtures decodes the embedded fixture file once and checks it.
func loadFixtures() (*fixtureFile, error) {
	return fixtureCache.Get(apiName, func(f *fixtureFile) error {
		for i := range f.Subscriptions {
			if err := f.Subscriptions[i].normalize(); err != nil {
				return fmt.Errorf("fixtures aicc: subscription %d: %v", i, err)
			}
		}
		for _, name := range []string{DefaultFlow, f.ConnectFlow, f.TransferFlow} {
			if _, ok := f.Flows[name]; !ok {
				return fmt.Errorf("fixtures aicc: flows has no %q flow", name)
			}
		}
		if len(f.AgentNames) == 0 {
			return fmt.Errorf("fixtures aicc: agentNames is empty")
		}
		return nil
	})
}

// DefaultFlow is the flow a conversation runs when none is named.
const DefaultFlow = "default"
