package brightpattern

import (
	"time"

	"github.com/switchboard-sim/switchboard/simulator/errs"
)

// LoggedEvent is one event of a chat as the control plane shows it.
type LoggedEvent struct {
	At        time.Time `json:"at"`
	From      string    `json:"from"` // client or server
	Delivered bool      `json:"delivered"`
	Event     Event     `json:"event"`
}

// ChatView is a chat as the control plane shows it.
type ChatView struct {
	ChatID    string        `json:"chat_id"`
	Tenant    string        `json:"tenant"`
	AppID     string        `json:"app_id"`
	Channel   string        `json:"channel"`
	State     string        `json:"state"`
	Active    bool          `json:"active"`
	Created   time.Time     `json:"created"`
	Party     *Party        `json:"party"`
	Parties   []Party       `json:"parties"`
	Polling   bool          `json:"polling"`
	Pending   int           `json:"pending"`
	Scheduled []Step        `json:"scheduled"`
	Events    []LoggedEvent `json:"events"`
}

// Chats lists every chat of the tenant, oldest first.
func (s *State) Chats(tenantID string) []ChatView {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]ChatView, 0, len(s.order))
	for _, id := range s.order {
		out = append(out, s.view(s.chats[id], tenantID))
	}
	return out
}

func (s *State) view(c *Chat, tenantID string) ChatView {
	v := ChatView{
		ChatID: c.ID, Tenant: tenantID, AppID: c.AppID, Channel: c.Channel, State: c.State, Active: !c.ended,
		Created: c.Created, Party: c.speaker(""), Parties: []Party{}, Polling: c.polling, Pending: len(c.queue),
		Scheduled: append([]Step{}, c.steps...), Events: make([]LoggedEvent, len(c.log)),
	}
	if v.Party != nil {
		p := *v.Party
		v.Party = &p
	}
	for _, r := range c.log {
		if r.ev.Name() == EvPartyJoined {
			v.Parties = append(v.Parties, c.parties[r.ev["party_id"].(string)])
		}
	}
	server, undelivered := 0, 0
	for _, r := range c.log {
		if !r.client {
			server++
		}
	}
	undelivered = server - len(c.queue)
	seen := 0
	for i, r := range c.log {
		from, delivered := "client", true
		if !r.client {
			from = "server"
			seen++
			delivered = seen <= undelivered
		}
		v.Events[i] = LoggedEvent{At: r.at, From: from, Delivered: delivered, Event: r.ev}
	}
	return v
}

// AgentAction is a control-plane command to the agent of one chat.
type AgentAction struct {
	Action   string `json:"action"`
	Text     string `json:"text"`
	Party    string `json:"party"`
	State    string `json:"state"`
	Name     string `json:"file_name"`
	FileType string `json:"file_type"`
	Form     string `json:"form_name"`
	Timeout  int    `json:"form_timeout"`
}

// Drive performs an agent action on a live chat now and returns the events
// it produced. The same actions as flow steps are accepted.
func (s *State) Drive(chatID string, in AgentAction) ([]Event, error) {
	st := Step{Do: in.Action, Party: in.Party, State: in.State, Text: in.Text, Name: in.Name, FileType: in.FileType, Form: in.Form, Timeout: in.Timeout}
	if st.Do == "file" {
		if st.Name == "" {
			st.Name = "document.pdf"
		}
		if st.FileType == "" {
			st.FileType = "attachment"
			if contentTypeOf(st.Name) == "image/png" {
				st.FileType = "image"
			}
		}
	}
	if st.Do == "form" && st.Timeout == 0 {
		st.Timeout = 120
	}
	if err := st.check(); err != nil {
		return nil, &errs.Error{Code: errs.Invalid, Message: err.Error(), Fields: []errs.Field{{Name: "action", In: "body", Reason: err.Error()}}}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c, err := s.live(chatID)
	if err != nil {
		return nil, err
	}
	if (st.Do == "say" || st.Do == "typing" || st.Do == "not_typing" || st.Do == "file") && c.speaker(st.Party) == nil {
		return nil, errs.New(errs.Conflict, "no agent has joined chat %s yet: join first", chatID)
	}
	if st.Do == "say" && st.Text == "" {
		return nil, errs.InvalidField("text", "say needs a text")
	}
	return s.exec(c, st), nil
}

// has reports whether the tenant has a chat with this id.
func (s *State) has(chatID string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.chats[chatID]
	return ok
}
