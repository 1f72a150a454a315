package admin

import (
	"context"
	"crypto/subtle"
	"log/slog"
	"net"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/switchboard-sim/switchboard/simulator/errs"
	"github.com/switchboard-sim/switchboard/simulator/gateway"
)

// GuardOptions configure Guard. The zero value answers loopback clients
// that name the server as localhost or by a loopback address.
type GuardOptions struct {
	// Token, when set, opens the control plane to any address and any Host
	// that sends it (Authorization: Bearer or X-Admin-Token).
	Token string
	// Hosts are further Host names allowed without a token.
	Hosts Hosts
	// Logger, when set, records every refused request (a page that probes
	// the control plane is otherwise invisible to the developer).
	Logger *slog.Logger
}

// Guard protects every path of the control plane, in three steps:
//
//  1. Who: without a token, only loopback clients, and only when the Host
//     header is localhost, a loopback address or an allowed host. A page
//     whose domain is rebound to 127.0.0.1 (DNS rebinding) sends its own
//     domain, so it cannot read the journal. With a token, the token
//     decides, from any address and for any Host.
//  2. Cross-site: a state-changing request sent by a web page on another
//     origin is refused (see crossSite), token or not.
//  3. Otherwise the request proceeds; JSONBodies runs only after this.
func Guard(o GuardOptions) gin.HandlerFunc {
	return func(c *gin.Context) {
		if e := o.admit(c); e != nil {
			if o.Logger != nil {
				o.Logger.Warn("control plane refused a request", "method", c.Request.Method, "path", c.Request.URL.Path,
					"remote", c.Request.RemoteAddr, "host", c.Request.Host, "origin", c.GetHeader("Origin"),
					"secFetchSite", c.GetHeader("Sec-Fetch-Site"), "reason", e.Message)
			}
			gateway.WriteAdminError(c, e)
			c.Abort()
		}
	}
}

// internalKey marks a request the server makes to itself.
type internalKey struct{}

// Internal marks ctx as a request the server sends to itself, such as the
// replay of acknowledged writes at start-up or a snapshot restore. The
// guard lets it through: it was admitted once, when it was first served,
// and its replay must not depend on today's Host, token or headers.
func Internal(ctx context.Context) context.Context {
	return context.WithValue(ctx, internalKey{}, true)
}

func (o GuardOptions) admit(c *gin.Context) *errs.Error {
	if v, _ := c.Request.Context().Value(internalKey{}).(bool); v {
		return nil
	}
	if o.Token == "" {
		host, _, err := net.SplitHostPort(c.Request.RemoteAddr)
		if ip := net.ParseIP(host); err != nil || ip == nil || !ip.IsLoopback() {
			return errs.New(errs.Forbidden, "the control plane answers only on loopback; start with --admin-token to reach it from elsewhere")
		}
		// A request without Host is HTTP/1.0 and so not from a browser:
		// browsers always send it.
		if h := c.Request.Host; h != "" && !isLocal(hostName(h)) && !o.Hosts.allows(hostName(h)) {
			return errs.New(errs.Forbidden, "the control plane answers only when the Host header names localhost or a loopback address, and %q is neither "+
				"(this keeps web pages on other domains out, even when their DNS points at 127.0.0.1); if you reach Switchboard by this name, "+
				"start it with --admin-allowed-hosts %s (env SWITCHBOARD_ADMIN_ALLOWED_HOSTS), or set --admin-token", h, hostName(h))
		}
	} else {
		got := c.GetHeader("X-Admin-Token")
		if v, ok := strings.CutPrefix(c.GetHeader("Authorization"), "Bearer "); ok && got == "" {
			got = v
		}
		if got == "" {
			got = browserToken(c) // the dashboard (uitoken.go)
		}
		if subtle.ConstantTimeCompare([]byte(got), []byte(o.Token)) != 1 {
			return errs.New(errs.Unauthorized, "missing or wrong admin token")
		}
	}
	if why := crossSite(c.Request); why != "" {
		return errs.New(errs.Forbidden, "%s", why)
	}
	return nil
}

// JSONBodies lets the control plane read a JSON body whatever Content-Type
// came with it: `curl -d '{"by":"90s"}'` sends a form type, and the control
// plane is Switchboard's own API, not a vendor's whose rules must be kept.
// It must run after Guard: a browser sends text/plain and form bodies
// cross-site without a preflight, so only requests that passed the
// cross-site check may have them read as JSON.
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
