package admin

import (
	"encoding/json"
	"net/http"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/switchboard-sim/switchboard/simulator/errs"
	"github.com/switchboard-sim/switchboard/simulator/gateway"
	"github.com/switchboard-sim/switchboard/simulator/journal"
	"github.com/switchboard-sim/switchboard/simulator/tenant"
)

func (a *Admin) health(c *gin.Context) {
	h := gin.H{
		"status":        "ok",
		"version":       a.version,
		"uptimeSeconds": time.Since(a.started).Seconds(),
		"seed":          a.tenants.Seed(),
		"clock":         string(a.tenants.Mode()),
		"controlPlane":  a.host.ControlPlaneURL(),
		"apis":          a.host.APIInfos(),
		"goroutines":    runtime.NumGoroutine(),
		"tenants":       len(a.tenants.All()),
	}
	if x, ok := a.host.(HealthReporter); ok {
		for k, v := range x.HealthExtras() {
			h[k] = v
		}
	}
	c.JSON(http.StatusOK, h)
}

func (a *Admin) openapi(c *gin.Context) {
	y, j, ok := a.specs(c.Param("api"))
	if !ok {
		gateway.Fail(c, errs.NotFoundf("no spec named %q", c.Param("api")))
		return
	}
	if strings.Contains(c.GetHeader("Accept"), "application/json") {
		c.Data(http.StatusOK, "application/json", j)
		return
	}
	c.Data(http.StatusOK, "application/yaml", y)
}

func (a *Admin) listTenants(c *gin.Context) {
	c.JSON(http.StatusOK, gin.H{"tenants": a.tenants.List()})
}

func (a *Admin) setCredential(c *gin.Context) {
	var in struct {
		Credential string        `json:"credential"`
		Access     tenant.Access `json:"access"`
	}
	if err := json.Unmarshal(gateway.Body(c), &in); err != nil {
		gateway.Fail(c, errs.InvalidField("body", err.Error()))
		return
	}
	if in.Access == "" {
		in.Access = tenant.ReadWrite
	}
	id := a.tenants.SetAccess(in.Credential, in.Access)
	c.JSON(http.StatusOK, gin.H{"tenant": id, "access": in.Access})
}

func (a *Admin) clockBody(c *gin.Context) {
	if t := gateway.TenantParam(c, a.tenants); t != nil {
		c.JSON(http.StatusOK, gin.H{"now": t.Now(), "mode": string(t.Clock().Mode()), "tenant": t.ID()})
		return
	}
	c.JSON(http.StatusOK, gin.H{"now": a.tenants.BaseNow(), "mode": string(a.tenants.Mode())})
}

func (a *Admin) getClock(c *gin.Context) { a.clockBody(c) }

func (a *Admin) advanceClock(c *gin.Context) {
	var in struct {
		By string `json:"by"`
	}
	_ = json.Unmarshal(gateway.Body(c), &in)
	d, err := time.ParseDuration(in.By)
	if err != nil || d < 0 {
		gateway.Fail(c, errs.InvalidField("by", "must be a non-negative duration such as 90s, 5m or 1h30m"))
		return
	}
	if t := gateway.TenantParam(c, a.tenants); t != nil {
		t.Clock().Advance(d)
	} else {
		a.tenants.AdvanceAll(d)
	}
	a.clockBody(c)
}

func (a *Admin) setClock(c *gin.Context) {
	var in struct {
		Time time.Time `json:"time"`
	}
	if err := json.Unmarshal(gateway.Body(c), &in); err != nil {
		gateway.Fail(c, errs.InvalidField("time", "must be an RFC 3339 time"))
		return
	}
	if t := gateway.TenantParam(c, a.tenants); t != nil {
		t.Clock().Set(in.Time)
	} else {
		a.tenants.SetAll(in.Time)
	}
	a.clockBody(c)
}

func (a *Admin) listRequests(c *gin.Context) {
	f := journal.Filter{
		API: c.Query("api"), Operation: c.Query("operation"), Method: c.Query("method"), Path: c.Query("path"),
	}
	if v := c.Query("tenant"); v != "" {
		f.Tenant = v
		if len(v) != 12 {
			f.Tenant = tenant.ID(v)
		}
	}
	f.Status, _ = strconv.Atoi(c.Query("status"))
	f.Limit, _ = strconv.Atoi(c.Query("limit"))
	if v := c.Query("since"); v != "" {
		f.Since, _ = time.Parse(time.RFC3339Nano, v)
	}
	entries := a.journal.Find(f)
	if entries == nil {
		entries = []journal.Entry{}
	}
	c.JSON(http.StatusOK, gin.H{"count": len(entries), "requests": entries, "dropped": a.journal.Dropped()})
}

func (a *Admin) clearRequests(c *gin.Context) {
	a.journal.Clear()
	c.JSON(http.StatusOK, gin.H{"ok": true})
}

func (a *Admin) fixtures(c *gin.Context) {
	t := gateway.TenantParam(c, a.tenants)
	apis := map[string]any{}
	for _, api := range a.host.APIs() {
		if f, ok := api.(gateway.Fixturer); ok {
			apis[api.Name()] = f.Fixtures(t)
		}
	}
	out := gin.H{"apis": apis}
	if t != nil {
		out["tenant"] = t.ID()
	}
	c.JSON(http.StatusOK, out)
}

func (a *Admin) reset(c *gin.Context) {
	withClock := c.Query("clock") == "true"
	if t := gateway.TenantParam(c, a.tenants); t != nil {
		a.tenants.ResetTenant(t, withClock)
		c.JSON(http.StatusOK, gin.H{"ok": true, "tenant": t.ID()})
		return
	}
	a.tenants.ResetAll(withClock)
	c.JSON(http.StatusOK, gin.H{"ok": true})
}
