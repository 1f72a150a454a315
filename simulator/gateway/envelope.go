package gateway

import (
	"hash/maphash"
	"net/http"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/gin-gonic/gin"
)

// envelopes remembers, per operation, request envelopes that passed
// kin-openapi's ValidateRequest: everything it reads apart from a JSON body
// (which shapes.go checks). That is the path parameters, the raw query, the
// header parameters, the cookies when a parameter or security scheme reads
// one, and, for an http security scheme, the Authorization header up to its
// first space (checkSecurity reads no more). Two requests equal in all of
// those get the same answer from ValidateRequest, so a repeat skips it: a
// client polling one resource, or creating many with one credential, pays
// for parameter and security validation once. Only successes are kept, so
// every failure is reported in full; the set is bounded like validCache.
type envelopes struct {
	keySet
	seed    maphash.Seed
	headers []string // header parameters and apiKey-in-header schemes, canonical
	cookies bool
	authz   bool
	// answers: the headers any of the operation's responses declares.
	// ValidateResponse without the body reads the status and those.
	answers []string
}

func newEnvelopes(doc *openapi3.T, item *openapi3.PathItem, op *openapi3.Operation) *envelopes {
	e := &envelopes{keySet: keySet{max: validCacheSize}, seed: maphash.MakeSeed()}
	seen := map[string]bool{}
	addHeader := func(name string) {
		name = http.CanonicalHeaderKey(name)
		if !seen[name] {
			seen[name] = true
			e.headers = append(e.headers, name)
		}
	}
	for _, ps := range []openapi3.Parameters{item.Parameters, op.Parameters} {
		for _, p := range ps {
			if p.Value == nil {
				continue
			}
			switch p.Value.In {
			case openapi3.ParameterInHeader:
				addHeader(p.Value.Name)
			case openapi3.ParameterInCookie:
				e.cookies = true
			}
		}
	}
	if op.Responses != nil {
		seenAnswer := map[string]bool{}
		for _, r := range op.Responses.Map() {
			if r == nil || r.Value == nil {
				continue
			}
			for name := range r.Value.Headers {
				name = http.CanonicalHeaderKey(name)
				if !seenAnswer[name] {
					seenAnswer[name] = true
					e.answers = append(e.answers, name)
				}
			}
		}
		sort.Strings(e.answers)
	}
	reqs := doc.Security
	if op.Security != nil {
		reqs = *op.Security
	}
	for _, req := range reqs {
		for name := range req {
			ref := doc.Components.SecuritySchemes[name]
			if ref == nil || ref.Value == nil {
				continue
			}
			s := ref.Value
			switch {
			case s.Type == "http":
				e.authz = true
			case s.Type == "apiKey" && s.In == "header":
				addHeader(s.Name)
			case s.Type == "apiKey" && s.In == "cookie":
				e.cookies = true
			}
		}
	}
	return e
}

// key hashes what ValidateRequest reads of c's request, but its body. kind
// tells the callers' cases apart (the body left to shapes.go, or empty).
func (e *envelopes) key(c *gin.Context, kind byte) uint64 {
	var h maphash.Hash
	h.SetSeed(e.seed)
	h.WriteByte(kind)
	for _, p := range c.Params {
		h.WriteString(p.Value)
		h.WriteByte(0)
	}
	r := c.Request
	h.WriteString(r.URL.RawQuery)
	h.WriteByte(0)
	h.WriteString(first(r.Header, "Content-Type"))
	h.WriteByte(0)
	for _, name := range e.headers {
		for _, v := range r.Header[name] {
			h.WriteString(v)
			h.WriteByte(0)
		}
		h.WriteByte(1)
	}
	if e.cookies {
		for _, v := range r.Header["Cookie"] {
			h.WriteString(v)
			h.WriteByte(0)
		}
		h.WriteByte(1)
	}
	if e.authz {
		v := first(r.Header, "Authorization")
		if i := strings.IndexByte(v, ' '); i >= 0 {
			h.WriteString(v[:i+1])
		} else {
			h.WriteByte(1) // no scheme at all: every http scheme refuses it
		}
	}
	return h.Sum64()
}

// answerKey hashes what ValidateResponse reads of an answer when the body is
// left to shapes.go: its status, and the headers the responses declare (the
// content type too, for good measure).
func (e *envelopes) answerKey(status int, contentType string, h http.Header) uint64 {
	var m maphash.Hash
	m.SetSeed(e.seed)
	m.WriteByte('r')
	m.WriteByte(byte(status >> 8))
	m.WriteByte(byte(status))
	m.WriteString(contentType)
	m.WriteByte(0)
	for _, name := range e.answers {
		for _, v := range h[name] {
			m.WriteString(v)
			m.WriteByte(0)
		}
		m.WriteByte(1)
	}
	return m.Sum64()
}

// first is h.Get(key) for a key already in canonical form, without Get's
// check of the spelling: these run on every request.
func first(h http.Header, key string) string {
	if v := h[key]; len(v) > 0 {
		return v[0]
	}
	return ""
}
