package maiagent

import (
	"sync"
	"time"

	"github.com/brianvoe/gofakeit/v7"

	"github.com/switchboard-sim/switchboard/simulator/clock"
	"github.com/switchboard-sim/switchboard/simulator/tenant"
)

// maxDeliveries bounds the webhook delivery history kept per tenant.
const maxDeliveries = 200

// State is one tenant's MaiAgent world. Every method locks mu; values
// returned are copies, never pointers into the state.
type State struct {
	mu       sync.Mutex
	tenantID string
	clock    *clock.Clock
	fake     *gofakeit.Faker
	seed     int64 // the global seed: fallback answers depend on it and the question only
	fx       *fixtureFile

	contacts      map[string]*Contact
	conversations map[string]*Conversation
	convIndex     *seqIndex[*Conversation] // by inbox
	convSeq       int64
	messages      []*Message // creation order
	messageByID   map[string]*Message
	msgIndex      *seqIndex[*Message] // visible messages, by conversation
	msgSeq        int64
	records       map[string][]*Record // per chatbot, creation order
	uploads       map[string]*upload   // presigned keys
	attachments   map[string]*Attachment

	awaiting map[string]*await // per conversation: the message being handled, waiting for a scripted answer
	deferred map[string][]Turn // per conversation: messages whose reply a scenario gives later, oldest first
	pacing   map[string]Pacing // per conversation, "" for the tenant

	webhookURL string
	deliveries []Delivery
	closed     bool
}

// newState builds a tenant's state from the fixtures.
func newState(t *tenant.Tenant, fx *fixtureFile, seed int64) *State {
	s := &State{
		tenantID:      t.ID(),
		clock:         t.Clock(),
		fake:          gofakeit.New(t.Seed(apiName)),
		seed:          seed,
		fx:            fx,
		contacts:      map[string]*Contact{},
		conversations: map[string]*Conversation{}, convIndex: newSeqIndex[*Conversation](), msgIndex: newSeqIndex[*Message](),
		messageByID: map[string]*Message{},
		records:     map[string][]*Record{},
		uploads:     map[string]*upload{},
		attachments: map[string]*Attachment{},
		awaiting:    map[string]*await{},
		deferred:    map[string][]Turn{},
		pacing:      map[string]Pacing{},
	}
	created := s.now().Add(-30 * 24 * time.Hour)
	for _, c := range fx.Contacts {
		s.contacts[c.ID] = &Contact{ID: c.ID, Name: c.Name, Avatar: c.Avatar, CreatedAt: created}
	}
	return s
}

// Close marks the state as discarded (tenant reset): queued webhook replies
// for it are dropped.
func (s *State) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed = true
}

func (s *State) now() time.Time { return s.clock.Now().UTC().Truncate(time.Millisecond) }

// chatbot finds a fixture chatbot.
func (s *State) chatbot(id string) (*chatbotFx, bool) {
	for i := range s.fx.Chatbots {
		if s.fx.Chatbots[i].ID == id {
			return &s.fx.Chatbots[i], true
		}
	}
	return nil, false
}

// webChat finds a fixture web chat and its chatbot.
func (s *State) webChat(id string) (*chatbotFx, *webChatFx, bool) {
	for i := range s.fx.Chatbots {
		b := &s.fx.Chatbots[i]
		for j := range b.WebChats {
			if b.WebChats[j].ID == id {
				return b, &b.WebChats[j], true
			}
		}
	}
	return nil, nil, false
}
