package admin

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/switchboard-sim/switchboard/simulator/contract"
	"github.com/switchboard-sim/switchboard/simulator/errs"
	"github.com/switchboard-sim/switchboard/simulator/gateway"
	"github.com/switchboard-sim/switchboard/simulator/tenant"
)

// violations serves the contract report as JSON, or JUnit XML with ?format=junit.
func (a *Admin) violations(c *gin.Context) {
	f := contract.Filter{API: c.Query("api")}
	if v := c.Query("tenant"); v != "" {
		f.Tenant = v
		if len(v) != 12 {
			f.Tenant = tenant.ID(v)
		}
	}
	rep := a.contract.Report(f)
	if c.Query("format") == "junit" {
		x, err := rep.JUnit(time.Now())
		if err != nil {
			gateway.Fail(c, errs.New(errs.Internal, "render JUnit: %v", err))
			return
		}
		c.Data(http.StatusOK, "application/xml", x)
		return
	}
	c.JSON(http.StatusOK, rep)
}

func (a *Admin) clearViolations(c *gin.Context) {
	a.contract.Clear()
	c.JSON(http.StatusOK, gin.H{"ok": true})
}
