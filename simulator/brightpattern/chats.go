package brightpattern

import (
	"github.com/switchboard-sim/switchboard/scenarios"
	"github.com/switchboard-sim/switchboard/simulator/errs"
)

// ChatRequest is Request Chat's (and Request SMS Chat's) body.
type ChatRequest struct {
	PhoneNumber string         `json:"phone_number"`
	From        string         `json:"from"`
	Parameters  map[string]any `json:"parameters"`
}

// ChatInfo is Request Chat's answer.
type ChatInfo struct {
	ChatID      string `json:"chat_id"`
	State       string `json:"state"`
	EWT         int    `json:"ewt"`
	IsNewChat   bool   `json:"is_new_chat"`
	PhoneNumber string `json:"phone_number"`
}

// ActiveChat is Get Active Chat's answer.
type ActiveChat struct {
	ChatID string `json:"chat_id"`
	State  string `json:"state"`
}

// wireState maps a chat's state to the set Request Chat and Get Active Chat use.
func wireState(s string) string {
	if s == "connected" {
		return "connected"
	}
	return "queued"
}

// RequestChat opens a chat for a client, or returns its active one. A new
// chat is reported to the scenario runtime (chatRequested), which starts
// the scenario its parameters name.
func (s *State) RequestChat(appID, clientKey, channel string, in ChatRequest) (ChatInfo, error) {
	app := s.fx.app(appID)
	if err := checkParameters(app.Parameters, in.Parameters); err != nil {
		return ChatInfo{}, err
	}
	pick, err := s.sp.choose(in.Parameters)
	if err != nil {
		return ChatInfo{}, err
	}
	info, c, err := s.openChat(app, appID, clientKey, channel, in, pick)
	if c != nil {
		s.sp.emit([]trigger{{start: pick.perChat, ev: chatEvent(c, scenarios.ChatRequested, "")}})
	}
	return info, err
}

// openChat does RequestChat's state change; it returns the chat only when
// it is new.
func (s *State) openChat(app App, appID, clientKey, channel string, in ChatRequest, pick choice) (ChatInfo, *Chat, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return ChatInfo{}, nil, errs.New(errs.Unavailable, "the tenant was reset")
	}
	if id, ok := s.byClient[clientKey]; ok {
		c := s.chats[id]
		return ChatInfo{ChatID: c.ID, State: wireState(c.State), EWT: c.ewt, PhoneNumber: c.Phone}, nil, nil
	}
	if s.shutByPlay {
		return ChatInfo{}, nil, errs.New(errs.Unavailable, "the chat service is closed: %s", s.shutText)
	}
	now := s.now()
	c := newChat(s.fake.UUID(), appID, clientKey, channel, now)
	c.Params, c.Phone, c.ewt, c.queuedAt = in.Parameters, in.PhoneNumber, app.EWT, now
	s.chats[c.ID] = c
	s.order = append(s.order, c.ID)
	s.byClient[clientKey] = c.ID
	c.add(Event{"event": "chat_session_info", "service_name": app.ServiceName}, now, false)
	c.add(statusEvent("queued", c.ewt), now, false)
	s.armInactivity(c)
	c.scripted = pick.drives
	if !c.scripted {
		s.startAgent(c)
	}
	return ChatInfo{ChatID: c.ID, State: "queued", EWT: c.ewt, IsNewChat: true, PhoneNumber: c.Phone}, c, nil
}

// Active returns a client's active chat.
func (s *State) Active(clientKey string) (ActiveChat, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	id, ok := s.byClient[clientKey]
	if !ok {
		return ActiveChat{}, errs.NotFoundf("no active chat")
	}
	c := s.chats[id]
	return ActiveChat{ChatID: c.ID, State: wireState(c.State)}, nil
}

// History is every event of a chat but signaling, by timestamp.
func (s *State) History(chatID string) ([]Event, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, err := s.chat(chatID)
	if err != nil {
		return nil, err
	}
	return c.history(), nil
}

// finish ends a chat in a final state after its last events. Callers hold mu.
func (s *State) finish(c *Chat, state string, last ...Event) {
	now := s.now()
	for _, ev := range last {
		c.add(ev, now, false)
	}
	c.State, c.ended = state, true
	c.stopTimers(s.clock)
	if s.byClient[c.ClientKey] == c.ID {
		delete(s.byClient, c.ClientKey)
	}
	s.forget()
}

// endChat is a normal end by either side: completed, then chat_session_ended.
// Callers hold mu.
func (s *State) endChat(c *Chat) {
	var last []Event
	now := ms(s.now())
	for _, p := range []*Party{c.bot, c.agent} {
		if p != nil {
			last = append(last, leftEvent(p.ID, now))
		}
	}
	c.bot, c.agent = nil, nil
	last = append(last, statusEvent("completed", 0), Event{"event": EvEnded})
	s.finish(c, "completed", last...)
}

// NewClientKey makes the identity of a new web client.
func (s *State) NewClientKey() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.fake.UUID()
}
