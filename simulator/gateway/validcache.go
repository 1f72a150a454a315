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
	mu   sync.RWMutex
	seed maphash.Seed
	seen map[uint64]struct{}
}

const validCacheSize = 4096

func newValidCache() *validCache {
	return &validCache{seed: maphash.MakeSeed()} // the map is made on first use
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

func (v *validCache) has(k uint64) bool {
	v.mu.RLock()
	defer v.mu.RUnlock()
	_, ok := v.seen[k]
	return ok
}

func (v *validCache) add(k uint64) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.seen == nil || len(v.seen) >= validCacheSize {
		v.seen = make(map[uint64]struct{}, 64)
	}
	v.seen[k] = struct{}{}
}
