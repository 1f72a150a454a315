package admin

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/gin-gonic/gin"
)

// TestDashboardToken: a browser's token comes from the cookie, or from
// ?token= only when it opens the dashboard page itself; the cookie does not
// excuse a cross-site write.
func TestDashboardToken(t *testing.T) {
	gin.SetMode(gin.ReleaseMode)
	e := gin.New()
	e.Use(Guard(GuardOptions{Token: "s3cret"}))
	e.Any("/__admin/*p", func(c *gin.Context) { c.Status(200) })
	cases := []struct {
		name, method, target, cookie, origin string
		want                                 int
	}{
		{"page with ?token=", "GET", "/__admin/ui?token=s3cret", "", "", 200},
		{"page with a wrong ?token=", "GET", "/__admin/ui?token=nope", "", "", 401},
		{"?token= elsewhere is not read", "GET", "/__admin/requests?token=s3cret", "", "", 401},
		{"?token= on a write is not read", "POST", "/__admin/ui?token=s3cret", "", "", 401},
		{"cookie", "GET", "/__admin/events", "s3cret", "", 200},
		{"cookie on a same-origin write", "POST", "/__admin/clock/advance", "s3cret", "http://sb.test", 200},
		{"wrong cookie", "GET", "/__admin/events", "nope", "", 401},
		{"cookie does not excuse a cross-site write", "POST", "/__admin/faults", "s3cret", "http://evil.example", 403},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			req := httptest.NewRequest(c.method, c.target, nil)
			req.RemoteAddr = "127.0.0.1:5000"
			req.Host = "sb.test"
			if c.cookie != "" {
				req.AddCookie(&http.Cookie{Name: TokenCookie, Value: c.cookie})
			}
			if c.origin != "" {
				req.Header.Set("Origin", c.origin)
			}
			w := httptest.NewRecorder()
			e.ServeHTTP(w, req)
			if w.Code != c.want {
				t.Fatalf("status %d, want %d (%s)", w.Code, c.want, w.Body)
			}
		})
	}
}
