package gateway

import (
	"encoding/binary"
	"hash/maphash"
	"sync"
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

const validCacheSize = 4096

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

// keySet is a bounded set of hashes, safe for concurrent use. Its map is
// made on first use (most routes are never called in a given run); when it
// holds max keys it starts over.
type keySet struct {
	mu  sync.RWMutex
	max int
	m   map[uint64]struct{}
}

func (s *keySet) has(k uint64) bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	_, ok := s.m[k]
	return ok
}

func (s *keySet) add(k uint64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.m == nil || len(s.m) >= s.max {
		s.m = make(map[uint64]struct{}, min(s.max, 64))
	}
	s.m[k] = struct{}{}
}
