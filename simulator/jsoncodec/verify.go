package jsoncodec

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sync/atomic"

	ginjson "github.com/gin-gonic/gin/codec/json"
)

// Stats counts the values a verifying codec has marshalled.
type Stats struct {
	Fast, Fallback, Mismatches atomic.Int64 // Fast: not by encoding/json as a whole
}

// InstallVerifying is Install for test suites (call it from TestMain, before
// any server is built): every value gin renders is marshalled both by Codec
// and by encoding/json, a difference is reported to mismatch, and
// encoding/json's bytes are served.
func InstallVerifying(mismatch func(v any, got, want []byte)) *Stats {
	st := &Stats{}
	install.Do(func() {})
	ginjson.API = verifying{Codec{}, st, mismatch}
	return st
}

type verifying struct {
	Codec
	st       *Stats
	mismatch func(v any, got, want []byte)
}

// Append checks Append as Marshal checks Marshal, and appends
// encoding/json's bytes.
func (c verifying) Append(b []byte, v any) ([]byte, error) {
	if _, ok := appendFast(nil, v); ok {
		c.st.Fast.Add(1)
	} else {
		c.st.Fallback.Add(1)
	}
	n := len(b)
	got, gerr := Append(b, v)
	want, werr := json.Marshal(v)
	if !bytes.Equal(got[n:], want) || fmt.Sprint(gerr) != fmt.Sprint(werr) {
		c.st.Mismatches.Add(1)
		c.mismatch(v, got[n:], want)
	}
	if werr != nil {
		return b[:n], werr
	}
	return append(b[:n], want...), nil
}

func (c verifying) Marshal(v any) ([]byte, error) {
	if _, ok := appendFast(nil, v); ok {
		c.st.Fast.Add(1)
	} else {
		c.st.Fallback.Add(1)
	}
	got, gerr := c.Codec.Marshal(v)
	want, werr := json.Marshal(v)
	if !bytes.Equal(got, want) || fmt.Sprint(gerr) != fmt.Sprint(werr) {
		c.st.Mismatches.Add(1)
		c.mismatch(v, got, want)
	}
	return want, werr
}
