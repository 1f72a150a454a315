package brightpattern

import (
	"strconv"
	"sync"
	"time"

	"github.com/brianvoe/gofakeit/v7"

	"github.com/switchboard-sim/switchboard/simulator/clock"
	"github.com/switchboard-sim/switchboard/simulator/errs"
	"github.com/switchboard-sim/switchboard/simulator/tenant"
)

// maxEndedChats bounds how many finished chats a tenant remembers.
const maxEndedChats = 2000

// Switches are the control plane's overrides of the fixtures; nil follows them.
type Switches struct {
	ServiceOpen     *bool `json:"service_open"`
	AgentsAvailable *bool `json:"agents_available"`
	AutoAgent       bool  `json:"auto_agent"`
}

// State is one tenant's Bright Pattern world. Every method locks mu.
type State struct {
	mu    sync.Mutex
	clock *clock.Clock
	fake  *gofakeit.Faker
	fx    *fixtureFile

	chats    map[string]*Chat
	order    []string          // chat ids, oldest first
	byClient map[string]string // client key -> active chat id
	files    fileStore
	agentSeq int
	sw       Switches
	closed   bool

	sp         *scripting // nil without scenarios
	shutText   string     // set when a scenario closed the service
	shutByPlay bool       // a scenario closed the service: new chats are refused
}

func newState(t *tenant.Tenant, fx *fixtureFile) *State {
	return &State{
		clock: t.Clock(), fake: gofakeit.New(t.Seed(apiName)), fx: fx,
		chats: map[string]*Chat{}, byClient: map[string]string{},
		files: newFileStore(maxFiles), sw: Switches{AutoAgent: true},
	}
}

// Close stops the state's timers and releases every held poll (tenant reset).
func (s *State) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed = true
	for _, c := range s.chats {
		c.stopTimers(s.clock)
		if c.wake != nil {
			close(c.wake)
			c.wake = nil
		}
	}
}

func (s *State) now() time.Time { return s.clock.Now().Truncate(time.Millisecond) }

func ms(t time.Time) int64 { return t.UnixMilli() }

func itoa(n int) string { return strconv.Itoa(n) }

// chat finds a chat, ended or not. Callers hold mu.
func (s *State) chat(id string) (*Chat, error) {
	c, ok := s.chats[id]
	if !ok {
		return nil, errs.NotFoundf("chat %s not found", id)
	}
	return c, nil
}

// live finds a chat that has not ended. Callers hold mu.
func (s *State) live(id string) (*Chat, error) {
	c, err := s.chat(id)
	if err != nil {
		return nil, err
	}
	if c.ended {
		return nil, errs.NotFoundf("chat %s has ended", id)
	}
	return c, nil
}

// open reports whether an app's service is open now. Callers hold mu.
func (s *State) open(app App) bool {
	if s.sw.ServiceOpen != nil {
		return *s.sw.ServiceOpen
	}
	return app.Hours.Contains(s.clock.Now())
}

// agentsFree reports whether an agent can take a chat. Callers hold mu.
func (s *State) agentsFree(app App) bool {
	if !s.open(app) {
		return false
	}
	if s.sw.AgentsAvailable != nil {
		return *s.sw.AgentsAvailable
	}
	return app.AgentsAvailable
}

// Availability is Check Availability's answer for an app.
func (s *State) Availability(appID string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.open(s.fx.app(appID)) {
		return "available"
	}
	return "notAvailable"
}

// SetSwitches changes the control-plane overrides; nil fields of in leave
// a value alone unless reset is set.
func (s *State) SetSwitches(in SwitchInput) Switches {
	s.mu.Lock()
	if in.ServiceOpen.set {
		s.sw.ServiceOpen = in.ServiceOpen.v
		s.shutByPlay, s.shutText = false, ""
	}
	if in.AgentsAvailable.set {
		s.sw.AgentsAvailable = in.AgentsAvailable.v
	}
	if in.AutoAgent != nil {
		s.sw.AutoAgent = *in.AutoAgent
	}
	out := s.sw
	s.mu.Unlock()
	return out
}

// Switches returns the current overrides.
func (s *State) Switches() Switches {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sw
}

// forget drops the oldest ended chats beyond the bound. Callers hold mu.
func (s *State) forget() {
	ended := 0
	for _, id := range s.order {
		if s.chats[id].ended {
			ended++
		}
	}
	if ended <= maxEndedChats {
		return
	}
	keep := s.order[:0]
	for _, id := range s.order {
		if c := s.chats[id]; c.ended && ended > maxEndedChats && !c.polling {
			delete(s.chats, id)
			ended--
			continue
		}
		keep = append(keep, id)
	}
	s.order = keep
}
