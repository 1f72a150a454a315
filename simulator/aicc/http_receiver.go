package aicc

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/switchboard-sim/switchboard/simulator/aicc/authv2"
	"github.com/switchboard-sim/switchboard/simulator/errs"
	"github.com/switchboard-sim/switchboard/simulator/gateway"
)

// receive is the built-in test receiver. It finds its tenant from the
// X-Switchboard-Tenant header, or else from the subscription whose baseUrl
// ends in /receiver/{name} and whose keys match the push.
func (a *API) receive(c *gin.Context) {
	name := c.Param("name")
	body := gateway.Body(c)
	req := authv2.FromHTTP(c.Request, body)
	st, sub := a.receiverTarget(name, c.GetHeader(gateway.TenantHeader), req)
	if st == nil {
		gateway.JSON(c, http.StatusUnauthorized, Ack{ResultCode: "401", ResultDesc: "no tenant has a subscription pushing to receiver " + name})
		return
	}
	gateway.WithTenant(c, st.tenant)
	ack, err := st.Receive(name, sub, req, body, receiveStatus)
	gateway.JSON(c, receiveStatus(err), ack)
}

// receiveStatus is the HTTP status of a Receive outcome: 200 when the push
// is accepted, the rule's status for an injected failure, else the status of
// the domain error's code (401 for a push that does not verify).
func receiveStatus(err error) int {
	var injected *InjectedFailure
	switch {
	case err == nil:
		return http.StatusOK
	case errors.As(err, &injected):
		return injected.Status
	default:
		return gateway.Status(errs.As(err).Code)
	}
}
