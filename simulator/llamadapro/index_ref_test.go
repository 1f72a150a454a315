package llamadapro

import (
	"encoding/json"
	"math/rand"
	"testing"

	"github.com/switchboard-sim/switchboard/simulator/tenant"
)

// newTestState is a fixture-seeded state for one tenant, without HTTP.
func newTestState(tb testing.TB, credential string) *State {
	tb.Helper()
	fx, err := loadFixtures()
	if err != nil {
		tb.Fatal(err)
	}
	reg := tenant.NewRegistry(tenant.Options{Seed: 1})
	tb.Cleanup(reg.Close)
	s := newState(reg.Ensure(credential), fx)
	tb.Cleanup(s.Close)
	return s
}

// pick is a random element of xs.
func pick[T any](rng *rand.Rand, xs ...T) T { return xs[rng.Intn(len(xs))] }

// mustJSON renders v for comparing a result with its reference.
func mustJSON(tb testing.TB, v any) string {
	tb.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

// countTasks is how many tasks s finds by id.
func countTasks(s *State) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	s.eachTask(func(*task) { n++ })
	return n
}
