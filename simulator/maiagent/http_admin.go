package maiagent

import (
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"

	"github.com/switchboard-sim/switchboard/simulator/errs"
	"github.com/switchboard-sim/switchboard/simulator/gateway"
	"github.com/switchboard-sim/switchboard/simulator/tenant"
)

// adminTenant resolves the required ?tenant= of a MaiAgent control-plane call.
func (a *API) adminTenant(c *gin.Context) (*tenant.Tenant, bool) {
	t := gateway.TenantParam(c, a.tenants)
	if t == nil {
		gateway.Fail(c, &errs.Error{Code: errs.Invalid, Message: "tenant is required: a tenant id or an Api-Key",
			Fields: []errs.Field{{Name: "tenant", In: "query", Reason: "required"}}})
		return nil, false
	}
	return t, true
}

func (a *API) adminSetWebhook(c *gin.Context) {
	t, ok := a.adminTenant(c)
	if !ok {
		return
	}
	var in struct {
		URL string `json:"url"`
	}
	if !decode(c, &in) {
		return
	}
	if u, err := url.Parse(in.URL); in.URL != "" && (err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "") {
		gateway.Fail(c, errs.InvalidField("url", "must be an absolute http(s) URL, or empty to clear"))
		return
	}
	a.stateOf(t).SetWebhook(in.URL)
	gateway.JSON(c, http.StatusOK, gin.H{"tenant": t.ID(), "url": in.URL})
}

func (a *API) adminGetWebhook(c *gin.Context) {
	t, ok := a.adminTenant(c)
	if !ok {
		return
	}
	gateway.JSON(c, http.StatusOK, gin.H{"tenant": t.ID(), "url": a.stateOf(t).Webhook()})
}

func (a *API) adminDeliveries(c *gin.Context) {
	t, ok := a.adminTenant(c)
	if !ok {
		return
	}
	gateway.JSON(c, http.StatusOK, gin.H{"tenant": t.ID(), "deliveries": a.stateOf(t).Deliveries()})
}
