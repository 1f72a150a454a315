// Package contract keeps the contract report: which operations an
// integration exercised, and every request that broke a spec, with the field
// and rule it broke. CI jobs read it as JSON or JUnit XML and gate on it.
package contract

import (
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/switchboard-sim/switchboard/simulator/errs"
)

// Violation is one broken rule in one request.
type Violation struct {
	Seq       uint64    `json:"seq"`
	Time      time.Time `json:"time"`
	Tenant    string    `json:"tenant,omitempty"`
	API       string    `json:"api"`
	Operation string    `json:"operation"`
	Field     string    `json:"field"`
	In        string    `json:"in,omitempty"`
	Rule      string    `json:"rule,omitempty"`
	Message   string    `json:"message"`
	Request   Request   `json:"request"`
	Served    bool      `json:"served"` // --lenient served the request anyway
}

// Request is what the violating request sent (the body capped).
type Request struct {
	Method string `json:"method"`
	Path   string `json:"path"`
	Query  string `json:"query,omitempty"`
	Body   string `json:"body,omitempty"`
}

// Operation counts one exercised operation.
type Operation struct {
	API        string `json:"api"`
	Operation  string `json:"operation"`
	Method     string `json:"method"`
	Path       string `json:"path"`
	Requests   int    `json:"requests"`
	Violations int    `json:"violations"`
}

// Report is the whole contract report.
type Report struct {
	Operations []Operation `json:"operations"`
	Violations []Violation `json:"violations"`
	Count      int         `json:"count"`
	Dropped    int         `json:"dropped,omitempty"` // violations beyond the bound, counted but not kept
}

// Recorder is safe for concurrent use and bounded.
type Recorder struct {
	mu sync.Mutex
	// ops is copied on write (a first request to an operation), so that
	// counting a request is a lookup and an atomic add, without mu.
	ops     atomic.Pointer[map[opKey]*opCount]
	viol    []Violation
	max     int
	dropped int
	seq     uint64
}

// DefaultMax is how many violations a recorder keeps.
const DefaultMax = 10000

// New returns a recorder keeping at most max violations (DefaultMax if max <= 0).
func New(max int) *Recorder {
	if max <= 0 {
		max = DefaultMax
	}
	r := &Recorder{max: max}
	r.ops.Store(&map[opKey]*opCount{})
	return r
}

// opCount is an Operation as the recorder counts it.
type opCount struct {
	Operation  // Requests and Violations are filled in by Report
	requests   atomic.Int64
	violations int // under mu
}

// Exercised counts a request to an operation; method and path are the spec's.
func (r *Recorder) Exercised(api, op, method, path string) {
	if o, ok := (*r.ops.Load())[opKey{api, op}]; ok {
		o.requests.Add(1)
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.opLocked(api, op, method, path).requests.Add(1)
}

// opKey names an operation without building a string on every request.
type opKey struct{ api, op string }

func (r *Recorder) opLocked(api, op, method, path string) *opCount {
	k := opKey{api, op}
	cur := *r.ops.Load()
	if o, ok := cur[k]; ok {
		return o
	}
	next := make(map[opKey]*opCount, len(cur)+1)
	for k, o := range cur {
		next[k] = o
	}
	o := &opCount{Operation: Operation{API: api, Operation: op, Method: method, Path: path}}
	next[k] = o
	r.ops.Store(&next)
	return o
}

// Violated records each field a request broke.
func (r *Recorder) Violated(at time.Time, tenant, api, op, method, path string, req Request, fields []errs.Field, served bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	o := r.opLocked(api, op, method, path)
	for _, f := range fields {
		o.violations++
		if len(r.viol) >= r.max {
			r.dropped++
			continue
		}
		r.seq++
		r.viol = append(r.viol, Violation{
			Seq: r.seq, Time: at, Tenant: tenant, API: api, Operation: op,
			Field: f.Name, In: f.In, Rule: f.Rule, Message: f.Reason, Request: req, Served: served,
		})
	}
}

// Filter selects part of the report; zero fields match everything.
type Filter struct{ API, Tenant string }

// Report returns a copy of the report, operations sorted by API then operation.
func (r *Recorder) Report(f Filter) Report {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := Report{Operations: []Operation{}, Violations: []Violation{}, Dropped: r.dropped}
	for _, o := range *r.ops.Load() {
		if f.API == "" || o.API == f.API {
			op := o.Operation
			op.Requests, op.Violations = int(o.requests.Load()), o.violations
			out.Operations = append(out.Operations, op)
		}
	}
	sort.Slice(out.Operations, func(i, j int) bool {
		a, b := out.Operations[i], out.Operations[j]
		if a.API != b.API {
			return a.API < b.API
		}
		return a.Operation < b.Operation
	})
	for _, v := range r.viol {
		if (f.API == "" || v.API == f.API) && (f.Tenant == "" || v.Tenant == f.Tenant) {
			out.Violations = append(out.Violations, v)
		}
	}
	out.Count = len(out.Violations)
	return out
}

// Clear forgets everything.
func (r *Recorder) Clear() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.ops.Store(&map[opKey]*opCount{})
	r.viol = nil
	r.dropped = 0
}
