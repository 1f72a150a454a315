package ringotel

import (
	"fmt"
	"math/rand"
	"sort"
	"testing"
	"time"

	"github.com/switchboard-sim/switchboard/simulator/tenant"
)

// refOpenSession is the lookup the straightforward way: every session of
// the org in creation order, the first open one that matches.
func refOpenSession(s *State, o *org, user, external string) *session {
	for _, id := range o.sessions {
		ss := s.sessions[id]
		if ss.Status == SessionOpen && ss.User == user && digits(ss.External) == digits(external) {
			return ss
		}
	}
	return nil
}

// TestOpenSessionMatchesBruteForce opens, closes and expires random
// sessions and compares every lookup with a scan of all sessions.
func TestOpenSessionMatchesBruteForce(t *testing.T) {
	t.Parallel()
	fx, err := loadFixtures()
	if err != nil {
		t.Fatal(err)
	}
	reg := tenant.NewRegistry(tenant.Options{Seed: 1})
	t.Cleanup(reg.Close)
	tn := reg.Ensure("ringotel-ref")
	s := newState(tn, fx, time.Hour)
	t.Cleanup(s.Close)
	rng := rand.New(rand.NewSource(5))
	var orgs []*org
	for _, o := range s.orgs {
		orgs = append(orgs, o)
	}
	sort.Slice(orgs, func(i, j int) bool { return orgs[i].id < orgs[j].id })
	users := []string{"100", "101", "102"}
	externals := []string{"+1 555 0100", "15550100", "+1-555-0101", "15550102"}
	for i := 0; i < 3000; i++ {
		o := orgs[rng.Intn(len(orgs))]
		user, ext := users[rng.Intn(len(users))], externals[rng.Intn(len(externals))]
		s.mu.Lock()
		got, want := s.openSession(o, user, ext), refOpenSession(s, o, user, ext)
		if got != want {
			s.mu.Unlock()
			t.Fatalf("step %d: openSession(%s, %s, %s) = %v, want %v", i, o.id, user, ext, got, want)
		}
		switch r := rng.Intn(10); {
		case r < 4: // sometimes a second open session for the same pair, as fixtures may hold
			s.addSession(o, fmt.Sprintf("1700000000000-%018d", i), user, "extension", ext, s.now(), s.now())
		case r < 6 && len(o.sessions) > 0:
			ss := s.sessions[o.sessions[rng.Intn(len(o.sessions))]]
			if ss.Status == SessionOpen {
				s.closeLocked(ss, s.now(), ReasonControlPlane)
			}
		}
		s.mu.Unlock()
		if rng.Intn(50) == 0 {
			tn.Clock().Advance(time.Duration(rng.Intn(90)) * time.Minute) // inactivity closes some
		}
	}
}

// BenchmarkOpenSession is the session lookup of every filed message, with
// n sessions in the org (all closed but the one looked up).
func BenchmarkOpenSession(b *testing.B) {
	fx, err := loadFixtures()
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range []int{100, 10_000, 100_000} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			reg := tenant.NewRegistry(tenant.Options{Seed: 1})
			defer reg.Close()
			s := newState(reg.Ensure(b.Name()), fx, time.Hour)
			defer s.Close()
			var o *org
			for _, x := range s.orgs {
				if o == nil || x.id < o.id {
					o = x
				}
			}
			s.mu.Lock()
			for i := 0; i < n; i++ {
				ss := s.addSession(o, fmt.Sprintf("1700000000000-%018d", i), "100", "extension", fmt.Sprint(15550000+i), s.now(), s.now())
				if i != n/2 {
					s.closeLocked(ss, s.now(), ReasonInactivity)
				}
			}
			s.mu.Unlock()
			ext := fmt.Sprint(15550000 + n/2)
			for b.Loop() {
				s.mu.Lock()
				if s.openSession(o, "100", ext) == nil {
					b.Fatal("not found")
				}
				s.mu.Unlock()
			}
		})
	}
}
