// Package faults injects failures into vendor API responses so an
// integration can be tested against a vendor misbehaving: latency, error
// statuses in the vendor's own shape, connection resets, empty replies,
// malformed chunked bodies and slow drips. Rules are drawn from their own
// seeded generator, so the same requests fail the same way on every run.
package faults

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/switchboard-sim/switchboard/simulator/glob"
)

// Action kinds.
const (
	Delay     = "delay"
	Status    = "status"
	Reset     = "reset"
	Empty     = "empty"
	Malformed = "malformed-chunked"
	Drip      = "drip"
)

// Match selects requests; empty fields match everything. Path is a glob
// (package glob: path.Match syntax, plus a trailing * matching any suffix),
// the same glob as the journal's path filter.
type Match struct {
	API       string `json:"api,omitempty"`
	Operation string `json:"operation,omitempty"`
	Method    string `json:"method,omitempty"`
	Path      string `json:"path,omitempty"`
	Tenant    string `json:"tenant,omitempty"`
}

// Action is what a matching request suffers.
type Action struct {
	Type string `json:"type"`
	// Delay: a fixed delay (ms), a uniform one (minMs..maxMs) or a lognormal
	// one (medianMs, sigma). Delays are wall-clock latency.
	Distribution string  `json:"distribution,omitempty"`
	Ms           float64 `json:"ms,omitempty"`
	MinMs        float64 `json:"minMs,omitempty"`
	MaxMs        float64 `json:"maxMs,omitempty"`
	MedianMs     float64 `json:"medianMs,omitempty"`
	Sigma        float64 `json:"sigma,omitempty"`
	// Status: 429, 500 or 503 in the vendor's own error shape.
	Status     int    `json:"status,omitempty"`
	RetryAfter int    `json:"retryAfter,omitempty"` // seconds, for 429 and 503
	Message    string `json:"message,omitempty"`
	// Drip: the response body in chunks of ChunkBytes every IntervalMs.
	ChunkBytes int     `json:"chunkBytes,omitempty"`
	IntervalMs float64 `json:"intervalMs,omitempty"`
}

// Rule is one fault rule as created through the control plane.
type Rule struct {
	ID          string    `json:"id"`
	Match       Match     `json:"match"`
	Action      Action    `json:"action"`
	Probability float64   `json:"probability"`
	Seed        uint64    `json:"seed"`
	Times       int       `json:"times,omitempty"` // 0: no limit
	TTL         string    `json:"ttl,omitempty"`   // on the virtual clock, e.g. "5m"
	CreatedAt   time.Time `json:"createdAt"`
	ExpiresAt   time.Time `json:"expiresAt,omitzero"`
	Hits        int       `json:"hits"`
	Matched     int       `json:"matched"`

	rng *rand.Rand
}

// Request is what a rule is matched against.
type Request struct {
	API, Operation, Method, Path, Tenant string
	Now                                  time.Time // the tenant's clock
}

func (m Match) matches(r Request) bool {
	switch {
	case m.API != "" && m.API != r.API,
		m.Operation != "" && !strings.EqualFold(m.Operation, r.Operation),
		m.Method != "" && !strings.EqualFold(m.Method, r.Method),
		m.Tenant != "" && m.Tenant != r.Tenant:
		return false
	}
	return m.Path == "" || glob.Match(m.Path, r.Path)
}

// validate checks a new rule and fills its defaults.
func (r *Rule) validate() error {
	switch r.Action.Type {
	case Delay:
		switch r.Action.Distribution {
		case "", "fixed":
			r.Action.Distribution = "fixed"
			if r.Action.Ms <= 0 {
				return fmt.Errorf("action.ms: a fixed delay needs ms > 0")
			}
		case "uniform":
			if r.Action.MinMs < 0 || r.Action.MaxMs <= r.Action.MinMs {
				return fmt.Errorf("action.maxMs: a uniform delay needs 0 <= minMs < maxMs")
			}
		case "lognormal":
			if r.Action.MedianMs <= 0 || r.Action.Sigma <= 0 {
				return fmt.Errorf("action.medianMs: a lognormal delay needs medianMs > 0 and sigma > 0")
			}
		default:
			return fmt.Errorf("action.distribution: want fixed, uniform or lognormal, got %q", r.Action.Distribution)
		}
	case Status:
		switch r.Action.Status {
		case 429, 500, 503:
		default:
			return fmt.Errorf("action.status: want 429, 500 or 503, got %d", r.Action.Status)
		}
	case Drip:
		if r.Action.ChunkBytes <= 0 {
			r.Action.ChunkBytes = 16
		}
		if r.Action.IntervalMs <= 0 {
			r.Action.IntervalMs = 100
		}
	case Reset, Empty, Malformed:
	default:
		return fmt.Errorf("action.type: want one of delay, status, reset, empty, malformed-chunked, drip; got %q", r.Action.Type)
	}
	if r.Probability == 0 {
		r.Probability = 1
	}
	if r.Probability < 0 || r.Probability > 1 {
		return fmt.Errorf("probability: want a number in (0, 1], got %v", r.Probability)
	}
	if r.Times < 0 {
		return fmt.Errorf("times: want 0 (no limit) or more, got %d", r.Times)
	}
	if r.Match.Path != "" {
		if err := glob.Validate(r.Match.Path); err != nil {
			return fmt.Errorf("match.path: %v", err)
		}
	}
	return nil
}

// delay draws this request's delay from the rule's generator.
func (r *Rule) delay() time.Duration {
	a := r.Action
	ms := a.Ms
	switch a.Distribution {
	case "uniform":
		ms = a.MinMs + r.rng.Float64()*(a.MaxMs-a.MinMs)
	case "lognormal":
		ms = a.MedianMs * math.Exp(a.Sigma*r.rng.NormFloat64())
	}
	return time.Duration(ms * float64(time.Millisecond))
}
