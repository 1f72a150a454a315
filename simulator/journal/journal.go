// Package journal records every request to a vendor API in a bounded ring
// buffer, so tests can see what their integration really sent.
package journal

import (
	"strings"
	"sync"
	"time"

	"github.com/switchboard-sim/switchboard/simulator/errs"
	"github.com/switchboard-sim/switchboard/simulator/glob"
)

// Entry is one recorded request and its answer.
type Entry struct {
	Seq          uint64              `json:"seq"`
	Time         time.Time           `json:"time"`
	Tenant       string              `json:"tenant,omitempty"`
	API          string              `json:"api"`
	Operation    string              `json:"operation,omitempty"`
	Method       string              `json:"method"`
	Path         string              `json:"path"`
	Query        string              `json:"query,omitempty"`
	Headers      map[string][]string `json:"headers"`
	Body         string              `json:"body,omitempty"`
	Status       int                 `json:"status"`
	ResponseBody string              `json:"responseBody,omitempty"`
	LatencyMS    float64             `json:"latencyMs"`
	Violations   []errs.Field        `json:"violations,omitempty"`
	Fault        string              `json:"fault,omitempty"`
	Explanation  *Explanation        `json:"explanation,omitempty"`
}

// Filter selects entries. Zero fields match everything.
type Filter struct {
	API, Tenant, Operation, Method, Path string
	Status                               int
	Since                                time.Time
	Limit                                int
}

func (f Filter) match(e *slot) bool {
	switch {
	case f.API != "" && e.api != f.API,
		f.Tenant != "" && e.tenant != f.Tenant,
		f.Operation != "" && !strings.EqualFold(e.operation, f.Operation),
		f.Method != "" && !strings.EqualFold(e.field(fMethod), f.Method),
		f.Status != 0 && e.status != f.Status,
		!f.Since.IsZero() && e.time.Before(f.Since):
		return false
	case f.Path != "":
		return glob.Match(f.Path, e.field(fPath))
	}
	return true
}

// Journal is a bounded, concurrency-safe ring buffer of entries. It holds
// at most size entries and at most maxBytes of request and response bodies,
// evicting the oldest first, so memory stays flat under any load.
type Journal struct {
	mu       sync.Mutex
	entries  []slot
	head     int // index of the oldest entry
	count    int
	bytes    int
	maxBytes int
	seq      uint64
	dropped  uint64
	watch    watchers
}

// DefaultSize is the default capacity.
const DefaultSize = 10000

// DefaultMaxBytes bounds the bodies held by a journal.
const DefaultMaxBytes = 8 << 20

// New returns a journal holding at most size entries (DefaultSize if size <= 0).
func New(size int) *Journal {
	if size <= 0 {
		size = DefaultSize
	}
	return &Journal{entries: make([]slot, size), maxBytes: DefaultMaxBytes}
}

// Add records an entry, evicting the oldest when full, and returns its
// sequence number. Watchers (see Watch) get a copy.
func (j *Journal) Add(e Entry) uint64 { return j.put(&e, nil) }

// AddBodies records e with its bodies taken, capped, from the exchange's
// buffers (e.Body and e.ResponseBody are ignored), as Add does.
func (j *Journal) AddBodies(e Entry, b Bodies) uint64 { return j.put(&e, &b) }

func (j *Journal) put(e *Entry, b *Bodies) uint64 {
	// Packing copies and redacts: done before the lock, which every request
	// of every tenant takes, so it holds the lock only to store.
	s := newSlot(e, b)
	seq := j.add(&s)
	if j.watch.n.Load() > 0 {
		// Watchers see what the journal holds: redacted headers, never the
		// request's own map.
		s.seq = seq
		j.watch.send(s.entry())
	}
	return seq
}

func (j *Journal) add(s *slot) uint64 {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.seq++
	s.seq = j.seq
	if j.count == len(j.entries) {
		j.evictLocked()
	}
	j.entries[(j.head+j.count)%len(j.entries)] = *s
	j.count++
	j.bytes += s.bytes()
	for j.bytes > j.maxBytes && j.count > 1 {
		j.evictLocked()
	}
	return s.seq
}

