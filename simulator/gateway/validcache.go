package gateway

import (
	"encoding/binary"
	"hash/maphash"
	"sync/atomic"
)

// validCache remembers responses that already passed validation for one
// operation. A response byte-for-byte identical (same status, declared
// headers, content type and body) to one that passed is valid too, so it is
// not decoded and walked again: polling clients and repeated GETs then cost
// what the handler costs.
// Only successes are cached, so every failure is reported in full. The set is
// bounded: when full it starts over.
type validCache struct {
	keySet
	seed maphash.Seed
}

const validCacheSize = 1024

func newValidCache() *validCache {
	return &validCache{keySet: keySet{max: validCacheSize}, seed: maphash.MakeSeed()}
}

// key hashes the answer: envelope is its envelope's key (answerKey: the
// status and the headers the spec declares, which ValidateResponse checks
// too), then its content type and body.
func (v *validCache) key(envelope uint64, contentType string, body []byte) uint64 {
	var h maphash.Hash
	h.SetSeed(v.seed)
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], envelope)
	h.Write(b[:])
	h.WriteString(contentType)
	h.WriteByte(0)
	h.Write(body)
	return h.Sum64()
}

// keySet is a bounded set of 64-bit hashes, safe for concurrent use
// without a lock: has only loads, so the cores serving a busy route do not
// take turns on a lock's cache line for every request. It is a table of
// two-slot buckets; a key whose bucket is full takes one of its slots, so
// the set forgets old keys as a cache does (a forgotten key is validated in
// full again: time, never correctness). The table is made on first add, as
// most routes are never called in a given run. Zero marks an empty slot, so
// a zero hash is never kept.
type keySet struct {
	max   int // slots, a power of two
	table atomic.Pointer[[]atomic.Uint64]
}

func (s *keySet) has(k uint64) bool {
	t := s.table.Load()
	if t == nil || k == 0 {
		return false
	}
	b := s.bucket(*t, k)
	return b[0].Load() == k || b[1].Load() == k
}

func (s *keySet) add(k uint64) {
	if k == 0 {
		return
	}
	t := s.table.Load()
	if t == nil {
		fresh := make([]atomic.Uint64, s.max)
		s.table.CompareAndSwap(nil, &fresh)
		t = s.table.Load()
	}
	b := s.bucket(*t, k)
	switch {
	case b[0].Load() == k || b[1].Load() == k:
	case b[0].CompareAndSwap(0, k), b[1].CompareAndSwap(0, k):
	default:
		b[k>>63].Store(k) // a bit the index does not use picks the slot
	}
}

// bucket is k's two slots.
func (s *keySet) bucket(t []atomic.Uint64, k uint64) []atomic.Uint64 {
	i := k & uint64(len(t)-1) &^ 1
	return t[i : i+2 : i+2]
}
