package gateway

import (
	"net/http"

	"github.com/gin-gonic/gin"
	ginjson "github.com/gin-gonic/gin/codec/json"
)

// jsonContentType is gin's, so that an answer written by JSON is the one
// c.JSON writes, byte for byte.
var jsonContentType = []string{"application/json; charset=utf-8"}

// appender is a gin JSON codec that can append a value's encoding to a
// buffer (simulator/jsoncodec's can) instead of returning a new slice.
type appender interface {
	Append(b []byte, v any) ([]byte, error)
}

// JSON answers v as c.JSON(code, v) does. While a route buffers its answer,
// and gin's codec can append, v is encoded straight into that buffer: no
// slice per answer and no copy. Handlers should answer with it.
func JSON(c *gin.Context, code int, v any) {
	r, ok := c.Writer.(*recorder)
	codec, can := ginjson.API.(appender)
	if !ok || !can || r.streaming || !bodyAllowed(code) {
		c.JSON(code, v)
		return
	}
	b, err := codec.Append(r.buf.AvailableBuffer(), v)
	if err != nil {
		c.JSON(code, v) // gin's own handling of a value it cannot encode
		return
	}
	c.Status(code)
	if h := r.Header(); len(h["Content-Type"]) == 0 {
		h["Content-Type"] = jsonContentType
	}
	_, _ = r.Write(b) // b is the buffer's spare room: Write copies it onto itself
}

// bodyAllowed is net/http's bodyAllowedForStatus: gin writes no body for
// these, only the header.
func bodyAllowed(code int) bool {
	switch {
	case code >= 100 && code <= 199, code == http.StatusNoContent, code == http.StatusNotModified:
		return false
	}
	return true
}
