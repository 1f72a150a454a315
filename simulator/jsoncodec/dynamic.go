package jsoncodec

import (
	"encoding/json"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gin-gonic/gin"
)

// Handlers wrap most answers in a gin.H. goccy is no faster than
// encoding/json on small maps, so the dynamic layer (map[string]any, gin.H,
// []any and the scalars in them) is written here, and only the typed values
// inside go through fast or encoding/json. encoding/json is compositional: a
// value inside an interface is written exactly as Marshal writes it alone, so
// splicing the pieces gives encoding/json's bytes. Strings, keys and floats
// are written by encoding/json's own code (below); an error anywhere (NaN,
// an unsupported type, a failing MarshalJSON) hands the whole value back to
// encoding/json, so its error is the one returned.

// appendDynamic appends v's encoding to b; ok is false when the caller must
// marshal the whole value with encoding/json instead.
func appendDynamic(b []byte, v any, d int) (_ []byte, ok bool) {
	if d > maxDepth {
		return b, false
	}
	switch x := v.(type) {
	case nil:
		return append(b, "null"...), true
	case bool:
		return strconv.AppendBool(b, x), true
	case string:
		return appendString(b, x), true
	case float64:
		return appendFloat(b, x, 64)
	case float32:
		return appendFloat(b, float64(x), 32)
	case int:
		return strconv.AppendInt(b, int64(x), 10), true
	case int64:
		return strconv.AppendInt(b, x, 10), true
	case int32:
		return strconv.AppendInt(b, int64(x), 10), true
	case uint:
		return strconv.AppendUint(b, uint64(x), 10), true
	case uint64:
		return strconv.AppendUint(b, x, 10), true
	case uint32:
		return strconv.AppendUint(b, uint64(x), 10), true
	case map[string]any:
		return appendMap(b, x, d)
	case gin.H:
		return appendMap(b, x, d)
	case []any:
		if x == nil {
			return append(b, "null"...), true
		}
		b = append(b, '[')
		for i, e := range x {
			if i > 0 {
				b = append(b, ',')
			}
			if b, ok = appendDynamic(b, e, d+1); !ok {
				return b, false
			}
		}
		return append(b, ']'), true
	}
	if out, ok := typed(b, v); ok {
		return out, true
	}
	p, err := json.Marshal(v)
	if err != nil {
		return b, false
	}
	return append(b, p...), true
}

func appendMap(b []byte, m map[string]any, d int) ([]byte, bool) {
	if m == nil {
		return append(b, "null"...), true
	}
	// Pairs, not keys: looking each value up again cost more than the copy.
	var small [8]pair
	pairs := small[:0]
	for k, v := range m {
		pairs = append(pairs, pair{k, v})
	}
	sortPairs(pairs) // encoding/json sorts by the raw key, then escapes it
	b = append(b, '{')
	for i := range pairs {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(appendString(b, pairs[i].k), ':')
		var ok bool
		if b, ok = appendDynamic(b, pairs[i].v, d+1); !ok {
			return b, false
		}
	}
	return append(b, '}'), true
}

type pair struct {
	k string
	v any
}

// sortPairs sorts by key: by insertion for the few keys of a gin.H, which
// beats the generic sort's comparison calls.
func sortPairs(p []pair) {
	if len(p) > len([8]pair{}) {
		slices.SortFunc(p, func(a, b pair) int { return strings.Compare(a.k, b.k) })
		return
	}
	for i := 1; i < len(p); i++ {
		for j := i; j > 0 && p[j].k < p[j-1].k; j-- {
			p[j], p[j-1] = p[j-1], p[j]
		}
	}
}

// appendString and appendFloat are encoding/json's (encode.go, Go 1.26,
// BSD licence), with escapeHTML on as Marshal has it; the tests compare them
// with encoding/json on every rune and on random floats.

func appendString(dst []byte, src string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(src); {
		if b := src[i]; b < utf8.RuneSelf {
			if htmlSafe[b] {
				i++
				continue
			}
			dst = append(dst, src[start:i]...)
			switch b {
			case '\\', '"':
				dst = append(dst, '\\', b)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hex[b>>4], hex[b&0xF])
			}
			i++
			start = i
			continue
		}
		c, size := utf8.DecodeRuneInString(src[i:])
		if c == utf8.RuneError && size == 1 {
			dst = append(dst, src[start:i]...)
			dst = append(dst, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if c == '\u2028' || c == '\u2029' {
			dst = append(dst, src[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hex[c&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, src[start:]...)
	return append(dst, '"')
}

const hex = "0123456789abcdef"

// htmlSafe holds the ASCII bytes a string takes as they are: one load per
// byte instead of six comparisons (encoding/json's htmlSafeSet).
var htmlSafe = func() (safe [utf8.RuneSelf]bool) {
	for c := byte(0x20); c < utf8.RuneSelf; c++ {
		safe[c] = c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
	}
	return safe
}()

// appendFloat writes f as encoding/json does; NaN and ±Inf are errors there,
// so they are handed back.
func appendFloat(b []byte, f float64, bits int) ([]byte, bool) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return b, false
	}
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 {
		if bits == 64 && (abs < 1e-6 || abs >= 1e21) || bits == 32 && (float32(abs) < 1e-6 || float32(abs) >= 1e21) {
			format = 'e'
		}
	}
	b = strconv.AppendFloat(b, f, format, -1, bits)
	if format == 'e' {
		// clean up e-09 to e-9
		n := len(b)
		if n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b, true
}
