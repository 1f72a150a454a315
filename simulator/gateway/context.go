package gateway

import (
	"fmt"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/switchboard-sim/switchboard/simulator/errs"
	"github.com/switchboard-sim/switchboard/simulator/faults"
	"github.com/switchboard-sim/switchboard/simulator/tenant"
)

// facts is what the gateway learns about one request, and what handlers
// and the journal read back. A route's facts live in its pooled exchange and
// are reached through the response recorder, which is c.Writer while the
// route runs: no map and no lock per read, and nothing allocated. Requests
// served outside a route (a preflight, a miss, the control plane) keep
// theirs under one gin key.
type facts struct {
	api        API
	operation  string
	tenant     *tenant.Tenant
	body       []byte
	violations []errs.Field
	served     bool // served leniently despite violations
	err        *errs.Error
	fault      string
	drip       *faults.Action
}

const keyFacts = "switchboard.facts"

// peekFacts is the request's facts, or nil when nothing has been learnt.
func peekFacts(c *gin.Context) *facts {
	if r, ok := c.Writer.(*recorder); ok && r.facts != nil {
		return r.facts
	}
	if c.Keys == nil { // nothing set: spare Get its lock
		return nil
	}
	if v, ok := c.Get(keyFacts); ok {
		return v.(*facts)
	}
	return nil
}

// factsOf is the request's facts, made when there are none yet.
func factsOf(c *gin.Context) *facts {
	if f := peekFacts(c); f != nil {
		return f
	}
	f := new(facts)
	c.Set(keyFacts, f)
	return f
}

// ViolationsHeader carries a short summary of a request's contract violations.
const ViolationsHeader = "X-Switchboard-Violations"

// Tenant is the tenant the request acts on. It is nil only on control-plane routes.
func Tenant(c *gin.Context) *tenant.Tenant {
	if f := peekFacts(c); f != nil {
		return f.tenant
	}
	return nil
}

// WithTenant sets the request's tenant (used by handlers that resolve a
// tenant themselves, such as cookie-only Bright Pattern file downloads).
func WithTenant(c *gin.Context, t *tenant.Tenant) { factsOf(c).tenant = t }

// Operation is the request's operationId (or the RPC method set by the handler).
func Operation(c *gin.Context) string {
	if f := peekFacts(c); f != nil {
		return f.operation
	}
	return ""
}

// SetOperation names the operation for the journal, for single-endpoint RPC
// APIs whose real operation is in the body.
func SetOperation(c *gin.Context, op string) { factsOf(c).operation = op }

// Body is the raw request body, read once by the gateway.
func Body(c *gin.Context) []byte {
	if f := peekFacts(c); f != nil {
		return f.body
	}
	return nil
}

// Fail renders err in the vendor's shape and stops the handler chain. An
// Invalid error's fields are the request's contract violations: they go to
// the journal and the contract report, and are summarised in a header.
func Fail(c *gin.Context, err error) {
	f := factsOf(c)
	e := errs.As(err)
	f.err = e
	if e.Code == errs.Invalid && len(e.Fields) > 0 {
		f.violations = e.Fields
		c.Header(ViolationsHeader, summarize(e.Fields))
	}
	if f.api != nil {
		f.api.WriteError(c, e)
	} else {
		WriteAdminError(c, e)
	}
	c.Abort()
}

// WriteAdminError renders the control plane's error shape:
// {"error":{"code":"...","message":"...","fields":[...]}}.
func WriteAdminError(c *gin.Context, e *errs.Error) {
	body := gin.H{"code": string(e.Code), "message": e.Message}
	if len(e.Fields) > 0 {
		body["fields"] = e.Fields
	}
	JSON(c, Status(e.Code), gin.H{"error": body})
}

// violations are the fields the request broke, if any.
func violations(c *gin.Context) []errs.Field {
	if f := peekFacts(c); f != nil {
		return f.violations
	}
	return nil
}

func summarize(fields []errs.Field) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d violation", len(fields))
	if len(fields) != 1 {
		b.WriteByte('s')
	}
	for i, f := range fields {
		if i == 5 {
			fmt.Fprintf(&b, "; and %d more", len(fields)-5)
			break
		}
		sep := "; "
		if i == 0 {
			sep = ": "
		}
		b.WriteString(sep + f.Name)
		if f.Rule != "" {
			b.WriteString(" (" + f.Rule + ")")
		}
	}
	return b.String()
}
