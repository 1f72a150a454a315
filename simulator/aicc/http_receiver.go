package aicc

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/switchboard-sim/switchboard/simulator/aicc/authv2"
	"github.com/switchboard-sim/switchboard/simulator/gateway"
)

// receive is the built-in test receiver. It finds its tenant from the
// X-Switchboard-Tenant header, or else from the subscription whose baseUrl
// ends in /receiver/{name} and whose keys match the push.
func (a *API) receive(c *gin.Context) {
	name := c.Param("name")
	body := gateway.Body(c)
	req := authv2.FromHTTP(c.Request, body)
	var st *State
	var sub *Subscription
	if id := c.GetHeader(gateway.TenantHeader); id != "" {
		if t, ok := a.tenants.Lookup(id); ok {
			st = a.stateOf(t)
			sub = st.subscriptionFor(name, req)
		}
	} else {
		for _, t := range a.tenants.All() {
			v, ok := t.Peek(apiName)
			if !ok {
				continue
			}
			s := v.(*State)
			if found := s.subscriptionFor(name, req); found != nil && (sub == nil || verifyPush(*found, req) == nil) {
				st, sub = s, found
				if verifyPush(*found, req) == nil {
					break
				}
			}
		}
	}
	if st == nil {
		c.JSON(http.StatusUnauthorized, Ack{ResultCode: "401", ResultDesc: "no tenant has a subscription pushing to receiver " + name})
		return
	}
	gateway.WithTenant(c, st.tenant)
	status, ack := st.Receive(name, sub, req, body)
	c.JSON(status, ack)
}
