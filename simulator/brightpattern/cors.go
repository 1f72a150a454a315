package brightpattern

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/switchboard-sim/switchboard/simulator/errs"
	"github.com/switchboard-sim/switchboard/simulator/gateway"
)

// allowHeaders are the request headers the widget sends cross-origin.
const allowHeaders = "authorization, content-type, x-switchboard-tenant"

// cors lets a page on another origin call the API with credentials: the
// caller's Origin is echoed (never "*", which credentials forbid).
func cors(c *gin.Context) {
	origin := c.GetHeader("Origin")
	if origin == "" {
		return
	}
	h := c.Writer.Header()
	h.Set("Access-Control-Allow-Origin", origin)
	h.Set("Access-Control-Allow-Credentials", "true")
	h.Set("Access-Control-Expose-Headers", "Content-Type, Content-Disposition")
	h.Add("Vary", "Origin")
}

func withCORS(fn gin.HandlerFunc) gin.HandlerFunc {
	return func(c *gin.Context) {
		cors(c)
		fn(c)
	}
}

// Preflight answers the CORS preflight the widget sends before every call.
func (a *API) Preflight(c *gin.Context) {
	cors(c)
	h := c.Writer.Header()
	h.Set("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
	h.Set("Access-Control-Allow-Headers", allowedHeaders(c.GetHeader("Access-Control-Request-Headers")))
	h.Set("Access-Control-Max-Age", "600")
	c.Status(http.StatusNoContent)
}

// allowedHeaders is allowHeaders plus every other header the browser asks
// for, each named once, lower-cased.
func allowedHeaders(requested string) string {
	names := strings.Split(allowHeaders, ", ")
	seen := map[string]bool{}
	for _, n := range names {
		seen[n] = true
	}
	for _, n := range strings.Split(requested, ",") {
		n = strings.ToLower(strings.TrimSpace(n))
		if n != "" && !seen[n] {
			seen[n] = true
			names = append(names, n)
		}
	}
	return strings.Join(names, ", ")
}

// WriteError renders the vendor's error body {"error_code": n,
// "error_message": "..."}, naming every wrong field in the message.
func (a *API) WriteError(c *gin.Context, e *errs.Error) {
	cors(c)
	status := gateway.Status(e.Code)
	msg := e.Message
	if len(e.Fields) > 0 {
		parts := make([]string, len(e.Fields))
		for i, f := range e.Fields {
			parts[i] = f.Name + ": " + f.Reason
		}
		msg += " (" + strings.Join(parts, "; ") + ")"
	}
	gateway.JSON(c, status, gin.H{"error_code": status, "error_message": msg})
}
