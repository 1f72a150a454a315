package journal

import (
	"strings"
	"sync"
	"time"
	"unsafe"

	"github.com/switchboard-sim/switchboard/simulator/errs"
	"github.com/switchboard-sim/switchboard/simulator/internal/packed"
)

// slot is an entry as the journal holds it: numbers, and where its bytes
// are in the journal's arena. Everything the request brought (tenant, API,
// operation, method, path, query, fault, redacted headers, both bodies) is
// packed there, one after the other, with a pad byte so no entry is empty.
// No pointers: a ring of thousands of entries costs the collector nothing
// to scan, and an entry costs no allocation.
type slot struct {
	seq       uint64
	sec       int64
	latencyMS float64
	status    int
	counted   int    // what the entry counts against maxBytes
	nsec      int32  // of the time
	loc       uint16 // the time's location, numbered by Journal.locs (0: UTC)
	extra     bool   // Journal.extras holds its violations, explanation or completed answer
	off       uint32 // where its bytes start in the arena
	n         [nFields]uint32
}

// The packed fields, in order.
const (
	fTenant = iota
	fAPI
	fOperation
	fMethod
	fPath
	fQuery
	fFault
	fHeaders
	fBody
	fResponse
	nFields
)

// extra is what few entries have: kept beside the arena, by sequence number.
type extra struct {
	violations  []errs.Field
	explanation *Explanation
	// completed is a streamed answer's final body (see Complete).
	completed    string
	hasCompleted bool
}

// size is the slot's length in the arena.
func (s *slot) size() int {
	n := 1
	for _, l := range s.n {
		n += int(l)
	}
	return n
}

// field is the i-th packed field of the slot's bytes b.
func (s *slot) field(b []byte, i int) []byte {
	off := 0
	for k := 0; k < i; k++ {
		off += int(s.n[k])
	}
	return b[off : off+int(s.n[i])]
}

// Bodies are an entry's request and response bodies as the exchange holds
// them, each kept up to its cap (then marked …[truncated]) and copied
// straight into the journal: no string is made of them first.
type Bodies struct {
	Request     []byte
	RequestCap  int
	Response    []byte
	ResponseCap int
}

// Truncated marks a body cut at its cap.
const Truncated = "…[truncated]"

// Cap is b held to n bytes, as the journal keeps a capped body.
func Cap(b []byte, n int) string {
	if len(b) > n {
		return string(b[:n]) + Truncated
	}
	return string(b)
}

func appendCapped(dst, b []byte, limit int) []byte {
	if len(b) > limit {
		return append(append(dst, b[:limit]...), Truncated...)
	}
	return append(dst, b...)
}

// scratch holds an entry's packed bytes between packing, outside the
// journal's lock, and the copy into the arena under it.
var scratch = sync.Pool{New: func() any { return new([]byte) }}

// pack appends e's bytes to dst, with body and response when given (else
// e's own bodies), redacting the headers as it goes, and returns the slot
// that describes them (its time's location and offset are set under the
// lock).
func pack(dst []byte, e *Entry, bodies *Bodies) (slot, []byte) {
	s := slot{sec: e.Time.Unix(), nsec: int32(e.Time.Nanosecond()), status: e.Status, latencyMS: e.LatencyMS}
	field := func(i, start int) { s.n[i] = uint32(len(dst) - start) }
	for i, v := range [...]string{e.Tenant, e.API, e.Operation, e.Method, e.Path, e.Query, e.Fault} {
		start := len(dst)
		dst = append(dst, v...)
		field(i, start)
	}
	start := len(dst)
	dst = appendHeaders(dst, e.Headers)
	field(fHeaders, start)
	start = len(dst)
	if bodies != nil {
		dst = appendCapped(dst, bodies.Request, bodies.RequestCap)
	} else {
		dst = append(dst, e.Body...)
	}
	field(fBody, start)
	start = len(dst)
	if bodies != nil {
		dst = appendCapped(dst, bodies.Response, bodies.ResponseCap)
	} else {
		dst = append(dst, e.ResponseBody...)
	}
	field(fResponse, start)
	s.counted = int(s.n[fHeaders] + s.n[fBody] + s.n[fResponse])
	return s, append(dst, 0)
}

// entry unpacks a slot, whose bytes are b, into the Entry the journal's
// readers see. b is copied: the arena is reused.
func (s *slot) entry(b []byte, x *extra, locs *packed.Locations) Entry {
	str := string(b)
	off := 0
	var f [nFields]string
	for i, l := range s.n {
		f[i] = str[off : off+int(l)]
		off += int(l)
	}
	e := Entry{Seq: s.seq, Time: time.Unix(s.sec, int64(s.nsec)).UTC(), Tenant: f[fTenant], API: f[fAPI], Operation: f[fOperation],
		Method: f[fMethod], Path: f[fPath], Query: f[fQuery], Headers: unpack(f[fHeaders]), Body: f[fBody],
		Status: s.status, ResponseBody: f[fResponse], LatencyMS: s.latencyMS, Fault: f[fFault]}
	e.Time = locs.In(e.Time, s.loc)
	if x != nil {
		e.Violations, e.Explanation = x.violations, x.explanation
		if x.hasCompleted {
			e.ResponseBody = x.completed
		}
	}
	return e
}

// view is b as a string, without a copy, for a comparison while the
// journal's lock keeps b from changing. It must not be kept.
func view(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }

// appendHeaders joins the headers into name NUL value NUL pairs, redacting
// credentials as it goes: an entry never holds a secret, whoever added it,
// and the gateway need not copy the request's headers into a redacted map
// first. Their order is the map's: unpack rebuilds a map.
func appendHeaders(b []byte, h map[string][]string) []byte {
	for k, vs := range h {
		secret := isSecret(k)
		for _, v := range vs {
			b = append(b, k...)
			b = append(b, 0)
			if secret {
				b = appendRedacted(b, v)
			} else {
				b = append(b, v...)
			}
			b = append(b, 0)
		}
	}
	return b
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
