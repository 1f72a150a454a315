package scenarios

import (
	"regexp"
	"time"
)

// SchemaVersion is the only scenario file version this build reads.
const SchemaVersion = 1

// Trigger names what starts a cue.
type Trigger string

// The triggers a cue can wait for.
const (
	// ChatRequested fires when a customer starts a chat or conversation.
	ChatRequested Trigger = "chatRequested"
	// CustomerMessage fires when the customer sends a message matching the cue's pattern.
	CustomerMessage Trigger = "customerMessage"
	// CallStarted fires when a call is created or placed.
	CallStarted Trigger = "callStarted"
	// MessageSent fires when the client sends an outbound message (WhatsApp, SMS).
	MessageSent Trigger = "messageSent"
	// Elapsed fires once, the cue's `after` duration after the scenario was activated.
	Elapsed Trigger = "elapsed"
)

// Scenario is one parsed, validated scenario file.
type Scenario struct {
	Name        string
	Description string
	API         string
	// File is where it was loaded from ("builtin/x.yaml" or a user path).
	File    string
	Builtin bool
	Cues    []Cue
	// nameLine is the line of `name:`, for duplicate-name errors.
	nameLine int
}

// Cue is one trigger and the actions it schedules.
type Cue struct {
	When    Trigger
	Pattern *regexp.Regexp // CustomerMessage only
	After   time.Duration  // Elapsed only
	Actions []ActionSpec
	Line    int
}

// ActionSpec is one action of a cue, before its parameters are rendered.
type ActionSpec struct {
	After  time.Duration
	Do     string
	With   map[string]any
	params any // With with every string parsed as a template, at load time
	Line   int
}

// fileShape is the YAML file as decoded after schema validation.
type fileShape struct {
	SchemaVersion int        `yaml:"schemaVersion"`
	Name          string     `yaml:"name"`
	Description   string     `yaml:"description"`
	API           string     `yaml:"api"`
	Timeline      []cueShape `yaml:"timeline"`
}

type cueShape struct {
	When    string        `yaml:"when"`
	Pattern string        `yaml:"pattern"`
	After   string        `yaml:"after"`
	Actions []actionShape `yaml:"actions"`
}

type actionShape struct {
	After string         `yaml:"after"`
	Do    string         `yaml:"do"`
	With  map[string]any `yaml:"with"`
}
