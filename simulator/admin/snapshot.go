package admin

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/switchboard-sim/switchboard/simulator/errs"
	"github.com/switchboard-sim/switchboard/simulator/gateway"
	"github.com/switchboard-sim/switchboard/simulator/tenant"
)

// Snapshotter saves and loads one tenant's world.
type Snapshotter interface {
	Snapshot(t *tenant.Tenant) (any, error)
	// Restore resets into (or the snapshot's own tenant when nil) and replays
	// the snapshot; it returns the tenant id and how many writes failed.
	Restore(raw []byte, into *tenant.Tenant) (string, int, error)
}

func (a *Admin) snapshot(c *gin.Context) {
	t := gateway.TenantParam(c, a.tenants)
	if t == nil {
		gateway.Fail(c, errs.InvalidField("tenant", "name the tenant to snapshot (?tenant= id or credential)"))
		return
	}
	snap, err := a.snaps.Snapshot(t)
	if err != nil {
		gateway.Fail(c, errs.New(errs.Internal, "snapshot: %v", err))
		return
	}
	c.Header("Content-Disposition", `attachment; filename="switchboard-`+t.ID()+`.json"`)
	c.JSON(http.StatusOK, snap)
}

func (a *Admin) restore(c *gin.Context) {
	id, failed, err := a.snaps.Restore(gateway.Body(c), gateway.TenantParam(c, a.tenants))
	if err != nil {
		gateway.Fail(c, errs.InvalidField("body", err.Error()))
		return
	}
	c.JSON(http.StatusOK, gin.H{"ok": true, "tenant": id, "failedWrites": failed})
}
