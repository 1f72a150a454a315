// Package journal records every request to a vendor API in a bounded ring
// buffer, so tests can see what their integration really sent.
package journal

import (
	"sort"
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

	// packed holds Headers while the entry sits in the journal: one string
	// instead of a map per entry halves what 10,000 entries cost.
	packed string
}

// pack sorts and joins the headers into one string, redacting credentials
// as it goes: an entry never holds a secret, whoever added it, and the
// gateway need not copy the request's headers into a redacted map first.
func pack(h map[string][]string) string {
	var keysBuf [32]string
	keys := keysBuf[:0]
	n := 0
	for k, vs := range h {
		keys = append(keys, k)
		for _, v := range vs {
			n += len(k) + len(v) + 2
		}
	}
	sort.Strings(keys)
	var b strings.Builder
	b.Grow(n)
	for _, k := range keys {
		secret := isSecret(k)
		for _, v := range h[k] {
			if secret {
				v = RedactValue(v)
			}
			b.WriteString(k)
			b.WriteByte(0)
			b.WriteString(v)
			b.WriteByte(0)
		}
	}
	return b.String()
}

func unpack(s string) map[string][]string {
	out := map[string][]string{}
	for s != "" {
		k, rest, _ := strings.Cut(s, "\x00")
		v, rest2, _ := strings.Cut(rest, "\x00")
		out[k] = append(out[k], v)
		s = rest2
	}
	return out
}

// Filter selects entries. Zero fields match everything.
type Filter struct {
	API, Tenant, Operation, Method, Path string
	Status                               int
	Since                                time.Time
	Limit                                int
}

func (f Filter) match(e *Entry) bool {
	switch {
	case f.API != "" && e.API != f.API,
		f.Tenant != "" && e.Tenant != f.Tenant,
		f.Operation != "" && !strings.EqualFold(e.Operation, f.Operation),
		f.Method != "" && !strings.EqualFold(e.Method, f.Method),
		f.Status != 0 && e.Status != f.Status,
		!f.Since.IsZero() && e.Time.Before(f.Since):
		return false
	case f.Path != "":
		return glob.Match(f.Path, e.Path)
	}
	return true
}

// Journal is a bounded, concurrency-safe ring buffer of entries. It holds
// at most size entries and at most maxBytes of request and response bodies,
// evicting the oldest first, so memory stays flat under any load.
type Journal struct {
	mu       sync.Mutex
	entries  []Entry
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
	return &Journal{entries: make([]Entry, size), maxBytes: DefaultMaxBytes}
}

func entryBytes(e *Entry) int { return len(e.Body) + len(e.ResponseBody) + len(e.packed) }

// Add records an entry, evicting the oldest when full, and returns its
// sequence number. Watchers (see Watch) get a copy.
func (j *Journal) Add(e Entry) uint64 {
	// Packing sorts, copies and redacts the headers: done before the lock,
	// which every request of every tenant takes, so it holds the lock only
	// to store.
	e.packed, e.Headers = pack(e.Headers), nil
	seq := j.add(e)
	if j.watch.n.Load() > 0 {
		// Watchers see what the journal holds: redacted headers, never the
		// request's own map.
		e.Seq, e.Headers, e.packed = seq, unpack(e.packed), ""
		j.watch.send(e)
	}
	return seq
}

func (j *Journal) add(e Entry) uint64 {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.seq++
	e.Seq = j.seq
	if j.count == len(j.entries) {
		j.evictLocked()
	}
	j.entries[(j.head+j.count)%len(j.entries)] = e
	j.count++
	j.bytes += entryBytes(&e)
	for j.bytes > j.maxBytes && j.count > 1 {
		j.evictLocked()
	}
	return e.Seq
}

// evictLocked drops the oldest entry to make room: counted in Dropped.
func (j *Journal) evictLocked() {
	j.dropped++
	j.bytes -= entryBytes(&j.entries[j.head])
	j.entries[j.head] = Entry{}
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
		e := &j.entries[(j.head+i)%len(j.entries)]
		if f.match(e) {
			c := *e
			c.Headers, c.packed = unpack(e.packed), ""
			out = append(out, c)
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
	first := j.entries[j.head].Seq
	if seq < first || seq-first >= uint64(j.count) {
		return
	}
	e := &j.entries[(j.head+int(seq-first))%len(j.entries)]
	j.bytes += len(responseBody) - len(e.ResponseBody)
	e.Status, e.ResponseBody, e.LatencyMS = status, responseBody, latencyMS
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
		j.entries[i] = Entry{}
	}
	j.head, j.count, j.bytes, j.dropped = 0, 0, 0, 0
}

// secretHeaders are redacted before an entry is stored.
var secretHeaders = map[string]bool{
	"authorization": true, "x-api-key": true, "cookie": true, "set-cookie": true,
	"proxy-authorization": true, "x-app-key": true, "x-admin-token": true,
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

// isSecret: header names a credential, in any case (lower-cased on the
// stack: strings.ToLower would allocate for every canonical name).
func isSecret(header string) bool {
	var buf [32]byte
	if len(header) > len(buf) {
		return false // no secret name is this long
	}
	for i := 0; i < len(header); i++ {
		c := header[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return secretHeaders[string(buf[:len(header)])]
}

// RedactValue masks one credential value.
func RedactValue(v string) string {
	if strings.HasPrefix(v, "auth-v2/") {
		return v
	}
	if scheme, _, ok := strings.Cut(v, " "); ok && len(scheme) < 40 {
		return scheme + " [REDACTED]"
	}
	return "[REDACTED]"
}
