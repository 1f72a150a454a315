package brightpattern

import (
	"encoding/json"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/switchboard-sim/switchboard/simulator/errs"
	"github.com/switchboard-sim/switchboard/simulator/gateway"
	"github.com/switchboard-sim/switchboard/simulator/tenant"
)

// adminChats lists the chats of one tenant (?tenant=) or of every tenant.
func (a *API) adminChats(c *gin.Context) {
	out := []ChatView{}
	if t := gateway.TenantParam(c, a.tenants); t != nil {
		out = append(out, a.stateOf(t).Chats(t.ID())...)
	} else {
		for _, t := range a.tenants.All() {
			if s, ok := t.Peek(apiName); ok {
				out = append(out, s.(*State).Chats(t.ID())...)
			}
		}
	}
	gateway.JSON(c, http.StatusOK, gin.H{"chats": out})
}

// chatTenant finds the tenant of a chat: the one named by ?tenant=, or the
// tenant that has a chat with this id.
func (a *API) chatTenant(c *gin.Context, chatID string) (*tenant.Tenant, error) {
	if t := gateway.TenantParam(c, a.tenants); t != nil {
		return t, nil
	}
	for _, t := range a.tenants.All() {
		if s, ok := t.Peek(apiName); ok && s.(*State).has(chatID) {
			return t, nil
		}
	}
	return nil, errs.NotFoundf("no tenant has chat %s", chatID)
}

// adminDrive makes the agent of one chat act now.
func (a *API) adminDrive(c *gin.Context) {
	var in AgentAction
	if err := json.Unmarshal(gateway.Body(c), &in); err != nil {
		gateway.Fail(c, errs.InvalidField("body", err.Error()))
		return
	}
	id := c.Param("chatId")
	t, err := a.chatTenant(c, id)
	if err != nil {
		gateway.Fail(c, err)
		return
	}
	evs, err := a.stateOf(t).Drive(id, in)
	if err != nil {
		gateway.Fail(c, err)
		return
	}
	gateway.JSON(c, http.StatusOK, gin.H{"chat_id": id, "tenant": t.ID(), "events": evs})
}

func (a *API) serviceTenant(c *gin.Context) (*tenant.Tenant, bool) {
	t := gateway.TenantParam(c, a.tenants)
	if t == nil {
		gateway.Fail(c, &errs.Error{Code: errs.Invalid, Message: "tenant is required: a tenant id or tenantUrl/appId",
			Fields: []errs.Field{{Name: "tenant", In: "query", Reason: "is required"}}})
		return nil, false
	}
	return t, true
}

func (a *API) adminGetService(c *gin.Context) {
	if t, ok := a.serviceTenant(c); ok {
		gateway.JSON(c, http.StatusOK, gin.H{"tenant": t.ID(), "switches": a.stateOf(t).Switches()})
	}
}

func (a *API) adminSetService(c *gin.Context) {
	t, ok := a.serviceTenant(c)
	if !ok {
		return
	}
	var in SwitchInput
	if err := json.Unmarshal(gateway.Body(c), &in); err != nil {
		gateway.Fail(c, errs.InvalidField("body", err.Error()))
		return
	}
	gateway.JSON(c, http.StatusOK, gin.H{"tenant": t.ID(), "switches": a.stateOf(t).SetSwitches(in)})
}
