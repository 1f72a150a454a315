// Package ringotel simulates the Ringotel Messaging API (seed 000): a single
// JSON-RPC-like endpoint that syncs messages, sessions and call history.
package ringotel

import (
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/switchboard-sim/switchboard/scenarios"
	"github.com/switchboard-sim/switchboard/simulator/errs"
	"github.com/switchboard-sim/switchboard/simulator/gateway"
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
	opts     Options
	tenants  *tenant.Registry
	fixtures *fixtureFile
	rt       *scenarios.Runtime // set once at start-up by BindScenarios
}

// New loads the fixtures and returns the API.
func New(tenants *tenant.Registry, opts Options) (*API, error) {
	if opts.SessionTimeout <= 0 {
		opts.SessionTimeout = 24 * time.Hour
	}
	fx, err := loadFixtures()
	if err != nil {
		return nil, err
	}
	return &API{opts: opts, tenants: tenants, fixtures: fx}, nil
}

// Name is the API's id and URL prefix.
func (a *API) Name() string { return apiName }

// Authenticate reads `Authorization: Bearer <key>`.
func (a *API) Authenticate(c *gin.Context) (string, error) {
	h := strings.TrimSpace(c.GetHeader("Authorization"))
	if h == "" {
		return "", errs.New(errs.Unauthorized, "missing API key: send Authorization: Bearer <key>")
	}
	scheme, key, ok := strings.Cut(h, " ")
	key = strings.TrimSpace(key)
	if !ok || !strings.EqualFold(scheme, "Bearer") || key == "" {
		return "", errs.New(errs.Unauthorized, "malformed Authorization header: expected Bearer <key>")
	}
	return key, nil
}

// Handlers binds every operationId of openapi/ringotel.yaml.
func (a *API) Handlers() map[string]gin.HandlerFunc {
	return map[string]gin.HandlerFunc{"RingotelAPI": a.call}
}

// AdminHandlers binds the operations of openapi/admin-ringotel.yaml.
func (a *API) AdminHandlers() map[string]gin.HandlerFunc {
	return map[string]gin.HandlerFunc{
		"RingotelListSessions":    a.adminSessions,
		"RingotelSessionMessages": a.adminMessages,
		"RingotelCloseSession":    a.adminClose,
	}
}

// state is the request tenant's Ringotel state.
func (a *API) state(c *gin.Context) *State { return a.stateOf(gateway.Tenant(c)) }

func (a *API) stateOf(t *tenant.Tenant) *State {
	return t.State(apiName, func(t *tenant.Tenant) any { return newState(t, a.fixtures, a.opts.SessionTimeout) }).(*State)
}

// WriteError renders {"error":{"code","message","fields"}}. Ringotel
// answers problems with a call (bad params, unknown org, extension, session,
// message or method) with HTTP 200 and this envelope; only a body that is
// not JSON, or has no method, gets a 400. Auth failures stay 401/403.
func (a *API) WriteError(c *gin.Context, e *errs.Error) {
	status := gateway.Status(e.Code)
	switch e.Code {
	case errs.Invalid:
		if !envelopeBroken(e) {
			status = http.StatusOK
		}
	case errs.NotFound, errs.Conflict:
		if gateway.Operation(c) != "" { // a routed call, not an unknown path
			status = http.StatusOK
		}
	}
	msg := e.Message
	if len(e.Fields) > 0 && (strings.HasPrefix(msg, "Validation failed") || strings.HasPrefix(msg, "invalid fields")) {
		parts := make([]string, len(e.Fields))
		for i, f := range e.Fields {
			parts[i] = f.Name + ": " + strings.TrimPrefix(f.Reason, f.Name+" ")
		}
		msg = strings.Join(parts, "; ")
	}
	body := gin.H{"code": gateway.Status(e.Code), "message": msg}
	if len(e.Fields) > 0 {
		fields := make([]gin.H, len(e.Fields))
		for i, f := range e.Fields {
			fields[i] = gin.H{"field": f.Name, "message": f.Reason}
		}
		body["fields"] = fields
	}
	gateway.JSON(c, status, gin.H{"error": body})
}

// envelopeBroken reports a request the RPC layer cannot read at all: a body
// that is not JSON (or not an object), or one without a usable method.
func envelopeBroken(e *errs.Error) bool {
	for _, f := range e.Fields {
		if f.Name == "body" || f.Name == "method" || f.Rule == "syntax" {
			return true
		}
	}
	return false
}
