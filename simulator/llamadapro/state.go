package llamadapro

import (
	"sync"
	"time"

	"github.com/brianvoe/gofakeit/v7"

	"github.com/switchboard-sim/switchboard/simulator/clock"
	"github.com/switchboard-sim/switchboard/simulator/tenant"
)

// State is one tenant's LlamadaPro world. Every method locks mu; values
// returned are copies, never pointers into the state.
type State struct {
	mu       sync.Mutex
	tenantID string
	clock    *clock.Clock
	fake     *gofakeit.Faker
	fx       *fixtureFile
	script   scripting // reports scenario triggers

	tasks   map[string]*task // the fixtures' tasks by id; created ones are found by number (tasks_ids.go)
	tix     *taskIndex       // every task, by GetTasks' filters and order
	taskSeq int64            // creation order; also the pagination key
	due     dueSchedule      // when scheduled tasks go overdue (tasks_due.go)
	nextID  int
	// set once the fixtures are in: sequences above seedSeq are created
	// tasks, id number n at sequence n + createdBase
	seeded               bool
	seedSeq, createdBase int64

	contacts      map[int64]*Contact
	cix           *docIndex // contacts for GetContacts
	nextContactID int64
	nextAddressID int64
	eventSeq      int64

	defs         map[int64]*FieldDefinition
	options      map[int64]*ListOption
	dix, oix     *docIndex // definitions and options for their lists
	nextDefID    int64
	nextOptionID int64

	convs         map[int64]*Conversation
	nextConvID    int64
	nextSessionID int64
	nextBulkID    int64

	messages  map[string]*Message
	nextMsgID int64
	media     map[string]*Media // by fileId and by mediaId
	nextMedia int64

	calls      map[int64]*Call
	recordings map[int64]*Recording
	transcript map[int64]*Transcription // by call id
	nextCallID int64
	nextRecID  int64
	nextTrID   int64
	timers     []*clock.Timer
	closed     bool
}

// newState builds a tenant's state from the fixtures.
func newState(t *tenant.Tenant, fx *fixtureFile) *State {
	s := &State{
		tenantID: t.ID(),
		clock:    t.Clock(),
		fake:     gofakeit.New(t.Seed(apiName)),
		fx:       fx,
		tasks:    map[string]*task{}, tix: newTaskIndex(), due: newDueSchedule(),
		cix: newDocIndex(contactList), dix: newDocIndex(defList), oix: newDocIndex(optionList),
		contacts: map[int64]*Contact{}, defs: map[int64]*FieldDefinition{}, options: map[int64]*ListOption{},
		convs: map[int64]*Conversation{}, messages: map[string]*Message{}, media: map[string]*Media{},
		calls: map[int64]*Call{}, recordings: map[int64]*Recording{}, transcript: map[int64]*Transcription{},
		nextConvID: 2000, nextCallID: 7000, nextRecID: 8000, nextTrID: 9000, nextDefID: 100, nextOptionID: 100,
	}
	s.seedTasks(fx.Tasks)
	s.seedCustomFields(fx.CustomFields)
	s.seedContacts(fx.Contacts)
	s.seedConversations(fx.Conversations)
	s.seedFiles(fx.Files)
	return s
}

func (s *State) now() time.Time { return s.clock.Now().Truncate(time.Millisecond) }

// after arms a timer whose callback runs under mu unless the state is closed.
// Callers hold mu.
func (s *State) after(d time.Duration, fn func()) {
	t := s.clock.After(d, func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		if !s.closed {
			fn()
		}
	})
	if len(s.timers) >= 256 { // forget timers that have fired
		now := s.clock.Now()
		live := s.timers[:0]
		for _, x := range s.timers {
			if x.At().After(now) {
				live = append(live, x)
			}
		}
		s.timers = live
	}
	s.timers = append(s.timers, t)
}

// Close stops the state's timers (called when the tenant is reset).
func (s *State) Close() {
	s.mu.Lock()
	s.closed = true
	timers := append(s.timers, s.due.timer)
	s.timers = nil
	s.due.timer = nil
	s.mu.Unlock()
	for _, t := range timers {
		s.clock.Stop(t)
	}
}
