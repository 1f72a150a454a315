package aicc

import (
	"fmt"
	"strings"
	"time"

	"github.com/switchboard-sim/switchboard/simulator/clock"
	"github.com/switchboard-sim/switchboard/simulator/errs"
)

// Conversation statuses.
const (
	StatusRobot   = "robot"
	StatusQueuing = "queuing"
	StatusAgent   = "agent"
	StatusClosed  = "closed"
)

// Conversation is one customer's session on a channel, seen from AICC.
type Conversation struct {
	ID          string            `json:"id"`
	Channel     string            `json:"channel"`
	ChannelID   string            `json:"channelId"`
	UserID      string            `json:"userId"`
	Status      string            `json:"status"`
	AsyncSwitch bool              `json:"asyncSwitch"`
	Flow        string            `json:"flow"`
	Scenario    string            `json:"scenario"`
	RobotName   string            `json:"robotName"`
	AgentName   string            `json:"agentName"`
	StartedAt   time.Time         `json:"startedAt"`
	ClosedAt    *time.Time        `json:"closedAt"`
	Downlink    []DownLinkMsg     `json:"downlink"`
	Uplink      []CustomerMessage `json:"uplink"`
	Unread      []string          `json:"unread"`

	msgSeq int
	timers []*clock.Timer
}

// CustomerMessage is a message the customer sent through the up-link.
type CustomerMessage struct {
	ID          string `json:"id"`
	ControlType string `json:"controlType"`
	MediaType   string `json:"mediaType"`
	Content     string `json:"content"`
	Timestamp   int64  `json:"timestamp"`
}

// StartRequest starts a conversation from the control plane.
type StartRequest struct {
	ChannelID   string     `json:"channelId"`
	UserID      string     `json:"userId"`
	Channel     string     `json:"channel"`
	Flow        string     `json:"flow"`
	Steps       []FlowStep `json:"steps"`
	AsyncSwitch bool       `json:"asyncSwitch"`
	// Scenario names a scenario to drive this conversation instead of a flow.
	Scenario string `json:"scenario"`
}

func (c *Conversation) copy() Conversation {
	out := *c
	out.Downlink = append([]DownLinkMsg{}, c.Downlink...)
	out.Uplink = append([]CustomerMessage{}, c.Uplink...)
	out.Unread = append([]string{}, c.Unread...)
	out.timers = nil
	return out
}

func activeKey(channelID, userID string) string { return channelID + "/" + userID }

// StartConversation opens a conversation and schedules its flow: a named
// flow, inline steps, or "none" for one driven only by hand. A scenario
// named in the request, or else (when no flow or steps are given) the
// tenant's active AICC scenario, drives it instead of any flow.
func (s *State) StartConversation(in StartRequest) (Conversation, error) {
	conv, err := s.startConversation(in)
	if err != nil {
		return Conversation{}, err
	}
	if rt := s.api.runtime(); in.Scenario != "" && rt != nil {
		if _, err := rt.Start(s.tenant, in.Scenario, conv.ID); err != nil {
			return Conversation{}, err
		}
	}
	s.emit(requested(&conv))
	return conv, nil
}

func (s *State) startConversation(in StartRequest) (Conversation, error) {
	tenantScenario := s.api.tenantScenario(s.tenant)
	var c errs.Collector
	if !channelIDRe.MatchString(in.ChannelID) {
		c.Add("channelId", "must be 1 to 64 characters of A-Z, a-z, 0-9, _ and -")
	}
	if in.UserID == "" || len(in.UserID) > 64 {
		c.Add("userId", "must be 1 to 64 characters")
	}
	steps := in.Steps
	switch {
	case in.Scenario != "" && (len(steps) > 0 || in.Flow != ""):
		c.Add("scenario", "give a scenario, a flow or steps, not two of them")
	case in.Scenario != "":
		s.api.checkScenario(&c, in.Scenario)
		in.Flow = "none"
	case len(steps) == 0 && in.Flow == "" && tenantScenario != "":
		in.Flow, in.Scenario = "none", tenantScenario
	case len(steps) > 0 && in.Flow != "":
		c.Add("flow", "give a flow name or steps, not both")
	case len(steps) > 0:
		in.Flow = "custom"
	case in.Flow == "none":
	default:
		if in.Flow == "" {
			in.Flow = DefaultFlow
		}
		f, ok := s.api.fixtures.Flows[in.Flow]
		if !ok {
			c.Add("flow", fmt.Sprintf("no flow %q; see GET /__admin/aicc/flows", in.Flow))
		}
		steps = f
	}
	for i, st := range steps {
		for j, m := range st.Messages {
			checkSpec(&c, fmt.Sprintf("steps[%d].messages[%d]", i, j), m)
		}
	}
	if err := c.Err(); err != nil {
		return Conversation{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if id, ok := s.active[activeKey(in.ChannelID, in.UserID)]; ok {
		return Conversation{}, errs.New(errs.Conflict, "user %q already has open conversation %s on channel %s", in.UserID, id, in.ChannelID)
	}
	conv := s.openLocked(in)
	s.scheduleLocked(conv, steps, conv.StartedAt)
	return conv.copy(), nil
}

func (s *State) openLocked(in StartRequest) *Conversation {
	now := s.now()
	s.convSeq++
	if in.Channel == "" {
		in.Channel = "WEB"
	}
	agents := s.api.fixtures.AgentNames
	conv := &Conversation{
		ID:      fmt.Sprintf("%d%04d", ms(now), s.convSeq%10000),
		Channel: strings.ToUpper(in.Channel), ChannelID: in.ChannelID, UserID: in.UserID,
		Status: StatusRobot, AsyncSwitch: in.AsyncSwitch, Flow: in.Flow, Scenario: in.Scenario,
		RobotName: s.api.fixtures.RobotName, AgentName: agents[s.fake.IntN(len(agents))],
		StartedAt: now, Unread: []string{},
	}
	s.convs[conv.ID] = conv
	s.convIDs = append(s.convIDs, conv.ID)
	s.active[activeKey(conv.ChannelID, conv.UserID)] = conv.ID
	s.evictConversationsLocked()
	return conv
}

// evictConversationsLocked drops the oldest closed conversations over the bound.
func (s *State) evictConversationsLocked() {
	for i := 0; len(s.convs) > maxConversations && i < len(s.convIDs); {
		id := s.convIDs[i]
		if c := s.convs[id]; c != nil && c.Status != StatusClosed {
			i++
			continue
		}
		delete(s.convs, id)
		s.convIDs = append(s.convIDs[:i], s.convIDs[i+1:]...)
	}
}

// closeLocked ends a conversation and cancels the rest of its flow.
func (s *State) closeLocked(c *Conversation, at time.Time) {
	if c.Status == StatusClosed {
		return
	}
	c.Status = StatusClosed
	c.ClosedAt = &at
	for _, t := range c.timers {
		s.clock.Stop(t)
	}
	c.timers = nil
	delete(s.active, activeKey(c.ChannelID, c.UserID))
}

// Conversation returns one conversation.
func (s *State) Conversation(id string) (Conversation, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.convs[id]
	if !ok {
		return Conversation{}, notFound("conversation", id)
	}
	return c.copy(), nil
}

// Conversations lists conversations in creation order, without their messages.
func (s *State) Conversations() []Conversation {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Conversation, 0, len(s.convIDs))
	for _, id := range s.convIDs {
		c := s.convs[id].copy()
		c.Downlink, c.Uplink = []DownLinkMsg{}, []CustomerMessage{}
		out = append(out, c)
	}
	return out
}