// evictLocked drops the oldest entry to make room: counted in Dropped.
func (j *Journal) evictLocked() {
	j.dropped++
	j.bytes -= j.entries[j.head].bytes()
	j.entries[j.head] = slot{}
	j.head = (j.head + 1) % len(j.entries)
	j.count--
}

// Find returns matching entries, oldest first, at most f.Limit of the newest
// when a limit is given.
func (j *Journal) Find(f Filter) []Entry {
	j.mu.Lock()
	defer j.mu.Unlock()
	var out []Entry
	for i := 0; i < j.count; i++ {
		if s := &j.entries[(j.head+i)%len(j.entries)]; f.match(s) {
			out = append(out, s.entry())
		}
	}
	if f.Limit > 0 && len(out) > f.Limit {
		out = out[len(out)-f.Limit:]
	}
	return out
}

// Complete finishes the entry seq (a streamed answer journalled as it
// started) with its final status, response body and latency. An entry the
// ring has already overwritten is left alone.
func (j *Journal) Complete(seq uint64, status int, responseBody string, latencyMS float64) {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.count == 0 || seq == 0 {
		return
	}
	first := j.entries[j.head].seq
	if seq < first || seq-first >= uint64(j.count) {
		return
	}
	s := &j.entries[(j.head+int(seq-first))%len(j.entries)]
	old := s.bytes()
	s.data = s.data[:len(s.data)-len(s.field(fResponse))] + responseBody
	j.bytes += s.bytes() - old
	s.status, s.latencyMS = status, latencyMS
}

// Dropped is how many entries the ring overwrote to make room, since it
// was created or last cleared: requests the journal can no longer show.
func (j *Journal) Dropped() uint64 {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.dropped
}

// Len is the number of entries held.
func (j *Journal) Len() int {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.count
}

// Clear drops every entry.
func (j *Journal) Clear() {
	j.mu.Lock()
	defer j.mu.Unlock()
	for i := range j.entries {
		j.entries[i] = slot{}
	}
	j.head, j.count, j.bytes, j.dropped = 0, 0, 0, 0
}

// secretHeaders are redacted before an entry is stored.
var secretHeaders = []string{
	"authorization", "x-api-key", "cookie", "set-cookie",
	"proxy-authorization", "x-app-key", "x-admin-token",
}

// Redact copies headers, masking credentials. The scheme word of an
// Authorization header is kept (it tells which auth was used); the secret is
// not. An AICC auth-v2 value is a signature, not a key, and is kept whole.
func Redact(h map[string][]string) map[string][]string {
	out := make(map[string][]string, len(h))
	for k, vs := range h {
		if !isSecret(k) {
			out[k] = vs
			continue
		}
		red := make([]string, len(vs))
		for i, v := range vs {
			red[i] = RedactValue(v)
		}
		out[k] = red
	}
	return out
}

// isSecret: header names a credential, in any case. Every header of every
// request asks, so it compares only names of the same length, without
// lower-casing or hashing.
func isSecret(header string) bool {
	for _, name := range secretHeaders {
		if len(name) == len(header) && strings.EqualFold(name, header) {
			return true
		}
	}
	return false
}

// RedactValue masks one credential value.
func RedactValue(v string) string {
	if strings.HasPrefix(v, "auth-v2/") {
		return v
	}
	if scheme, _, ok := strings.Cut(v, " "); ok && len(scheme) < 40 {
		return scheme + " " + redacted
	}
	return redacted
}

const redacted = "[REDACTED]"

// redactedLen is len(RedactValue(v)), without building it.
func redactedLen(v string) int {
	if strings.HasPrefix(v, "auth-v2/") {
		return len(v)
	}
	if scheme, _, ok := strings.Cut(v, " "); ok && len(scheme) < 40 {
		return len(scheme) + 1 + len(redacted)
	}
	return len(redacted)
}

// writeRedacted writes RedactValue(v), without building it.
func writeRedacted(b *strings.Builder, v string) {
	if strings.HasPrefix(v, "auth-v2/") {
		b.WriteString(v)
		return
	}
	if scheme, _, ok := strings.Cut(v, " "); ok && len(scheme) < 40 {
		b.WriteString(scheme)
		b.WriteByte(' ')
	}
	b.WriteString(redacted)
}
