// Package admin is the control plane under /__admin: clock, journal,
// tenants, credentials, fixtures, reset, specs and health. Vendor packages
// add their own control-plane operations through gateway.Admin.
package admin

import (
	"time"

	"github.com/gin-gonic/gin"

	"github.com/switchboard-sim/switchboard/simulator/contract"
	"github.com/switchboard-sim/switchboard/simulator/errs"
	"github.com/switchboard-sim/switchboard/simulator/faults"
	"github.com/switchboard-sim/switchboard/simulator/gateway"
	"github.com/switchboard-sim/switchboard/simulator/journal"
	"github.com/switchboard-sim/switchboard/simulator/tenant"
)

// APIInfo names a mounted vendor API and where it is served.
type APIInfo struct {
	Name    string `json:"name"`
	BaseURL string `json:"baseUrl"`
	OwnPort string `json:"ownPort,omitempty"`
}

// Host is what the control plane needs from the server.
type Host interface {
	APIs() []gateway.API
	APIInfos() []APIInfo
	ControlPlaneURL() string
}

// HealthReporter is a Host that adds sections to /__admin/health (state
// store, journal, scenario files, warnings).
type HealthReporter interface {
	HealthExtras() map[string]any
}

// Deps are what the control plane reads and drives.
type Deps struct {
	Host      Host
	Tenants   *tenant.Registry
	Journal   *journal.Journal
	Contract  *contract.Recorder
	Faults    *faults.Injector
	Snapshots Snapshotter
	Version   string
	// Specs returns a served spec by name, as YAML and JSON.
	Specs func(name string) (yaml, json []byte, ok bool)
}

// Admin is the control plane.
type Admin struct {
	host     Host
	tenants  *tenant.Registry
	journal  *journal.Journal
	contract *contract.Recorder
	faults   *faults.Injector
	snaps    Snapshotter
	version  string
	started  time.Time
	specs    func(name string) (yaml, json []byte, ok bool)
}

// New builds the control plane.
func New(d Deps) *Admin {
	return &Admin{host: d.Host, tenants: d.Tenants, journal: d.Journal, contract: d.Contract, faults: d.Faults, snaps: d.Snapshots,
		version: d.Version, started: time.Now(), specs: d.Specs}
}

// Name is the control plane's spec name.
func (a *Admin) Name() string { return "admin" }

// Authenticate: the control plane has no credentials of its own (it is for
// loopback use).
func (a *Admin) Authenticate(*gin.Context) (string, error) { return "", nil }

// WriteError renders {"error":{"code","message"}}.
func (a *Admin) WriteError(c *gin.Context, e *errs.Error) { gateway.WriteAdminError(c, e) }

// Handlers binds the core operations and every vendor's control-plane operations.
func (a *Admin) Handlers() map[string]gin.HandlerFunc {
	h := map[string]gin.HandlerFunc{
		"AdminHealth":          a.health,
		"AdminOpenAPI":         a.openapi,
		"AdminListTenants":     a.listTenants,
		"AdminSetCredential":   a.setCredential,
		"AdminGetClock":        a.getClock,
		"AdminAdvanceClock":    a.advanceClock,
		"AdminSetClock":        a.setClock,
		"AdminListRequests":    a.listRequests,
		"AdminClearRequests":   a.clearRequests,
		"AdminFixtures":        a.fixtures,
		"AdminReset":           a.reset,
		"AdminViolations":      a.violations,
		"AdminClearViolations": a.clearViolations,
		"AdminListFaults":      a.listFaults,
		"AdminAddFault":        a.addFault,
		"AdminClearFaults":     a.clearFaults,
		"AdminDeleteFault":     a.deleteFault,
		"AdminSnapshot":        a.snapshot,
		"AdminRestore":         a.restore,
	}
	for _, api := range a.host.APIs() {
		if ad, ok := api.(gateway.Admin); ok {
			for id, fn := range ad.AdminHandlers() {
				h[id] = fn
			}
		}
	}
	return h
}
