package gateway

import (
	"fmt"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/switchboard-sim/switchboard/simulator/errs"
	"github.com/switchboard-sim/switchboard/simulator/tenant"
)

type ctxKey string

const (
	keyTenant    ctxKey = "switchboard.tenant"
	keyOperation ctxKey = "switchboard.operation"
	keyBody      ctxKey = "switchboard.body"
	keyAPI       ctxKey = "switchboard.api"
	keyViolation ctxKey = "switchboard.violations"
	keyServed    ctxKey = "switchboard.served"
)

// ViolationsHeader carries a short summary of a request's contract violations.
const ViolationsHeader = "X-Switchboard-Violations"

// Tenant is the tenant the request acts on. It is nil only on control-plane routes.
func Tenant(c *gin.Context) *tenant.Tenant {
	t, _ := c.Get(string(keyTenant))
	tt, _ := t.(*tenant.Tenant)
	return tt
}

// WithTenant sets the request's tenant (used by handlers that resolve a
// tenant themselves, such as cookie-only Bright Pattern file downloads).
func WithTenant(c *gin.Context, t *tenant.Tenant) { c.Set(string(keyTenant), t) }

// Operation is the request's operationId (or the RPC method set by the handler).
func Operation(c *gin.Context) string { return c.GetString(string(keyOperation)) }

// SetOperation names the operation for the journal, for single-endpoint RPC
// APIs whose real operation is in the body.
func SetOperation(c *gin.Context, op string) { c.Set(string(keyOperation), op) }

// Body is the raw request body, read once by the gateway.
func Body(c *gin.Context) []byte {
	b, _ := c.Get(string(keyBody))
	bb, _ := b.([]byte)
	return bb
}

// Fail renders err in the vendor's shape and stops the handler chain. An
// Invalid error's fields are the request's contract violations: they go to
// the journal and the contract report, and are summarised in a header.
func Fail(c *gin.Context, err error) {
	a, _ := c.Get(string(keyAPI))
	e := errs.As(err)
	if e.Code == errs.Invalid && len(e.Fields) > 0 {
		c.Set(string(keyViolation), e.Fields)
		c.Header(ViolationsHeader, summarize(e.Fields))
	}
	if api, ok := a.(API); ok {
		api.WriteError(c, e)
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
	c.JSON(Status(e.Code), gin.H{"error": body})
}

// violations are the fields the request broke, if any.
func violations(c *gin.Context) []errs.Field {
	v, _ := c.Get(string(keyViolation))
	f, _ := v.([]errs.Field)
	return f
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
