package admin

import (
	"net/http/httptest"
	"testing"

	"github.com/gin-gonic/gin"
)

func TestGuard(t *testing.T) {
	gin.SetMode(gin.ReleaseMode)
	cases := []struct {
		name, token, remote, header string
		want                        int
	}{
		{"loopback v4", "", "127.0.0.1:5000", "", 200},
		{"loopback v6", "", "[::1]:5000", "", 200},
		{"remote without token", "", "192.0.2.7:5000", "", 403},
		{"remote with token", "s3cret", "192.0.2.7:5000", "Bearer s3cret", 200},
		{"wrong token", "s3cret", "127.0.0.1:5000", "Bearer nope", 401},
		{"missing token", "s3cret", "127.0.0.1:5000", "", 401},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := gin.New()
			e.GET("/x", Guard(c.token), func(ctx *gin.Context) { ctx.Status(200) })
			req := httptest.NewRequest("GET", "/x", nil)
			req.RemoteAddr = c.remote
			if c.header != "" {
				req.Header.Set("Authorization", c.header)
			}
			w := httptest.NewRecorder()
			e.ServeHTTP(w, req)
			if w.Code != c.want {
				t.Fatalf("status %d, want %d (%s)", w.Code, c.want, w.Body)
			}
		})
	}
}
