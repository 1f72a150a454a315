package admin

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/switchboard-sim/switchboard/simulator/errs"
	"github.com/switchboard-sim/switchboard/simulator/faults"
	"github.com/switchboard-sim/switchboard/simulator/gateway"
)

func (a *Admin) listFaults(c *gin.Context) {
	c.JSON(http.StatusOK, gin.H{"faults": a.faults.List()})
}

// addFault installs a rule. A tenant given as a credential is stored by id;
// the rule's TTL runs on that tenant's clock, or on the starting clock.
func (a *Admin) addFault(c *gin.Context) {
	var r faults.Rule
	dec := json.NewDecoder(bytes.NewReader(gateway.Body(c)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&r); err != nil {
		gateway.Fail(c, errs.InvalidField("body", err.Error()))
		return
	}
	now := a.tenants.BaseNow()
	if r.Match.Tenant != "" {
		t := a.tenants.Ensure(r.Match.Tenant)
		r.Match.Tenant, now = t.ID(), t.Now()
	}
	added, err := a.faults.Add(r, now)
	if err != nil {
		field, reason, _ := strings.Cut(err.Error(), ": ")
		gateway.Fail(c, errs.InvalidField(field, reason))
		return
	}
	c.JSON(http.StatusOK, added)
}

func (a *Admin) clearFaults(c *gin.Context) {
	a.faults.Clear()
	c.JSON(http.StatusOK, gin.H{"ok": true})
}

func (a *Admin) deleteFault(c *gin.Context) {
	if !a.faults.Remove(c.Param("id")) {
		gateway.Fail(c, errs.NotFoundf("no fault rule %q", c.Param("id")))
		return
	}
	c.JSON(http.StatusOK, gin.H{"ok": true})
}
