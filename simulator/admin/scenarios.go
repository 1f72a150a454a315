package admin

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/switchboard-sim/switchboard/scenarios"
	"github.com/switchboard-sim/switchboard/simulator/errs"
	"github.com/switchboard-sim/switchboard/simulator/gateway"
	"github.com/switchboard-sim/switchboard/simulator/tenant"
)

// Scenarios serves the scenario operations of the control plane
// (openapi/admin-scenarios.yaml). It implements gateway.Admin. It is the HTTP
// adapter of the scenario runtime, which itself imports no HTTP framework.
type Scenarios struct {
	rt  *scenarios.Runtime
	reg *tenant.Registry
}

// NewScenarios serves rt's scenarios for the tenants of reg.
func NewScenarios(rt *scenarios.Runtime, reg *tenant.Registry) *Scenarios {
	return &Scenarios{rt: rt, reg: reg}
}

// AdminHandlers binds the operationIds of openapi/admin-scenarios.yaml.
func (a *Scenarios) AdminHandlers() map[string]gin.HandlerFunc {
	return map[string]gin.HandlerFunc{
		"AdminListScenarios":      a.list,
		"AdminActivateScenario":   a.activate,
		"AdminDeactivateScenario": a.deactivate,
	}
}

var _ gateway.Admin = (*Scenarios)(nil)

func (a *Scenarios) list(c *gin.Context) {
	items := []gin.H{}
	for _, sc := range a.rt.Library().List() {
		items = append(items, gin.H{
			"name": sc.Name, "description": sc.Description, "api": sc.API,
			"file": sc.File, "builtin": sc.Builtin, "runnable": a.rt.HasActor(sc.API),
		})
	}
	out := gin.H{"scenarios": items}
	if t := gateway.TenantParam(c, a.reg); t != nil {
		out["tenant"] = t.ID()
		out["active"] = a.rt.Active(t)
		out["history"] = a.rt.History(t)
	}
	c.JSON(http.StatusOK, out)
}

func (a *Scenarios) activate(c *gin.Context) {
	t := gateway.TenantParam(c, a.reg)
	if t == nil {
		gateway.Fail(c, errs.InvalidField("tenant", "name the tenant: ?tenant=<id or credential>"))
		return
	}
	sc, err := a.rt.Activate(t, c.Param("name"))
	if err != nil {
		gateway.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"tenant": t.ID(), "scenario": sc.Name, "api": sc.API, "since": t.Now(), "runnable": a.rt.HasActor(sc.API)})
}

func (a *Scenarios) deactivate(c *gin.Context) {
	t := gateway.TenantParam(c, a.reg)
	if t == nil {
		gateway.Fail(c, errs.InvalidField("tenant", "name the tenant: ?tenant=<id or credential>"))
		return
	}
	sc, ok := a.rt.Library().Get(c.Param("name"))
	if !ok {
		gateway.Fail(c, errs.NotFoundf("no scenario named %q", c.Param("name")))
		return
	}
	a.rt.Deactivate(t, sc.API)
	c.JSON(http.StatusOK, gin.H{"ok": true, "tenant": t.ID()})
}
