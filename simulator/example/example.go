// Package example is the worked example of adding an API to Switchboard
// (docs/PRINCIPLES.md): an echo API in one folder, with its own spec. It is
// not shipped: simulator/vendors does not list it, and its test adds it
// with one line, append(vendors.All(), example.NewVendor()).
package example

import (
	_ "embed"
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/switchboard-sim/switchboard/simulator/errs"
	"github.com/switchboard-sim/switchboard/simulator/gateway"
	"github.com/switchboard-sim/switchboard/simulator/tenant"
	"github.com/switchboard-sim/switchboard/simulator/vendor"
)

const apiName = "example"

//go:embed spec.yaml
var spec []byte

// Vendor is the echo API as the core sees it: a name, a builder and its
// own spec. Everything else of package vendor is optional.
type Vendor struct{}

// NewVendor is the echo API.
func NewVendor() *Vendor { return &Vendor{} }

// Name is the API's id and URL prefix.
func (v *Vendor) Name() string { return apiName }

// Build constructs the API.
func (v *Vendor) Build(vendor.Env) (gateway.API, error) { return &API{}, nil }

// Spec is the API's OpenAPI spec, kept in this folder (vendor.Specifier).
func (v *Vendor) Spec() []byte { return spec }

// API is the echo API (gateway.API).
type API struct{}

// Name is the API's id and URL prefix.
func (a *API) Name() string { return apiName }

// Authenticate accepts `Authorization: Bearer <key>`.
func (a *API) Authenticate(c *gin.Context) (string, error) {
	scheme, key, ok := strings.Cut(c.GetHeader("Authorization"), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(key) == "" {
		return "", errs.New(errs.Unauthorized, "send Authorization: Bearer <key>")
	}
	return strings.TrimSpace(key), nil
}

// WriteError renders the API's one error shape.
func (a *API) WriteError(c *gin.Context, e *errs.Error) {
	body := gin.H{"code": string(e.Code), "message": e.Message}
	if len(e.Fields) > 0 {
		body["fields"] = e.Fields
	}
	gateway.JSON(c, gateway.Status(e.Code), gin.H{"error": body})
}

// Handlers maps the spec's operationIds to handlers.
func (a *API) Handlers() map[string]gin.HandlerFunc {
	return map[string]gin.HandlerFunc{"Echo": a.echo}
}

// echo is a thin handler: decode (the gateway has validated the body
// against the spec), one domain call, render.
func (a *API) echo(c *gin.Context) {
	var in struct {
		Text string `json:"text"`
	}
	if err := json.Unmarshal(gateway.Body(c), &in); err != nil {
		gateway.Fail(c, errs.New(errs.Invalid, "body: %v", err))
		return
	}
	t := gateway.Tenant(c)
	gateway.JSON(c, http.StatusOK, gin.H{"text": in.Text, "at": t.Now().UTC().Format(time.RFC3339), "count": stateOf(t).echo()})
}

// state is one tenant's echo count; it guards itself.
type state struct {
	mu    sync.Mutex
	count int
}

func stateOf(t *tenant.Tenant) *state {
	return t.State(apiName, func(*tenant.Tenant) any { return &state{} }).(*state)
}

func (s *state) echo() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.count++
	return s.count
}
