package gateway

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/gin-gonic/gin"

	"github.com/switchboard-sim/switchboard/simulator/jsoncodec"
)

// JSON writes what c.JSON writes (status, content type, bytes), through
// the recorder's buffer when it can and through c.JSON when it cannot.
func TestJSONAnswersAsGinDoes(t *testing.T) {
	jsoncodec.Install()
	values := []struct {
		code int
		v    any
	}{
		{http.StatusOK, gin.H{"id": "task_1", "n": 3, "html": "<b>&</b>", "nested": gin.H{"ok": true}}},
		{http.StatusCreated, struct {
			ID   string  `json:"id"`
			Due  *string `json:"due"`
			Tags []int   `json:"tags,omitempty"`
		}{ID: "x"}},
		{http.StatusNoContent, gin.H{"dropped": "no body for 204"}},
		{http.StatusOK, gin.H{"bad": func() {}}}, // cannot be encoded: gin's own handling
	}
	for _, tc := range values {
		want := httptest.NewRecorder()
		cw, _ := gin.CreateTestContext(want)
		cw.JSON(tc.code, tc.v)

		for _, buffered := range []bool{true, false} {
			got := httptest.NewRecorder()
			c, _ := gin.CreateTestContext(got)
			var rec recorder
			if buffered {
				rec.reset(c.Writer)
				c.Writer = &rec
			}
			JSON(c, tc.code, tc.v)
			status, header, body := got.Code, got.Header(), got.Body.Bytes()
			if buffered {
				status, header, body = rec.status, rec.Header(), rec.buf.Bytes()
			}
			if status != want.Code || header.Get("Content-Type") != want.Header().Get("Content-Type") || !bytes.Equal(body, want.Body.Bytes()) {
				t.Errorf("buffered=%v %T: got %d %q %s, want %d %q %s", buffered, tc.v, status, header.Get("Content-Type"), body,
					want.Code, want.Header().Get("Content-Type"), want.Body.Bytes())
			}
			if len(c.Errors) != len(cw.Errors) || c.IsAborted() != cw.IsAborted() {
				t.Errorf("buffered=%v %T: errors %v aborted %v, want %v %v", buffered, tc.v, c.Errors, c.IsAborted(), cw.Errors, cw.IsAborted())
			}
		}
	}
}
