package gateway

import (
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
)

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

// Fail renders err in the vendor's shape and stops the handler chain.
func Fail(c *gin.Context, err error) {
	a, _ := c.Get(string(keyAPI))
	e := errs.As(err)
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
	c.JSON(e.Code.Status(), gin.H{"error": body})
}
