package durable

import (
	"bytes"
	"container/list"
	"strings"
	"sync"
)

// DefaultMemoryBytes bounds the in-memory history when no bound is given.
const DefaultMemoryBytes = 64 << 20

// Memory keeps the history in memory, for a server without --state-file:
// nothing is written to disk, and snapshots still work. It holds at most
// MaxBytes of records; past that it drops the whole history of the tenant
// written to least recently, whose snapshot then fails with ErrTruncated
// until its next reset.
type Memory struct {
	mu        sync.Mutex
	max       int64
	bytes     int64
	seq       uint64
	tenants   map[string]*memTenant
	lru       *list.List // of tenant ids, most recently written at the front
	truncated map[string]bool
	records   int
}

type memTenant struct {
	recs  []Record
	bytes int64
	elem  *list.Element
}

// NewMemory returns an empty in-memory store bounded by maxBytes
// (DefaultMemoryBytes when <= 0).
func NewMemory(maxBytes int64) *Memory {
	if maxBytes <= 0 {
		maxBytes = DefaultMemoryBytes
	}
	return &Memory{max: maxBytes, tenants: map[string]*memTenant{}, lru: list.New(), truncated: map[string]bool{}}
}

func (m *Memory) putLocked(rec Record) {
	m.seq++
	rec.Seq = m.seq
	if rec.Tenant == "" {
		return // nothing replays this store: only tenants' snapshots read it
	}
	rec = compact(rec)
	sz := rec.size()
	m.bytes += sz
	m.records++
	t := m.tenants[rec.Tenant]
	if t == nil {
		t = &memTenant{elem: m.lru.PushFront(rec.Tenant)}
		m.tenants[rec.Tenant] = t
	} else {
		m.lru.MoveToFront(t.elem)
	}
	t.recs = append(t.recs, rec)
	t.bytes += sz
	for m.bytes > m.max && m.lru.Len() > 1 {
		m.dropLocked(m.lru.Back().Value.(string), true)
	}
}

func (m *Memory) dropLocked(tenant string, truncated bool) {
	t := m.tenants[tenant]
	if t == nil {
		return
	}
	m.bytes -= t.bytes
	m.records -= len(t.recs)
	m.lru.Remove(t.elem)
	delete(m.tenants, tenant)
	if truncated {
		m.truncated[tenant] = true
	} else {
		delete(m.truncated, tenant)
	}
}

// compact copies what rec shares with its request, so a kept record holds
// only its own bytes: the body read into a buffer larger than itself, and
// header values cut from the block that holds all of the request's headers,
// would otherwise keep both alive for as long as the history keeps the
// record (under soak they were twice what size() accounts for).
func compact(rec Record) Record {
	if rec.Body != nil {
		rec.Body = bytes.Clone(rec.Body)
	}
	// The target and every header name and value are copied into one string
	// and kept as slices of it, and the values share one backing array: four
	// allocations a record instead of one per string.
	// Map order differs between two loops: the keys are taken once.
	var keysBuf [8]string
	keys := keysBuf[:0]
	n, nvals := len(rec.Target), 0
	for k, vs := range rec.Header {
		keys = append(keys, k)
		n += len(k)
		for _, v := range vs {
			n += len(v)
		}
		nvals += len(vs)
	}
	var b strings.Builder
	b.Grow(n)
	b.WriteString(rec.Target)
	for _, k := range keys {
		b.WriteString(k)
		for _, v := range rec.Header[k] {
			b.WriteString(v)
		}
	}
	all := b.String()
	rec.Target, all = all[:len(rec.Target)], all[len(rec.Target):]
	if rec.Header != nil {
		h := make(map[string][]string, len(rec.Header))
		vals := make([]string, nvals)
		for _, k := range keys {
			vs := rec.Header[k]
			key := all[:len(k)]
			all = all[len(k):]
			c := vals[:len(vs):len(vs)]
			vals = vals[len(vs):]
			for i, v := range vs {
				c[i], all = all[:len(v)], all[len(v):]
			}
			h[key] = c
		}
		rec.Header = h
	}
	return rec
}

// Append keeps rec.
func (m *Memory) Append(rec Record) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.truncated[rec.Tenant] {
		return nil // its history is already incomplete; keeping the tail would mislead
	}
	m.putLocked(rec)
	return nil
}

// ResetTenant drops the tenant's records and keeps rec.
func (m *Memory) ResetTenant(tenant string, rec Record) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.dropLocked(tenant, false)
	delete(m.truncated, tenant)
	m.putLocked(rec)
	return nil
}

// ResetAll drops every tenant's records and keeps rec and marks.
func (m *Memory) ResetAll(rec Record, marks ...Record) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	for id := range m.tenants {
		m.dropLocked(id, false)
	}
	m.truncated = map[string]bool{}
	m.putLocked(rec)
	for _, r := range marks {
		m.putLocked(r)
	}
	return nil
}

// Forget drops a tenant's records (it was evicted and returns fresh).
func (m *Memory) Forget(tenant string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.dropLocked(tenant, false)
	delete(m.truncated, tenant)
}

// Tenant returns a copy of the tenant's records.
func (m *Memory) Tenant(tenant string) ([]Record, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.truncated[tenant] {
		return nil, ErrTruncated
	}
	t := m.tenants[tenant]
	if t == nil {
		return nil, nil
	}
	return append([]Record(nil), t.recs...), nil
}

// Stats describes what is held.
func (m *Memory) Stats() Stats {
	m.mu.Lock()
	defer m.mu.Unlock()
	return Stats{Records: m.records, Tenants: len(m.tenants), Bytes: m.bytes, MaxBytes: m.max}
}

// Close drops everything.
func (m *Memory) Close() error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.tenants, m.lru = map[string]*memTenant{}, list.New()
	m.bytes, m.records = 0, 0
	return nil
}

var _ Store = (*Memory)(nil)
