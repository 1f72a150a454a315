package admin

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
)

// TokenCookie holds the --admin-token for the dashboard in a browser, which
// cannot send a header when it opens a page or an event stream. It is
// HttpOnly and SameSite=Strict: no other site's page sends it.
const TokenCookie = "switchboard_admin_token"

// browserToken is the token a browser sent: its cookie, or ?token= when it
// opens the dashboard page itself (GET /__admin/ui), which then moves the
// token into the cookie.
func browserToken(c *gin.Context) string {
	if ck, err := c.Request.Cookie(TokenCookie); err == nil && ck.Value != "" {
		return ck.Value
	}
	if c.Request.Method == http.MethodGet && strings.HasSuffix(c.Request.URL.Path, "/__admin/ui") {
		return c.Query("token")
	}
	return ""
}
