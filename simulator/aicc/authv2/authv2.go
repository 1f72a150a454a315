// Package authv2 signs and verifies Huawei's auth-v2 Authorization header,
// the way Huawei's own signer code does it (SignInfo / SignerUtils):
//
//	signedHeaders    = names sorted, then lower-cased, joined with ";"
//	authStringPrefix = "auth-v2/" + ak + "/" + timestamp + "/" + signedHeaders
//	signingKey       = lowerhex(HMAC-SHA256(secret, authStringPrefix))
//	canonicalRequest = METHOD "\n" path "\n" [query "\n"] signedHeaders "\n"
//	                   headerLines "\n" Encode(body)
//	signature        = lowerhex(HMAC-SHA256(signingKey as UTF-8, canonicalRequest))
//	header           = authStringPrefix + "/" + signature
//
// Header lines are Encode(lower(name)) + ":" + Encode(value), the value not
// trimmed, sorted after lower-casing and encoding: so {Host, content-type}
// signs "host;content-type" but the lines content-type:… then host:…. The
// path goes in as given; the query line is absent when there is no query;
// Encode is strict RFC 3986.
package authv2

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"sort"
	"strings"
	"time"
)

// Prefix starts every auth-v2 header value.
const Prefix = "auth-v2"

// TimeLayout is the timestamp segment's format: UTC, whole seconds.
const TimeLayout = "2006-01-02T15:04:05Z"

// Timestamp formats t for the header: UTC, yyyy-MM-dd'T'HH:mm:ss'Z',
// milliseconds dropped.
func Timestamp(t time.Time) string { return t.UTC().Truncate(time.Second).Format(TimeLayout) }

// Request is what takes part in a signature.
type Request struct {
	Method   string
	Path     string // as sent, not encoded again
	RawQuery string // without "?"; empty for none
	// Header holds the request's headers; Host, if signed, must be set here
	// (net/http keeps it in Request.Host, not in the header map).
	Header http.Header
	Body   []byte
}

// FromHTTP builds a Request from an incoming or outgoing *http.Request and
// its body, putting r.Host into the Host header.
func FromHTTP(r *http.Request, body []byte) Request {
	h := r.Header.Clone()
	if h == nil {
		h = http.Header{}
	}
	host := r.Host
	if host == "" && r.URL != nil {
		host = r.URL.Host
	}
	h.Set("Host", host)
	path := r.URL.EscapedPath()
	if r.URL.Opaque != "" {
		path = r.URL.Opaque
	}
	return Request{Method: r.Method, Path: path, RawQuery: r.URL.RawQuery, Header: h, Body: body}
}

// Canonical is the canonical request string for the given signed header
// names, which must already be in signing order and lower case (as
// SignedHeaders returns them or as they appear in a header). The header
// lines are sorted whatever that order is, as Huawei's SignInfo sorts them.
func Canonical(r Request, signed []string) string {
	var b strings.Builder
	b.WriteString(strings.ToUpper(r.Method))
	b.WriteString("\n")
	b.WriteString(r.Path)
	b.WriteString("\n")
	if q := CanonicalQuery(r.RawQuery); q != "" {
		b.WriteString(q)
		b.WriteString("\n")
	}
	b.WriteString(strings.Join(signed, ";"))
	b.WriteString("\n")
	b.WriteString(strings.Join(HeaderLines(r.Header, signed), "\n"))
	b.WriteString("\n")
	b.WriteString(Encode(string(r.Body)))
	return b.String()
}

// HeaderLines are the canonical header lines of the signed headers:
// Encode(lower(name)) + ":" + Encode(value), the value not trimmed, sorted
// after lower-casing and encoding.
func HeaderLines(h http.Header, signed []string) []string {
	lines := make([]string, len(signed))
	for i, n := range signed {
		lines[i] = Encode(strings.ToLower(n)) + ":" + Encode(h.Get(n))
	}
	sort.Strings(lines)
	return lines
}

// Sign returns the Authorization header value for r, signed with the
// access key ak and secret key sk at timestamp ts (use Timestamp, or any
// string the receiver expects), over the named headers.
func Sign(r Request, ak, sk, ts string, headerNames []string) string {
	signed := SignedHeaders(headerNames)
	return sign(r, ak, sk, ts, signed)
}

func sign(r Request, ak, sk, ts string, signed []string) string {
	prefix := Prefix + "/" + ak + "/" + ts + "/" + strings.Join(signed, ";")
	signingKey := HMACHex([]byte(sk), prefix)
	return prefix + "/" + HMACHex([]byte(signingKey), Canonical(r, signed))
}

// HMACHex is lowerhex(HMAC-SHA256(key, msg)).
func HMACHex(key []byte, msg string) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(msg))
	return hex.EncodeToString(m.Sum(nil))
}
