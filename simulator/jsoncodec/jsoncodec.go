// Package jsoncodec is gin's JSON codec for the simulator. Marshal, and
// Append into a caller's buffer, give exactly encoding/json's bytes, faster,
// by three routes:
//   - plain response structs (a Task, an Ack) by encoders compiled per type
//     over field offsets (direct.go, struct.go, time.go);
//   - the gin.H, map[string]any and []any that handlers wrap values in, by
//     appendDynamic (dynamic.go);
//   - other typed values by github.com/goccy/go-json, behind a guard that
//     sends the edge cases where it differs to encoding/json (guard.go).
//
// Strings, keys, floats and times are written by copies of encoding/json's
// (and time's) own code. Anything a route declines or fails on is marshalled
// by encoding/json as a whole, so output and errors are always encoding/json's.
// Everything else (decoding, indenting, the streaming encoder behind
// PureJSON) stays encoding/json.
package jsoncodec

import (
	"bytes"
	"encoding/json"
	"io"
	"sync"

	"github.com/gin-gonic/gin"
	ginjson "github.com/gin-gonic/gin/codec/json"
	goccy "github.com/goccy/go-json"
)

// Codec implements gin's codec/json.Core.
type Codec struct{}

var install sync.Once

// Install makes Codec gin's JSON codec. gin keeps its codec in a package
// variable, so this is process-wide; it is idempotent and safe to call from
// every server constructor.
func Install() {
	install.Do(func() { ginjson.API = Codec{} })
}

// Marshal returns encoding/json.Marshal(v), computed without it when the
// result is known to be the same.
func (Codec) Marshal(v any) ([]byte, error) {
	bp := scratch.Get().(*[]byte)
	defer putScratch(bp)
	b, ok := appendFast((*bp)[:0], v)
	*bp = b
	if !ok {
		return json.Marshal(v)
	}
	return bytes.Clone(b), nil
}

// scratch holds the buffers Marshal writes into before copying the result
// out at its exact size: one allocation per value, whatever its size.
var scratch = sync.Pool{New: func() any { return new([]byte) }}

// putScratch keeps a buffer for the next Marshal unless an unusually large
// value grew it, which would pin that memory for every later one.
func putScratch(bp *[]byte) {
	if cap(*bp) <= 64<<10 {
		scratch.Put(bp)
	}
}

// Append appends encoding/json.Marshal(v) to b and returns the extended
// slice, as the append built-in does; the encoders that take plain structs
// and gin.H allocate nothing of their own. On error it returns b as passed
// (its length unchanged, though bytes in its spare capacity may have been
// overwritten) and encoding/json's error. Append keeps neither b nor v.
func Append(b []byte, v any) ([]byte, error) {
	if out, ok := appendFast(b, v); ok {
		return out, nil
	}
	p, err := json.Marshal(v)
	if err != nil {
		return b, err
	}
	return append(b, p...), nil
}

// Append is the package's Append, as a method: gin's codec is an
// interface, and a caller holding the installed one (gateway.JSON) asks it
// whether it can append, so that a suite's verifying codec sees those
// values too.
func (Codec) Append(b []byte, v any) ([]byte, error) { return Append(b, v) }

// appendFast appends v without encoding/json when it can; ok is false when v
// must go to encoding/json.
func appendFast(b []byte, v any) (_ []byte, ok bool) {
	switch v.(type) {
	case nil:
		return append(b, "null"...), true
	case gin.H, map[string]any, []any:
		return appendDynamic(b, v, 0)
	}
	return typed(b, v)
}

// typed appends a typed value: directly when it is a plain struct (or any
// plain type), else through goccy when the guard allows.
func typed(b []byte, v any) ([]byte, bool) {
	if out, ok := appendDirect(b, v); ok {
		return out, true
	}
	p, ok := fast(v)
	if !ok {
		return b, false
	}
	return append(b, p...), true
}

// fast marshals v with goccy when that is known to give encoding/json's
// bytes: the guard lets v through, goccy succeeds, and its output holds no
// \u0008 or \u000c (encoding/json writes \b and \f for those characters since
// Go 1.22; goccy does not, and scanning the output is cheaper than scanning
// every string going in).
func fast(v any) ([]byte, bool) {
	if !fastSafe(v) {
		return nil, false
	}
	b, err := goccy.Marshal(v)
	if err != nil || hasShortEscapable(b) {
		return nil, false
	}
	return b, true
}

// hasShortEscapable reports whether b holds \u0008 or \u000c (in any case).
func hasShortEscapable(b []byte) bool {
	for {
		i := bytes.IndexByte(b, '\\')
		if i < 0 {
			return false
		}
		b = b[i+1:]
		if len(b) >= 5 && string(b[:4]) == "u000" {
			if c := b[4]; c == '8' || c == 'c' || c == 'C' {
				return true
			}
		}
	}
}

// Unmarshal is encoding/json's: its error texts reach clients in vendor
// error bodies.
func (Codec) Unmarshal(data []byte, v any) error { return json.Unmarshal(data, v) }

// MarshalIndent is encoding/json's.
func (Codec) MarshalIndent(v any, prefix, indent string) ([]byte, error) {
	return json.MarshalIndent(v, prefix, indent)
}

// NewEncoder is encoding/json's (gin uses it for PureJSON).
func (Codec) NewEncoder(w io.Writer) ginjson.Encoder { return json.NewEncoder(w) }

// NewDecoder is encoding/json's.
func (Codec) NewDecoder(r io.Reader) ginjson.Decoder { return json.NewDecoder(r) }
