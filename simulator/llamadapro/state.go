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

	tasks   map[string]*Task
	taskSeq int64 // creation order; also the pagination key
	nextID  int
}

// newState builds a tenant's state from the fixtures.
func newState(t *tenant.Tenant, fx *fixtureFile) *State {
	s := &State{
		tenantID: t.ID(),
		clock:    t.Clock(),
		fake:     gofakeit.New(t.Seed(apiName)),
		tasks:    map[string]*Task{},
	}
	s.seedTasks(fx.Tasks)
	return s
}

func (s *State) now() time.Time { return s.clock.Now().Truncate(time.Millisecond) }
