// Package journal records every request to a vendor API in a bounded ring
// buffer, so tests can see what their integration really sent.
package journal

import (
	"strings"
	"sync"
	"time"

	"github.com/switchboard-sim/switchboard/simulator/errs"
	"github.com/switchboard-sim/switchboard/simulator/glob"
	"github.com/switchboard-sim/switchboard/simulator/internal/packed"
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

// match reads the slot's fields in place: b is its bytes in the arena.
func (f Filter) match(e *slot, b []byte) bool {
	switch {
	case f.API != "" && view(e.field(b, fAPI)) != f.API,
		f.Tenant != "" && view(e.field(b, fTenant)) != f.Tenant,
		f.Operation != "" && !strings.EqualFold(view(e.field(b, fOperation)), f.Operation),
		f.Method != "" && !strings.EqualFold(view(e.field(b, fMethod)), f.Method),
		f.Status != 0 && e.status != f.Status,
		!f.Since.IsZero() && time.Unix(e.sec, int64(e.nsec)).Before(f.Since):
		return false
	case f.Path != "":
		return glob.Match(f.Path, view(e.field(b, fPath)))
	}
	return true
}

// Journal is a bounded, concurrency-safe ring buffer of entries. It holds
// at most size entries and at most maxBytes of request and response bodies
// and headers, evicting the oldest first, so memory stays flat under any
// load. The entries' bytes sit in one arena, a ring itself, that grows to
// what the bounds let the journal hold and is then reused.
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

	arena  []byte
	tail   int // where the next entry's bytes go
	extras map[uint64]*extra
	locs   packed.Locations // of entries' times
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
	return &Journal{entries: make([]slot, size), maxBytes: DefaultMaxBytes, extras: map[uint64]*extra{}}
}

// Add records an entry, evicting the oldest when full, and returns its
// sequence number. Watchers (see Watch) get a copy.
func (j *Journal) Add(e Entry) uint64 { return j.put(&e, nil) }

// AddBodies records e with its bodies taken, capped, from the exchange's
// buffers (e.Body and e.ResponseBody are ignored), as Add does.
func (j *Journal) AddBodies(e Entry, b Bodies) uint64 { return j.put(&e, &b) }

func (j *Journal) put(e *Entry, b *Bodies) uint64 {
	// Packing copies and redacts: done before the lock, which every request
	// of every tenant takes, so it holds the lock only to copy the bytes.
	buf := scratch.Get().(*[]byte)
	s, data := pack((*buf)[:0], e, b)
	var x *extra
	if e.Violations != nil || e.Explanation != nil {
		x = &extra{violations: e.Violations, explanation: e.Explanation}
	}
	seq := j.add(&s, data, e.Time.Location(), x)
	if j.watch.n.Load() > 0 {
		// Watchers see what the journal holds: redacted headers, never the
		// request's own map.
		w := s
		w.seq, w.loc = seq, 0
		en := w.entry(data, x, nil)
		en.Time = e.Time
		j.watch.send(en)
	}
	if cap(data) <= 64<<10 {
		*buf = data[:0]
		scratch.Put(buf)
	}
	return seq
}

func (j *Journal) add(s *slot, data []byte, loc *time.Location, x *extra) uint64 {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.seq++
	s.seq = j.seq
	if j.count == len(j.entries) {
		j.evictLocked()
	}
	// Evicted before it is stored, the new entry is never evicted itself:
	// past the bound, the journal holds it alone.
	for j.count > 0 && j.bytes+s.counted > j.maxBytes {
		j.evictLocked()
	}
	s.loc = j.locs.Index(loc)
	s.off = uint32(j.reserveLocked(len(data)))
	copy(j.arena[s.off:], data)
	s.extra = x != nil
	if x != nil {
		j.extras[s.seq] = x
	}
	j.entries[(j.head+j.count)%len(j.entries)] = *s
	j.count++
	j.bytes += s.counted
	return s.seq
}

// evictLocked drops the oldest entry to make room: counted in Dropped.
func (j *Journal) evictLocked() {
	j.dropped++
	s := &j.entries[j.head]
	j.bytes -= s.counted
	if s.extra {
		delete(j.extras, s.seq)
	}
	*s = slot{}
	j.head = (j.head + 1) % len(j.entries)
	j.count--
}

// Find returns matching entries, oldest first, at most f.Limit of the newest
// when a limit is given.
func (j *Journal) Find(f Filter) []Entry {
	j.mu.Lock()
	defer j.mu.Unlock()
	var found []*slot
	for i := 0; i < j.count; i++ {
		if s := &j.entries[(j.head+i)%len(j.entries)]; f.match(s, j.bytesOf(s)) {
			found = append(found, s)
		}
	}
	if f.Limit > 0 && len(found) > f.Limit {
		found = found[len(found)-f.Limit:]
	}
	if len(found) == 0 {
		return nil
	}
	out := make([]Entry, len(found))
	for i, s := range found {
		out[i] = s.entry(j.bytesOf(s), j.extraOf(s), &j.locs)
	}
	return out
}

func (j *Journal) extraOf(s *slot) *extra {
	if !s.extra {
		return nil
	}
	return j.extras[s.seq]
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
	x := j.extraOf(s)
	old := int(s.n[fResponse])
	if x == nil {
		x = &extra{}
		j.extras[s.seq], s.extra = x, true
	} else if x.hasCompleted {
		old = len(x.completed)
	}
	x.completed, x.hasCompleted = responseBody, true
	s.counted += len(responseBody) - old
	j.bytes += len(responseBody) - old
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
	j.arena, j.tail, j.extras = nil, 0, map[uint64]*extra{}
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

// appendRedacted appends RedactValue(v), without building it.
func appendRedacted(b []byte, v string) []byte {
	if strings.HasPrefix(v, "auth-v2/") {
		return append(b, v...)
	}
	if scheme, _, ok := strings.Cut(v, " "); ok && len(scheme) < 40 {
		b = append(append(b, scheme...), ' ')
	}
	return append(b, redacted...)
}
