package gateway

import (
	"hash/maphash"
	"sync"
)

// validCache remembers responses that already passed validation for one
// operation. A response byte-for-byte identical (same status, content type
// and body) to one that passed is valid too, so it is not decoded and walked
// again: polling clients and repeated GETs then cost what the handler costs.
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

func (v *validCache) key(status int, contentType string, body []byte) uint64 {
	var h maphash.Hash
	h.SetSeed(v.seed)
	h.WriteByte(byte(status >> 8))
	h.WriteByte(byte(status))
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
