package admin

import (
	"crypto/subtle"
	"net"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/switchboard-sim/switchboard/simulator/errs"
	"github.com/switchboard-sim/switchboard/simulator/gateway"
)

// Guard protects the control plane. Without a token it answers only
// requests from loopback addresses; with one, it answers any address that
// sends `Authorization: Bearer <token>` or `X-Admin-Token: <token>`.
func Guard(token string) gin.HandlerFunc {
	return func(c *gin.Context) {
		if token == "" {
			host, _, err := net.SplitHostPort(c.Request.RemoteAddr)
			if ip := net.ParseIP(host); err != nil || ip == nil || !ip.IsLoopback() {
				gateway.WriteAdminError(c, errs.New(errs.Forbidden, "the control plane answers only on loopback; start with --admin-token to reach it from elsewhere"))
				c.Abort()
			}
			return
		}
		got := c.GetHeader("X-Admin-Token")
		if v, ok := strings.CutPrefix(c.GetHeader("Authorization"), "Bearer "); ok && got == "" {
			got = v
		}
		if subtle.ConstantTimeCompare([]byte(got), []byte(token)) != 1 {
			gateway.WriteAdminError(c, errs.New(errs.Unauthorized, "missing or wrong admin token"))
			c.Abort()
		}
	}
}

// JSONBodies lets the control plane read a JSON body whatever Content-Type
// came with it: `curl -d '{"by":"90s"}'` sends a form type, and the control
// plane is Switchboard's own API, not a vendor's whose rules must be kept.
func JSONBodies() gin.HandlerFunc {
	return func(c *gin.Context) {
		if c.Request.ContentLength == 0 && c.Request.Body == nil {
			return
		}
		ct := c.GetHeader("Content-Type")
		if ct == "" || strings.HasPrefix(ct, "application/x-www-form-urlencoded") || strings.HasPrefix(ct, "text/plain") {
			c.Request.Header.Set("Content-Type", "application/json")
		}
	}
}
