// Package brightpattern simulates the Bright Pattern Mobile/Web chat API (seed 003).
// JSON-RPC-like endpoint that syncs messages, sessions and call history.
package brightpattern

import (
	"time"

	"github.com/gin-gonic/gin"

	"github.com/switchboard-sim/switchboard/simulator/errs"
	"github.com/switchboard-sim/switchboard/simulator/tenant"
)

const apiName = "brightpattern"

// Options configure the Bright Pattern simulator.
type Options struct {
	// PollHold is how long Get New Chat Events holds a request with no events (default 10s, under the widget's 13s abort).
	PollHold time.Duration
}

// API is the Bright Pattern simulator.
type API struct {
	opts    Options
	tenants *tenant.Registry
}

// New returns the API.
func New(tenants *tenant.Registry, opts Options) (*API, error) {
	if opts.PollHold <= 0 {
		opts.PollHold = 10 * time.Second
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
