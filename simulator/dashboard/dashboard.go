// Package dashboard serves /__admin/ui: a page embedded in the binary that
// shows the journal, tenants, each vendor's live state, scenarios, faults
// and the contract report, kept live by one server-sent event stream
// (/__admin/events). It acts only through control-plane operations and
// names no vendor: vendor state comes from the APIs that implement
// gateway.Paneler.
package dashboard

import (
	"embed"
	"net/http"
	"path"
	"sync"

	"github.com/gin-gonic/gin"

	"github.com/switchboard-sim/switchboard/simulator/admin"
	"github.com/switchboard-sim/switchboard/simulator/errs"
	"github.com/switchboard-sim/switchboard/simulator/gateway"
	"github.com/switchboard-sim/switchboard/simulator/journal"
	"github.com/switchboard-sim/switchboard/simulator/tenant"
)

//go:embed assets
var assets embed.FS

// Host lists the mounted vendor APIs.
type Host interface {
	APIs() []gateway.API
}

// Deps are what the dashboard reads.
type Deps struct {
	Host    Host
	Tenants *tenant.Registry
	Journal *journal.Journal
}

// Dashboard is the /__admin/ui page, its event stream and its panels.
type Dashboard struct {
	host    Host
	tenants *tenant.Registry
	journal *journal.Journal

	mu     sync.Mutex
	closed chan struct{}
}

// New builds the dashboard.
func New(d Deps) *Dashboard {
	return &Dashboard{host: d.Host, tenants: d.Tenants, journal: d.Journal, closed: make(chan struct{})}
}

// Close ends every open event stream, so a server can shut down without
// waiting for browsers to go away.
func (d *Dashboard) Close() {
	d.mu.Lock()
	defer d.mu.Unlock()
	select {
	case <-d.closed:
	default:
		close(d.closed)
	}
}

// AdminHandlers binds the operations of openapi/admin-ui.yaml.
func (d *Dashboard) AdminHandlers() map[string]gin.HandlerFunc {
	return map[string]gin.HandlerFunc{
		"AdminUI":      d.page,
		"AdminUIAsset": d.asset,
		"AdminEvents":  d.events,
		"AdminPanels":  d.panels,
	}
}

func (d *Dashboard) page(c *gin.Context) {
	if tok := c.Query("token"); tok != "" {
		// The guard has checked it: keep it in a cookie, out of the URL.
		http.SetCookie(c.Writer, &http.Cookie{
			Name: admin.TokenCookie, Value: tok, Path: "/__admin", HttpOnly: true, SameSite: http.SameSiteStrictMode,
		})
		c.Header("Location", "/__admin/ui")
		c.Status(http.StatusSeeOther)
		return
	}
	b, err := assets.ReadFile("assets/index.html")
	if err != nil {
		gateway.Fail(c, errs.New(errs.Internal, "the dashboard page is missing from the binary"))
		return
	}
	c.Header("Cache-Control", "no-store")
	c.Data(http.StatusOK, "text/html; charset=utf-8", b)
}

var assetTypes = map[string]string{".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}

func (d *Dashboard) asset(c *gin.Context) {
	name := path.Base(c.Param("name"))
	ct, ok := assetTypes[path.Ext(name)]
	b, err := assets.ReadFile("assets/" + name)
	if !ok || err != nil {
		gateway.Fail(c, errs.NotFoundf("no dashboard asset named %q", c.Param("name")))
		return
	}
	c.Header("Cache-Control", "no-cache")
	c.Data(http.StatusOK, ct, b)
}
