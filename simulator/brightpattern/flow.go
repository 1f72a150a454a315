package brightpattern

import (
	"fmt"
	"strings"
)

// Step is one timed action of the simulated agent. Flows are data so that
// scenario files can drive the agent with the same steps.
type Step struct {
	// After is the pause since the previous step, on the tenant's clock.
	After Duration `yaml:"after" json:"after,omitempty"`
	// Do is the action: status, join, leave, say, typing, not_typing, file, form, transfer or end.
	Do string `yaml:"do" json:"do"`
	// State is the chat state of a status step.
	State string `yaml:"state,omitempty" json:"state,omitempty"`
	// Party is who acts: agent (default) or bot.
	Party string `yaml:"party,omitempty" json:"party,omitempty"`
	// Text is a say step's message; placeholders are expanded.
	Text string `yaml:"text,omitempty" json:"text,omitempty"`
	// Name and FileType describe a file step's file.
	Name     string `yaml:"name,omitempty" json:"name,omitempty"`
	FileType string `yaml:"fileType,omitempty" json:"file_type,omitempty"`
	// Form and Timeout describe a form step.
	Form    string `yaml:"form,omitempty" json:"form,omitempty"`
	Timeout int    `yaml:"timeout,omitempty" json:"timeout,omitempty"`
}

// Trigger runs Steps instead of the normal reply when a customer message
// contains Match (case-insensitive).
type Trigger struct {
	Match string `yaml:"match"`
	Steps []Step `yaml:"steps"`
}

// CallTiming is the agent's WebRTC behaviour.
type CallTiming struct {
	AnswerAfter Duration `yaml:"answerAfter"`
	Duration    Duration `yaml:"duration"`
}

// Flow is what the simulated agent does and when.
type Flow struct {
	Start        []Step     `yaml:"start"`
	Reply        []Step     `yaml:"reply"`
	On           []Trigger  `yaml:"on"`
	FormData     []Step     `yaml:"formData"`
	FileReceived []Step     `yaml:"fileReceived"`
	Call         CallTiming `yaml:"call"`
}

var actions = map[string]bool{
	"status": true, "join": true, "leave": true, "say": true, "typing": true, "not_typing": true,
	"file": true, "form": true, "transfer": true, "end": true,
}

var chatStates = map[string]bool{"queued": true, "connecting": true, "connected": true, "failed": true, "completed": true}

// checkSteps reports the first malformed step of a list.
func checkSteps(where string, steps []Step) error {
	for i, s := range steps {
		if err := s.check(); err != nil {
			return fmt.Errorf("flow.%s[%d]: %w", where, i, err)
		}
	}
	return nil
}

func (s Step) check() error {
	switch {
	case !actions[s.Do]:
		return fmt.Errorf("unknown action %q", s.Do)
	case s.Do == "status" && !chatStates[s.State]:
		return fmt.Errorf("status needs a state such as connecting, got %q", s.State)
	case s.Party != "" && s.Party != "agent" && s.Party != "bot":
		return fmt.Errorf("party must be agent or bot, got %q", s.Party)
	case s.Do == "file" && s.FileType != "image" && s.FileType != "attachment":
		return fmt.Errorf("fileType must be image or attachment, got %q", s.FileType)
	}
	return nil
}

func (f Flow) check() error {
	lists := map[string][]Step{"start": f.Start, "reply": f.Reply, "formData": f.FormData, "fileReceived": f.FileReceived}
	for name, l := range lists {
		if err := checkSteps(name, l); err != nil {
			return err
		}
	}
	for i, t := range f.On {
		if t.Match == "" {
			return fmt.Errorf("flow.on[%d]: match is required", i)
		}
		if err := checkSteps(fmt.Sprintf("on[%d].steps", i), t.Steps); err != nil {
			return err
		}
	}
	return nil
}

// stepsFor picks the steps that answer a customer message.
func (f Flow) stepsFor(msg string) []Step {
	low := strings.ToLower(msg)
	for _, t := range f.On {
		if strings.Contains(low, strings.ToLower(t.Match)) {
			return t.Steps
		}
	}
	return f.Reply
}
