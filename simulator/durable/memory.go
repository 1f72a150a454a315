package durable

import (
	"container/list"
	"sync"
	"time"
	"unsafe"

	"github.com/switchboard-sim/switchboard/simulator/internal/packed"
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
	locs      packed.Locations // of records' times
}

type memTenant struct {
	recs  []memRec
	bytes int64
	elem  *list.Element
	// chunks hold the records' packed bytes, appended in order; cur is the
	// one still being filled (-1 before the first).
	chunks [][]byte
	cur    int
}

// memRec is one kept record: its number, its time and where its packed
// bytes are. No pointers: the collector skips a tenant's whole history.
type memRec struct {
	seq   uint64
	sec   int64
	nsec  int32
	loc   uint16 // numbered by Memory.locs (0: UTC)
	chunk uint32
	off   uint32
	n     uint32
}

// memRecSize is what a record costs besides its packed bytes.
const memRecSize = int64(unsafe.Sizeof(memRec{}))

// Chunks start small, so a tenant with a few records holds a few hundred
// bytes, and double up to memChunkMax; a record over a quarter of that gets
// a chunk of its own, so a chunk's unused tail is small.
const (
	memChunkMin = 256
	memChunkMax = 64 << 10
)

// NewMemory returns an empty in-memory store bounded by maxBytes
// (DefaultMemoryBytes when <= 0).
func NewMemory(maxBytes int64) *Memory {
	if maxBytes <= 0 {
		maxBytes = DefaultMemoryBytes
	}
	return &Memory{max: maxBytes, tenants: map[string]*memTenant{}, lru: list.New(), truncated: map[string]bool{}}
}

// put keeps one record, packed straight into its tenant's chunks: keep as
// in packedLen. The caller's slices are copied, never kept.
func (m *Memory) putLocked(kind, tenant string, at time.Time, method, target string, h map[string][]string, keep []string, body []byte) {
	m.seq++
	if tenant == "" {
		return // nothing replays this store: only tenants' snapshots read it
	}
	n := packedLen(kind, method, target, h, keep, body)
	t := m.tenants[tenant]
	if t == nil {
		t = &memTenant{elem: m.lru.PushFront(tenant), cur: -1}
		m.tenants[tenant] = t
	} else {
		m.lru.MoveToFront(t.elem)
	}
	ci, off, waste := t.room(n)
	c := t.chunks[ci]
	t.chunks[ci] = appendPacked(c, kind, method, target, h, keep, body)
	t.recs = append(t.recs, memRec{seq: m.seq, sec: at.Unix(), nsec: int32(at.Nanosecond()), loc: m.locs.Index(at.Location()),
		chunk: uint32(ci), off: uint32(off), n: uint32(n)})
	sz := int64(n) + memRecSize + int64(waste)
	m.bytes += sz
	t.bytes += sz
	m.records++
	for m.bytes > m.max && m.lru.Len() > 1 {
		m.dropLocked(m.lru.Back().Value.(string), true)
	}
}

// room finds n free bytes: the chunk to append them to, where they start,
// and the unused tail of a chunk it stopped filling (counted as kept).
func (t *memTenant) room(n int) (ci, off, waste int) {
	if n > memChunkMax/4 {
		t.chunks = append(t.chunks, make([]byte, 0, n))
		return len(t.chunks) - 1, 0, 0
	}
	size := memChunkMin
	if t.cur >= 0 {
		c := t.chunks[t.cur]
		if cap(c)-len(c) >= n {
			return t.cur, len(c), 0
		}
		waste = cap(c) - len(c)
		size = min(2*cap(c), memChunkMax)
	}
	for size < n {
		size *= 2
	}
	t.chunks = append(t.chunks, make([]byte, 0, size))
	t.cur = len(t.chunks) - 1
	return t.cur, 0, waste
}

func (m *Memory) record(tenant string, t *memTenant, r memRec) (Record, error) {
	rec := Record{Seq: r.seq, Tenant: tenant, At: m.locs.In(time.Unix(r.sec, int64(r.nsec)).UTC(), r.loc)}
	c := t.chunks[r.chunk]
	err := unpack(c[r.off:r.off+r.n], &rec)
	return rec, err
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

// Append keeps rec.
func (m *Memory) Append(rec Record) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.truncated[rec.Tenant] {
		return nil // its history is already incomplete; keeping the tail would mislead
	}
	m.putRecord(rec)
	return nil
}

// AppendRequest keeps r, packed straight from the request's own headers.
func (m *Memory) AppendRequest(r Request) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.truncated[r.Tenant] {
		return nil
	}
	keep := r.Keep
	if keep == nil {
		keep = []string{} // a Request's record has a header map, even empty
	}
	m.putLocked(r.Kind, r.Tenant, r.At, r.Method, r.Target, r.Header, keep, r.Body)
	return nil
}

func (m *Memory) putRecord(rec Record) {
	m.putLocked(rec.Kind, rec.Tenant, rec.At, rec.Method, rec.Target, rec.Header, nil, rec.Body)
}

// ResetTenant drops the tenant's records and keeps rec.
func (m *Memory) ResetTenant(tenant string, rec Record) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.dropLocked(tenant, false)
	delete(m.truncated, tenant)
	m.putRecord(rec)
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
	m.putRecord(rec)
	for _, r := range marks {
		m.putRecord(r)
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
	out := make([]Record, len(t.recs))
	for i, r := range t.recs {
		var err error
		if out[i], err = m.record(tenant, t, r); err != nil {
			return nil, err
		}
	}
	return out, nil
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
