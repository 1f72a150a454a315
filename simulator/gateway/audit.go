package gateway

import "sync/atomic"

// responseAudit decides which new response bodies of one operation are
// validated against the spec when responses are not strict.
//
// With StrictResponses (every test, switchboard-test, --strict-responses)
// every response is validated, so a contract break is a 500 at once. Without
// it a break changes nothing but a warning in the log, yet validating a body
// never seen before (every create, every message: each has fresh ids and
// times) was a fifth of a write's CPU. So an operation's first auditFull
// new bodies are validated in full, then one in auditEvery; the first
// failure puts the operation back on full validation for the rest of the run.
type responseAudit struct {
	passed atomic.Int64
	failed atomic.Bool
	misses atomic.Uint64
}

const (
	auditFull  = 256
	auditEvery = 64
)

// due reports whether this response, not found in the valid cache, must be
// validated.
func (a *responseAudit) due(strict bool) bool {
	if strict || a.failed.Load() || a.passed.Load() < auditFull {
		return true
	}
	return a.misses.Add(1)%auditEvery == 0
}

func (a *responseAudit) result(ok bool) {
	if ok {
		a.passed.Add(1)
	} else {
		a.failed.Store(true)
	}
}
