package faults

import (
	"fmt"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"time"
)

// Injector holds the rules. It is safe for concurrent use.
type Injector struct {
	mu    sync.Mutex
	rules []*Rule
	// held is len(rules), read without the lock: with no rule (nearly
	// always) a request need not build a Request nor take the lock.
	held atomic.Int32
	seq  int
	seed uint64
}

// New returns an injector whose rules without a seed derive one from seed.
func New(seed int64) *Injector { return &Injector{seed: uint64(seed)} }

// Add validates and installs a rule. now is the clock the TTL runs on.
func (in *Injector) Add(r Rule, now time.Time) (Rule, error) {
	if err := r.validate(); err != nil {
		return Rule{}, err
	}
	var ttl time.Duration
	if r.TTL != "" {
		d, err := time.ParseDuration(r.TTL)
		if err != nil || d <= 0 {
			return Rule{}, fmt.Errorf("ttl: want a positive duration such as 5m, got %q", r.TTL)
		}
		ttl = d
	}
	in.mu.Lock()
	defer in.mu.Unlock()
	in.seq++
	r.ID = fmt.Sprintf("fault-%d", in.seq)
	if r.Seed == 0 {
		r.Seed = in.seed ^ uint64(in.seq)*0x9E3779B97F4A7C15
	}
	r.rng = rand.New(rand.NewPCG(r.Seed, r.Seed^0xDA3E39CB94B95BDB))
	r.CreatedAt = now
	if ttl > 0 {
		r.ExpiresAt = now.Add(ttl)
	}
	r.Hits, r.Matched = 0, 0
	in.rules = append(in.rules, &r)
	in.held.Store(int32(len(in.rules)))
	return r.copy(), nil
}

// Idle reports whether no rule is installed, without taking the lock.
func (in *Injector) Idle() bool { return in.held.Load() == 0 }

// Decide returns the action the request suffers, if any: the first live
// rule that matches and whose draw falls under its probability. Every
// matching rule consumes one draw, so a run of requests fails the same way
// every time.
func (in *Injector) Decide(req Request) (Rule, bool) {
	in.mu.Lock()
	defer in.mu.Unlock()
	for _, r := range in.rules {
		if !r.live(req.Now) || !r.Match.matches(req) {
			continue
		}
		r.Matched++
		if r.rng.Float64() >= r.Probability {
			continue
		}
		r.Hits++
		out := r.copy()
		if r.Action.Type == Delay {
			out.Action.Ms = float64(r.delay()) / float64(time.Millisecond)
		}
		return out, true
	}
	return Rule{}, false
}

func (r *Rule) live(now time.Time) bool {
	if r.Times > 0 && r.Hits >= r.Times {
		return false
	}
	return r.ExpiresAt.IsZero() || now.Before(r.ExpiresAt)
}

func (r *Rule) copy() Rule {
	c := *r
	c.rng = nil
	return c
}

// List returns every rule with its counters.
func (in *Injector) List() []Rule {
	in.mu.Lock()
	defer in.mu.Unlock()
	out := make([]Rule, len(in.rules))
	for i, r := range in.rules {
		out[i] = r.copy()
	}
	return out
}

// Remove deletes one rule; it reports whether it existed.
func (in *Injector) Remove(id string) bool {
	in.mu.Lock()
	defer in.mu.Unlock()
	for i, r := range in.rules {
		if r.ID == id {
			in.rules = append(in.rules[:i], in.rules[i+1:]...)
			in.held.Store(int32(len(in.rules)))
			return true
		}
	}
	return false
}

// Clear deletes every rule.
func (in *Injector) Clear() {
	in.mu.Lock()
	defer in.mu.Unlock()
	in.rules = nil
	in.held.Store(0)
}
