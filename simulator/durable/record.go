// Package durable keeps state across restarts without any vendor package
// serialising itself. The simulator is deterministic (same seed, same
// requests, same clock moves: same state), so the durable state is the
// ordered history of acknowledged writes, each with its tenant's virtual
// time, committed before the client sees the answer. Start-up replays it
// through the same pipeline, which rebuilds every object and re-arms every
// pending timer (call progress, delivery retries, scenario steps).
//
// Two stores keep that history: Bolt, an embedded bbolt file for
// --state-file, and Memory, a bounded in-memory one that writes nothing to
// disk and only serves snapshots. Both drop a tenant's records when it is
// reset, so a long run's history is as large as its live state, not as its
// traffic.
package durable

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"hash/crc32"
	"time"
)

// Record is one acknowledged write.
type Record struct {
	Seq    uint64              `json:"seq"`
	Kind   string              `json:"kind"` // "api" or "admin"
	Tenant string              `json:"tenant,omitempty"`
	At     time.Time           `json:"at,omitzero"` // the tenant's clock when it was served
	Method string              `json:"method"`
	Target string              `json:"target"` // path and query
	Header map[string][]string `json:"header,omitempty"`
	Body   []byte              `json:"body,omitempty"`
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// errChecksum marks a stored record whose bytes changed after it was written.
var errChecksum = errors.New("checksum mismatch")

// encode frames a record as a CRC-32C of its JSON followed by the JSON, so
// a changed byte is detected even when the result still parses.
func encode(rec Record) ([]byte, error) {
	b, err := json.Marshal(rec)
	if err != nil {
		return nil, err
	}
	out := make([]byte, 4+len(b))
	binary.BigEndian.PutUint32(out, crc32.Checksum(b, castagnoli))
	copy(out[4:], b)
	return out, nil
}

func decode(v []byte) (Record, error) {
	var rec Record
	if len(v) < 4 {
		return rec, errors.New("record shorter than its checksum")
	}
	if binary.BigEndian.Uint32(v) != crc32.Checksum(v[4:], castagnoli) {
		return rec, errChecksum
	}
	if err := json.Unmarshal(v[4:], &rec); err != nil {
		return rec, err
	}
	return rec, nil
}
