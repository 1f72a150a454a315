// Package llamadapro simulates the LlamadaPro REST API (seed 002): tasks,
// contacts, conversations, WhatsApp messages, custom fields, calls and
// recordings, each stateful per tenant and timed by the tenant's clock.
package llamadapro

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/switchboard-sim/switchboard/simulator/errs"
	"github.com/switchboard-sim/switchboard/simulator/gateway"
	"github.com/switchboard-sim/switchboard/simulator/tenant"
)

const apiName = "llamadapro"

// API is the LlamadaPro simulator.
type API struct {
	fixtures *fixtureFile
}

// New loads the fixtures and returns the API.
func New() (*API, error) {
	fx, err := loadFixtures()
	if err != nil {
		return nil, err
	}
	return &API{fixtures: fx}, nil
}

// Name is the API's id and URL prefix.
func (a *API) Name() string { return apiName }

// Authenticate accepts `Authorization: Bearer <key>` or `x-api-key: <key>`.
func (a *API) Authenticate(c *gin.Context) (string, error) {
	if k := strings.TrimSpace(c.GetHeader("x-api-key")); k != "" {
		return k, nil
	}
	h := c.GetHeader("Authorization")
	if h == "" {
		return "", errs.New(errs.Unauthorized, "missing API key: send Authorization: Bearer <key> or x-api-key: <key>")
	}
	scheme, key, ok := strings.Cut(h, " ")
	key = strings.TrimSpace(key)
	if !ok || !strings.EqualFold(scheme, "Bearer") || key == "" {
		return "", errs.New(errs.Unauthorized, "malformed Authorization header: expected Bearer <key>")
	}
	return key, nil
}

// WriteError renders the seed's error body {code, error, message, details}.
func (a *API) WriteError(c *gin.Context, e *errs.Error) {
	status := e.Code.Status()
	details := map[string]any{}
	for _, f := range e.Fields {
		d := map[string]any{"message": f.Reason}
		if f.In != "" {
			d["in"] = f.In
		}
		if f.Rule != "" {
			d["rule"] = f.Rule
		}
		details[f.Name] = d
	}
	c.JSON(status, gin.H{"code": status, "error": http.StatusText(status), "message": e.Message, "details": details})
}

// Handlers binds every operationId of openapi/llamadapro.yaml.
func (a *API) Handlers() map[string]gin.HandlerFunc {
	return map[string]gin.HandlerFunc{
		"GetTasks":   a.getTasks,
		"CreateTask": a.createTask,
		"GetTask":    a.getTask,
		"UpdateTask": a.updateTask,
		"DeleteTask": a.deleteTask,
	}
}

// state is the request tenant's LlamadaPro state.
func (a *API) state(c *gin.Context) *State { return a.stateOf(gateway.Tenant(c)) }

func (a *API) stateOf(t *tenant.Tenant) *State {
	return t.State(apiName, func(t *tenant.Tenant) any { return newState(t, a.fixtures) }).(*State)
}

// Fixtures lists the values tests need: stable ids and, for a tenant, its
// generated task ids by status.
func (a *API) Fixtures(t *tenant.Tenant) any {
	out := map[string]any{"auth": []string{"Authorization: Bearer <key>", "x-api-key: <key>"}}
	var fixed []string
	for _, f := range a.fixtures.Tasks.Fixed {
		fixed = append(fixed, f.ID)
	}
	out["taskIds"] = fixed
	if t != nil {
		out["tasksByStatus"] = a.stateOf(t).taskIDsByStatus()
	}
	return out
}
