package llamadapro

import (
	"fmt"
	"strings"

	"github.com/switchboard-sim/switchboard/simulator/errs"
)

// AgentCallV2 is the first StartAgentCall form (tag v2/calls).
type AgentCallV2 struct {
	ToPhoneNumber   string   `json:"toPhoneNumber"`
	FromPhoneNumber *string  `json:"fromPhoneNumber"`
	Objectives      []string `json:"objectives"`
	UserID          *float64 `json:"userId"`
	Personality     *struct {
		Name string `json:"name"`
	} `json:"personality"`
	Localization *string  `json:"localization"`
	Constraints  []string `json:"constraints"`
	ContactInfo  *struct {
		FirstName string `json:"firstName"`
		LastName  string `json:"lastName"`
		Company   string `json:"company"`
	} `json:"contactInfo"`
	TaskSteps             []string       `json:"taskSteps"`
	MaxDurationSeconds    *float64       `json:"maxDurationSeconds"`
	SilenceTimeoutSeconds *float64       `json:"silenceTimeoutSeconds"`
	CustomData            map[string]any `json:"customData"`
	Provider              *string        `json:"provider"`
}

// AgentCallV1 is the second StartAgentCall form (a configured voice agent).
type AgentCallV1 struct {
	VoiceAgentID     float64        `json:"voiceAgentId"`
	To               string         `json:"to"`
	ContextVariables map[string]any `json:"contextVariables"`
	CustomData       map[string]any `json:"customData"`
}

// BridgeCall is StartBridgeCall's body.
type BridgeCall struct {
	From           *string        `json:"from"`
	To             string         `json:"to"`
	ProviderData   map[string]any `json:"providerData"`
	CallCustomData map[string]any `json:"callCustomData"`
}

const e164Reason = "must be a phone number in E.164 format, e.g. +14155552671"

// StartAgentCallV2 validates and dials the first form.
func (s *State) StartAgentCallV2(in AgentCallV2, base string) (Call, error) {
	var bad errs.Collector
	if !isE164(in.ToPhoneNumber) {
		bad.Add("toPhoneNumber", e164Reason)
	}
	if in.FromPhoneNumber != nil && !isE164(*in.FromPhoneNumber) {
		bad.Add("fromPhoneNumber", e164Reason)
	}
	if len(in.Objectives) == 0 {
		bad.Add("objectives", "needs at least one objective")
	}
	for i, o := range in.Objectives {
		if strings.TrimSpace(o) == "" {
			bad.Add(fmt.Sprintf("objectives[%d]", i), "must not be blank")
		}
	}
	if in.MaxDurationSeconds != nil && *in.MaxDurationSeconds < 1 {
		bad.Add("maxDurationSeconds", "must be at least 1")
	}
	if in.SilenceTimeoutSeconds != nil && *in.SilenceTimeoutSeconds <= 0 {
		bad.Add("silenceTimeoutSeconds", "must be greater than 0")
	}
	if err := bad.Err(); err != nil {
		return Call{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	maxDur := s.fx.Calls.DefaultMaxDuration
	if in.MaxDurationSeconds != nil {
		maxDur = int(*in.MaxDurationSeconds)
	}
	sc := callScript{agent: "Ana", objectives: in.Objectives, localization: "US"}
	if in.Personality != nil && in.Personality.Name != "" {
		sc.agent = in.Personality.Name
	}
	if in.Localization != nil {
		sc.localization = *in.Localization
	}
	if ci := in.ContactInfo; ci != nil {
		sc.contact = strings.TrimSpace(ci.FirstName + " " + ci.LastName)
		sc.company = ci.Company
	}
	from := s.fx.Calls.DefaultFrom
	if in.FromPhoneNumber != nil {
		from = *in.FromPhoneNumber
	}
	meta := map[string]any{"objectives": in.Objectives, "localization": sc.localization, "maxDurationSeconds": maxDur}
	c := s.dial(from, in.ToPhoneNumber, "vapi", maxDur, sc, meta, orEmpty(in.CustomData), in.UserID, base)
	return *c, nil
}

// StartAgentCallV1 validates and dials the voice-agent form.
func (s *State) StartAgentCallV1(in AgentCallV1, base string) (Call, error) {
	var bad errs.Collector
	var agent *voiceAgent
	for i := range s.fx.VoiceAgents {
		if float64(s.fx.VoiceAgents[i].ID) == in.VoiceAgentID {
			agent = &s.fx.VoiceAgents[i]
		}
	}
	if agent == nil {
		bad.Add("voiceAgentId", fmt.Sprintf("voice agent %v does not exist", in.VoiceAgentID))
	}
	if !isE164(in.To) {
		bad.Add("to", e164Reason)
	}
	if err := bad.Err(); err != nil {
		return Call{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	name := strings.TrimSpace(fmt.Sprint(orBlank(in.ContextVariables["customerFirstName"])) + " " + fmt.Sprint(orBlank(in.ContextVariables["customerLastName"])))
	sc := callScript{agent: agent.Name, contact: name, objectives: agent.Objectives, localization: agent.Localization}
	meta := map[string]any{"voiceAgentId": agent.ID, "contextVariables": in.ContextVariables}
	c := s.dial(s.fx.Calls.DefaultFrom, in.To, "vapi", s.fx.Calls.DefaultMaxDuration, sc, meta, orEmpty(in.CustomData), nil, base)
	return *c, nil
}

// StartBridgeCall validates and dials a bridge call (a user connected to the destination).
func (s *State) StartBridgeCall(in BridgeCall, base string) (Call, error) {
	var bad errs.Collector
	if !isE164(in.To) {
		bad.Add("to", e164Reason)
	}
	if in.From != nil && !isE164(*in.From) {
		bad.Add("from", e164Reason)
	}
	if err := bad.Err(); err != nil {
		return Call{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	from := s.fx.Calls.DefaultFrom
	if in.From != nil {
		from = *in.From
	}
	sc := callScript{agent: "Agent", objectives: []string{"Talk with the customer"}, localization: "US"}
	meta := map[string]any{"bridge": true, "providerData": orEmpty(in.ProviderData)}
	c := s.dial(from, in.To, "twilio", s.fx.Calls.DefaultMaxDuration, sc, meta, orEmpty(in.CallCustomData), nil, base)
	return *c, nil
}

func orEmpty(m map[string]any) map[string]any {
	if m == nil {
		return map[string]any{}
	}
	return m
}

func orBlank(v any) any {
	if v == nil {
		return ""
	}
	return v
}
