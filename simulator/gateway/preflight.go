package gateway

import (
	"time"

	"github.com/gin-gonic/gin"
)

// PreflightOperation is the journal's operation name for a CORS preflight,
// which has no operationId in the spec.
const PreflightOperation = "Preflight"

// journaledPreflight answers a CORS preflight through the API and records
// it in the journal like any other request, so a browser's OPTIONS calls
// can be inspected. A preflight carries no credentials, so it belongs to no
// tenant and is timed by the base clock.
func journaledPreflight(api API, p Preflighter, deps *Deps) gin.HandlerFunc {
	rt := &route{api: api, deps: deps, opID: PreflightOperation}
	return func(c *gin.Context) {
		start := time.Now()
		c.Set(keyFacts, &facts{api: api, operation: PreflightOperation})
		p.Preflight(c)
		if deps.Journal != nil {
			rt.record(c, nil, time.Since(start), nil, &recorder{ResponseWriter: c.Writer, status: c.Writer.Status()}, nil)
		}
	}
}
