package ringotel

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/switchboard-sim/switchboard/simulator/errs"
	"github.com/switchboard-sim/switchboard/simulator/gateway"
)

// adminState is the state of the ?tenant= tenant, which is required.
func (a *API) adminState(c *gin.Context) (*State, bool) {
	t := gateway.TenantParam(c, a.tenants)
	if t == nil {
		gateway.Fail(c, &errs.Error{Code: errs.Invalid, Message: "?tenant= is required (a tenant id or a credential)",
			Fields: []errs.Field{{Name: "tenant", In: "query", Reason: "is required", Rule: "required"}}})
		return nil, false
	}
	return a.stateOf(t), true
}

// adminSessions is GET /__admin/ringotel/orgs/{orgid}/sessions.
func (a *API) adminSessions(c *gin.Context) {
	s, ok := a.adminState(c)
	if !ok {
		return
	}
	list, err := s.Sessions(c.Param("orgid"))
	if err != nil {
		gateway.Fail(c, err)
		return
	}
	gateway.JSON(c, http.StatusOK, gin.H{"sessions": list})
}

// adminMessages is GET /__admin/ringotel/orgs/{orgid}/sessions/{sessionid}/messages.
func (a *API) adminMessages(c *gin.Context) {
	s, ok := a.adminState(c)
	if !ok {
		return
	}
	ss, msgs, err := s.SessionMessages(c.Param("orgid"), c.Param("sessionid"))
	if err != nil {
		gateway.Fail(c, err)
		return
	}
	gateway.JSON(c, http.StatusOK, gin.H{"session": ss, "messages": msgs})
}

// adminClose is POST /__admin/ringotel/sessions/{sessionid}/close.
func (a *API) adminClose(c *gin.Context) {
	s, ok := a.adminState(c)
	if !ok {
		return
	}
	ss, err := s.CloseSession(c.Param("sessionid"))
	if err != nil {
		gateway.Fail(c, err)
		return
	}
	gateway.JSON(c, http.StatusOK, gin.H{"session": ss})
}
