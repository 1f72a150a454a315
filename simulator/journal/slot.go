package journal

import (
	"strings"
	"time"

	"github.com/switchboard-sim/switchboard/simulator/errs"
)

// slot is an entry as the journal holds it. Everything the request brought
// (method, path, query, fault, headers, bodies) is packed in one string,
// built once, with the headers redacted: one allocation an entry, and few
// pointers for the collector to scan in a ring of thousands. API and
// Operation are the route's own long-lived strings, shared, not copied.
type slot struct {
	seq         uint64
	time        time.Time
	status      int
	latencyMS   float64
	tenant      string
	api         string
	operation   string
	violations  []errs.Field
	explanation *Explanation
	// data is method, path, query, fault, headers, body and response body,
	// in that order; n holds each one's length but the last's.
	data string
	n    [6]uint32
}

const (
	fMethod = iota
	fPath
	fQuery
	fFault
	fHeaders
	fBody
	fResponse
)

// field is the i-th packed part of data.
func (s *slot) field(i int) string {
	off := 0
	for k := 0; k < i; k++ {
		off += int(s.n[k])
	}
	if i == fResponse {
		return s.data[off:]
	}
	return s.data[off : off+int(s.n[i])]
}

// bytes is what the slot counts against the journal's bound: its bodies and
// headers, as before they were packed together.
func (s *slot) bytes() int { return len(s.data) - int(s.n[fMethod]+s.n[fPath]+s.n[fQuery]+s.n[fFault]) }

// Bodies are an entry's request and response bodies as the exchange holds
// them, each kept up to its cap (then marked …[truncated]) and copied
// straight into the entry: no string is made of them first.
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

func capLen(n, limit int) int {
	if n > limit {
		return limit + len(Truncated)
	}
	return n
}

func writeCapped(w *strings.Builder, b []byte, limit int) {
	if len(b) > limit {
		w.Write(b[:limit])
		w.WriteString(Truncated)
		return
	}
	w.Write(b)
}

// newSlot packs e, with body and response when given (else e's own bodies),
// redacting the headers as it goes.
func newSlot(e *Entry, bodies *Bodies) slot {
	s := slot{seq: e.Seq, time: e.Time, status: e.Status, latencyMS: e.LatencyMS, tenant: e.Tenant, api: e.API, operation: e.Operation,
		violations: e.Violations, explanation: e.Explanation}
	s.n = [6]uint32{uint32(len(e.Method)), uint32(len(e.Path)), uint32(len(e.Query)), uint32(len(e.Fault)), uint32(headersLen(e.Headers)), 0}
	resp := len(e.ResponseBody)
	if bodies != nil {
		s.n[fBody], resp = uint32(capLen(len(bodies.Request), bodies.RequestCap)), capLen(len(bodies.Response), bodies.ResponseCap)
	} else {
		s.n[fBody] = uint32(len(e.Body))
	}
	n := resp
	for _, l := range s.n {
		n += int(l)
	}
	var b strings.Builder
	b.Grow(n)
	b.WriteString(e.Method)
	b.WriteString(e.Path)
	b.WriteString(e.Query)
	b.WriteString(e.Fault)
	writeHeaders(&b, e.Headers)
	if bodies != nil {
		writeCapped(&b, bodies.Request, bodies.RequestCap)
		writeCapped(&b, bodies.Response, bodies.ResponseCap)
	} else {
		b.WriteString(e.Body)
		b.WriteString(e.ResponseBody)
	}
	s.data = b.String()
	return s
}

// entry unpacks a slot into the Entry the journal's readers see. Its
// strings share the slot's immutable data.
func (s *slot) entry() Entry {
	return Entry{Seq: s.seq, Time: s.time, Tenant: s.tenant, API: s.api, Operation: s.operation,
		Method: s.field(fMethod), Path: s.field(fPath), Query: s.field(fQuery), Headers: unpack(s.field(fHeaders)),
		Body: s.field(fBody), Status: s.status, ResponseBody: s.field(fResponse), LatencyMS: s.latencyMS,
		Violations: s.violations, Fault: s.field(fFault), Explanation: s.explanation}
}

// headersLen is the packed length of h, each value as writeHeaders writes it.
func headersLen(h map[string][]string) int {
	n := 0
	for k, vs := range h {
		secret := isSecret(k)
		for _, v := range vs {
			if secret {
				n += len(k) + redactedLen(v) + 2
			} else {
				n += len(k) + len(v) + 2
			}
		}
	}
	return n
}

// writeHeaders joins the headers into name NUL value NUL pairs, redacting
// credentials as it goes: an entry never holds a secret, whoever added it,
// and the gateway need not copy the request's headers into a redacted map
// first. Their order is the map's: unpack rebuilds a map.
func writeHeaders(b *strings.Builder, h map[string][]string) {
	for k, vs := range h {
		secret := isSecret(k)
		for _, v := range vs {
			b.WriteString(k)
			b.WriteByte(0)
			if secret {
				writeRedacted(b, v)
			} else {
				b.WriteString(v)
			}
			b.WriteByte(0)
		}
	}
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
