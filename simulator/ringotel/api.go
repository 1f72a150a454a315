// Package ringotel simulates the Ringotel Messaging API (seed 000): a single
// JSON-RPC-like endpoint that syncs messages, sessions and call history.
package ringotel

import (
	"time"

	"github.com/gin-gonic/gin"

	"github.com/switchboard-sim/switchboard/simulator/errs"
	"github.com/switchboard-sim/switchboard/simulator/tenant"
)

const apiName = "ringotel"

// Options configure the Ringotel simulator.
type Options struct {
	// SessionTimeout closes a session after this much inactivity on the virtual clock (default 24h).
	SessionTimeout time.Duration
}

// API is the Ringotel simulator.
type API struct {
	opts    Options
	tenants *tenant.Registry
}

// New returns the API.
func New(tenants *tenant.Registry, opts Options) (*API, error) {
	if opts.SessionTimeout <= 0 {
		opts.SessionTimeout = 24 * time.Hour
	}
	return &API{opts: opts, tenants: tenants}, nil
}

// Name is the API's id and URL prefix.
func (a *API) Name() string { return apiName }

// Authenticate reads `Authorization: Bearer <key>`.
func (a *API) Authenticate(c *gin.Context) (string, error) {
	return "", errs.New(errs.Unauthorized, "skeleton")
}

// WriteError renders {"error":{"code","message"}}.
func (a *API) WriteError(c *gin.Context, e *errs.Error) {
	c.JSON(e.Code.Status(), gin.H{"error": gin.H{"code": e.Code.Status(), "message": e.Message}})
}

// Handlers binds every operationId of openapi/ringotel.yaml.
func (a *API) Handlers() map[string]gin.HandlerFunc { return map[string]gin.HandlerFunc{} }
