// Package aicc plays Huawei Cloud AICC pushing signed webhook messages (seed 001).
// JSON-RPC-like endpoint that syncs messages, sessions and call history.
package aicc

import (
	"time"

	"github.com/gin-gonic/gin"

	"github.com/switchboard-sim/switchboard/simulator/errs"
	"github.com/switchboard-sim/switchboard/simulator/tenant"
)

const apiName = "aicc"

// Options configure the AICC simulator.
type Options struct {
	// DeliveryTimeout is the wall-clock timeout of one push attempt (default 5s).
	DeliveryTimeout time.Duration
	// Backoff is the first retry delay on the virtual clock, doubling per attempt (default 1s).
	Backoff time.Duration
	// Attempts is how many attempts before a push is dead-lettered (default 8).
	Attempts int
}

// API is the AICC simulator.
type API struct {
	opts    Options
	tenants *tenant.Registry
}

// New returns the API.
func New(tenants *tenant.Registry, opts Options) (*API, error) {
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
