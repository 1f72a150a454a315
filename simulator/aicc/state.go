package aicc

import (
	"context"
	"sort"
	"sync"
	"time"

	"github.com/brianvoe/gofakeit/v7"

	"github.com/switchboard-sim/switchboard/simulator/clock"
	"github.com/switchboard-sim/switchboard/simulator/tenant"
)

// Bounds that keep one tenant's memory finite.
const (
	maxAttempts      = 5000  // delivery journal entries kept
	maxDeadLetters   = 1000  // dead letters kept
	maxPending       = 20000 // pushes queued or in flight
	maxConversations = 5000  // conversations kept (closed ones go first)
	maxHistory       = 500   // messages kept per conversation and direction
	maxReceived      = 1000  // pushes a built-in receiver keeps
)

// State is one tenant's AICC world: subscriptions, conversations, delivery
// queues and journal, built-in receivers. Every method locks mu; values
// returned are copies.
type State struct {
	api    *API
	tenant *tenant.Tenant
	clock  *clock.Clock
	ctx    context.Context
	cancel context.CancelFunc

	mu     sync.Mutex
	closed bool
	fake   *gofakeit.Faker

	subs   map[string]*Subscription
	subSeq int

	convs   map[string]*Conversation
	convIDs []string          // creation order
	active  map[string]string // channelId/userId -> open conversation id
	convSeq int

	resources map[string]Resource
	resSeq    int

	queues     map[string]*queue
	pending    int
	pushSeq    int
	attemptSeq int
	attempts   []Attempt
	dead       []DeadLetter

	receivers map[string]*Receiver
}

func newState(a *API, t *tenant.Tenant) *State {
	ctx, cancel := context.WithCancel(a.ctx)
	s := &State{
		api: a, tenant: t, clock: t.Clock(), ctx: ctx, cancel: cancel,
		fake:      gofakeit.New(t.Seed(apiName)),
		subs:      map[string]*Subscription{},
		convs:     map[string]*Conversation{},
		active:    map[string]string{},
		resources: map[string]Resource{},
		queues:    map[string]*queue{},
		receivers: map[string]*Receiver{},
	}
	now := s.clock.Now()
	for _, f := range a.fixtures.Subscriptions {
		sub := f
		sub.CreatedAt = now
		s.subSeq++
		if sub.ID == "" {
			sub.ID = seqID("sub", s.subSeq)
		}
		s.subs[sub.ID] = &sub
	}
	return s
}

// Close stops the tenant's deliveries: in-flight attempts are cancelled and
// their results dropped (the tenant's timers are cancelled by its reset).
func (s *State) Close() {
	s.mu.Lock()
	s.closed = true
	s.mu.Unlock()
	s.cancel()
}

func (s *State) now() time.Time { return s.clock.Now() }

func ms(t time.Time) int64 { return t.UnixMilli() }

// Subscribe adds a subscription after checking every field.
func (s *State) Subscribe(in Subscription) (Subscription, error) {
	if err := in.normalize(); err != nil {
		return Subscription{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.subSeq++
	in.ID = seqID("sub", s.subSeq)
	in.CreatedAt = s.now()
	s.subs[in.ID] = &in
	return in.Public(), nil
}

// Unsubscribe removes a subscription and drops its queued pushes.
func (s *State) Unsubscribe(id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.subs[id]; !ok {
		return notFound("subscription", id)
	}
	delete(s.subs, id)
	for k, q := range s.queues {
		if q.subID == id {
			s.pending -= len(q.items)
			if q.timer != nil {
				s.clock.Stop(q.timer)
			}
			delete(s.queues, k)
		}
	}
	return nil
}

// Subscriptions lists the subscriptions, secrets masked, in id order.
func (s *State) Subscriptions() []Subscription {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Subscription, 0, len(s.subs))
	for _, sub := range s.subs {
		out = append(out, sub.Public())
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// subsFor lists the subscriptions of a channel, in id order (locked).
func (s *State) subsFor(channelID string) []*Subscription {
	var out []*Subscription
	for _, sub := range s.sortedSubsLocked() {
		if sub.ChannelID == channelID {
			out = append(out, sub)
		}
	}
	return out
}

func (s *State) sortedSubsLocked() []*Subscription {
	out := make([]*Subscription, 0, len(s.subs))
	for _, sub := range s.subs {
		out = append(out, sub)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Busy is true while pushes are queued or being sent: the tenant must not
// be evicted under them (tenant.Busier).
func (s *State) Busy() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.pending > 0
}
