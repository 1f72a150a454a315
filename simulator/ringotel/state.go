package ringotel

import (
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/brianvoe/gofakeit/v7"

	"github.com/switchboard-sim/switchboard/simulator/clock"
	"github.com/switchboard-sim/switchboard/simulator/tenant"
)

// State is one tenant's Ringotel world: orgs, sessions and messages. Every
// method locks mu; values returned are copies.
type State struct {
	mu      sync.Mutex
	clock   *clock.Clock
	fake    *gofakeit.Faker
	timeout time.Duration
	closed  bool

	orgs     map[string]*org
	sessions map[string]*session
	open     openSessions
	messages map[string]*Message
}

// org is an organization with its users and SMS numbers.
type org struct {
	id, name string
	users    []User
	byExt    map[string]User
	dids     map[string]string // digits-only key → DID as configured
	didList  []string
	sessions []string // creation order
}

// session is a Session plus its items and inactivity timer.
type session struct {
	Session
	items []string
	timer *clock.Timer
}

// newState builds a tenant's state from the fixtures.
func newState(t *tenant.Tenant, fx *fixtureFile, timeout time.Duration) *State {
	s := &State{
		clock: t.Clock(), fake: gofakeit.New(t.Seed(apiName)), timeout: timeout,
		orgs: map[string]*org{}, sessions: map[string]*session{}, open: openSessions{}, messages: map[string]*Message{},
	}
	now := s.now()
	for _, fo := range fx.Orgs {
		o := &org{id: fo.OrgID, name: fo.Name, users: fo.Users, byExt: map[string]User{}, dids: map[string]string{}, didList: fo.DIDs}
		for _, u := range fo.Users {
			o.byExt[u.Extension] = u
		}
		for _, d := range fo.DIDs {
			o.dids[digits(d)] = d
		}
		s.orgs[o.id] = o
		for _, fs := range fo.Sessions {
			user, kind, _ := o.userParty(fs.User)
			created := time.UnixMilli(idMillis(fs.SessionID)).UTC()
			s.addSession(o, fs.SessionID, user, kind, fs.External, created, now)
		}
		for _, fm := range fo.Messages {
			s.addFixtureMessage(o, fm, now)
		}
	}
	return s
}

func (s *State) addFixtureMessage(o *org, fm fixtureMessage, now time.Time) {
	m := &Message{
		MessageID: fm.MessageID, OrgID: o.id, SessionID: fm.SessionID, Type: fm.Type,
		From: fm.From, To: fm.To, Timestamp: fm.Timestamp, SyncedAt: now, Read: true, Delivered: true,
	}
	m.Direction = Inbound
	if _, _, ok := o.userParty(fm.From); ok {
		m.Direction = Outbound
	}
	if fm.File != nil {
		f := *fm.File
		m.File = &f
	}
	if fm.Content != "" {
		text := fm.Content
		m.Text = &text
	}
	s.messages[m.MessageID] = m
	if ss := s.sessions[fm.SessionID]; ss != nil {
		ss.items = append(ss.items, m.MessageID)
		ss.MessageCount++
	}
}

// Close stops the state's timers; it is called when the tenant is reset.
func (s *State) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed = true
	for _, ss := range s.sessions {
		s.clock.Stop(ss.timer)
		ss.timer = nil
	}
}

func (s *State) now() time.Time { return s.clock.Now().Truncate(time.Millisecond) }

// newID returns a fresh `<13-digit epoch ms>-<18 hex chars>` id from the
// tenant's clock and faker. Callers hold mu.
func (s *State) newID() string {
	for {
		id := fmt.Sprintf("%013d-%016x%02x", s.now().UnixMilli(), s.fake.Uint64(), s.fake.Uint8())
		if s.sessions[id] == nil && s.messages[id] == nil {
			return id
		}
	}
}

// userParty reports whether number is one of the org's users: an extension
// or an SMS number (DID), compared on its digits.
func (o *org) userParty(number string) (user, kind string, ok bool) {
	if u, found := o.byExt[strings.TrimSpace(number)]; found {
		return u.Extension, "extension", true
	}
	if d, found := o.dids[digits(number)]; found && digits(number) != "" {
		return d, "did", true
	}
	return "", "", false
}

// digits keeps only a number's digits, so "+1 555-0100" matches "15550100".
func digits(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func idMillis(id string) int64 {
	var ms int64
	_, _ = fmt.Sscanf(id[:13], "%d", &ms)
	return ms
}
