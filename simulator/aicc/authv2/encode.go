package authv2

import (
	"net/url"
	"sort"
	"strings"
)

const upperHex = "0123456789ABCDEF"

// Encode is strict RFC 3986 percent-encoding over the UTF-8 bytes of s:
// A-Z a-z 0-9 - . _ ~ stay as they are, every other byte becomes %XY with
// upper-case hex. A space is %20, never +.
func Encode(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if unreserved(c) {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(upperHex[c>>4])
		b.WriteByte(upperHex[c&15])
	}
	return b.String()
}

func unreserved(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' ||
		c == '-' || c == '.' || c == '_' || c == '~'
}

// CanonicalQuery is the canonical query line: every parameter as
// Encode(name)=Encode(value), sorted, joined with "&". It is empty when the
// query has no parameters, and then the canonical request has no query line.
func CanonicalQuery(rawQuery string) string {
	if rawQuery == "" {
		return ""
	}
	values, err := url.ParseQuery(rawQuery)
	if err != nil {
		// A query that does not parse is signed as the client sent it.
		return rawQuery
	}
	var pairs []string
	for k, vs := range values {
		for _, v := range vs {
			pairs = append(pairs, Encode(k)+"="+Encode(v))
		}
	}
	sort.Strings(pairs)
	return strings.Join(pairs, "&")
}

// SignedHeaders orders header names the way Huawei's signer does: sorted
// first, in byte order of the names as given, and lower-cased second. So
// {"content-type", "Host"} gives ["host", "content-type"], because upper
// case sorts before lower case. Duplicates (after lower-casing) are dropped.
func SignedHeaders(names []string) []string {
	sorted := append([]string(nil), names...)
	sort.Strings(sorted)
	seen := map[string]bool{}
	out := make([]string, 0, len(sorted))
	for _, n := range sorted {
		l := strings.ToLower(strings.TrimSpace(n))
		if l == "" || seen[l] {
			continue
		}
		seen[l] = true
		out = append(out, l)
	}
	return out
}
