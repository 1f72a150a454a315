package durable

import (
	"encoding/binary"
	"errors"
)

// A kept record's variable part, packed as the in-memory history keeps it:
// kind, method and target; the headers (a count, 0 for none at all, then
// each name with its values); the body (its length plus one, 0 for none).
// Every string is a uvarint length and its bytes. The packed form is built
// straight from the request, never from a Record built first, and holds no
// pointer, so a history of many records costs the collector nothing to scan.

// packedLen is the length appendPacked adds. With keep set, only those
// headers are packed, and the record has a header map even when none is.
func packedLen(kind, method, target string, h map[string][]string, keep []string, body []byte) int {
	n := strLen(kind) + strLen(method) + strLen(target)
	count := 0
	header := func(k string, vs []string) {
		count++
		n += strLen(k) + uvarintLen(uint64(len(vs)))
		for _, v := range vs {
			n += strLen(v)
		}
	}
	if keep != nil {
		for _, k := range keep {
			if vs := h[k]; len(vs) > 0 {
				header(k, vs)
			}
		}
	} else {
		for k, vs := range h {
			header(k, vs)
		}
	}
	if keep != nil || h != nil {
		count++
	}
	n += uvarintLen(uint64(count))
	if body != nil {
		n += uvarintLen(uint64(len(body))+1) + len(body)
	} else {
		n++
	}
	return n
}

func appendPacked(b []byte, kind, method, target string, h map[string][]string, keep []string, body []byte) []byte {
	b = appendStr(b, kind)
	b = appendStr(b, method)
	b = appendStr(b, target)
	switch {
	case keep != nil:
		count := 0
		for _, k := range keep {
			if len(h[k]) > 0 {
				count++
			}
		}
		b = binary.AppendUvarint(b, uint64(count)+1)
		for _, k := range keep {
			if vs := h[k]; len(vs) > 0 {
				b = appendHeader(b, k, vs)
			}
		}
	case h != nil:
		b = binary.AppendUvarint(b, uint64(len(h))+1)
		for k, vs := range h {
			b = appendHeader(b, k, vs)
		}
	default:
		b = append(b, 0)
	}
	if body == nil {
		return append(b, 0)
	}
	b = binary.AppendUvarint(b, uint64(len(body))+1)
	return append(b, body...)
}

func appendHeader(b []byte, k string, vs []string) []byte {
	b = appendStr(b, k)
	b = binary.AppendUvarint(b, uint64(len(vs)))
	for _, v := range vs {
		b = appendStr(b, v)
	}
	return b
}

func appendStr(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

func strLen(s string) int { return uvarintLen(uint64(len(s))) + len(s) }

func uvarintLen(x uint64) int {
	n := 1
	for x >= 0x80 {
		x >>= 7
		n++
	}
	return n
}

var errPacked = errors.New("in-memory record damaged")

// unpack rebuilds a record's variable part. Its strings share one copy of
// p and its body another: nothing returned points into the history.
func unpack(p []byte, rec *Record) error {
	s := string(p)
	var ok bool
	if rec.Kind, s, ok = cutStr(s); !ok {
		return errPacked
	}
	if rec.Method, s, ok = cutStr(s); !ok {
		return errPacked
	}
	if rec.Target, s, ok = cutStr(s); !ok {
		return errPacked
	}
	count, s, ok := cutUvarint(s)
	if !ok {
		return errPacked
	}
	if count > 0 {
		rec.Header = make(map[string][]string, count-1)
		for range count - 1 {
			var k string
			var nv uint64
			if k, s, ok = cutStr(s); !ok {
				return errPacked
			}
			if nv, s, ok = cutUvarint(s); !ok || nv > uint64(len(s)) {
				return errPacked
			}
			vs := make([]string, nv)
			for i := range vs {
				if vs[i], s, ok = cutStr(s); !ok {
					return errPacked
				}
			}
			rec.Header[k] = vs
		}
	}
	nb, s, ok := cutUvarint(s)
	if !ok || nb > uint64(len(s))+1 {
		return errPacked
	}
	if nb > 0 {
		rec.Body = []byte(s[:nb-1])
	}
	return nil
}

func cutUvarint(s string) (uint64, string, bool) {
	var x uint64
	for i := 0; i < len(s) && i < binary.MaxVarintLen64; i++ {
		c := s[i]
		if c < 0x80 {
			return x | uint64(c)<<(7*i), s[i+1:], true
		}
		x |= uint64(c&0x7f) << (7 * i)
	}
	return 0, "", false
}

func cutStr(s string) (string, string, bool) {
	n, rest, ok := cutUvarint(s)
	if !ok || n > uint64(len(rest)) {
		return "", "", false
	}
	return rest[:n], rest[n:], true
}
