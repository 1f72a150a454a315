package dashboard

import (
	"fmt"
	"net/http"
	"sort"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/switchboard-sim/switchboard/simulator/gateway"
	"github.com/switchboard-sim/switchboard/simulator/tenant"
)

const maxPanelTenants = 20

type apiPanel struct {
	API    string          `json:"api"`
	Tables []gateway.Table `json:"tables"`
}

type tenantPanel struct {
	Tenant string     `json:"tenant"`
	Now    time.Time  `json:"now"`
	APIs   []apiPanel `json:"apis"`
}

// panels asks every API that implements gateway.Paneler for its tables,
// per tenant. It creates no tenant and no state.
func (d *Dashboard) panels(c *gin.Context) {
	var ts []*tenant.Tenant
	if v := c.Query("tenant"); v != "" {
		if t, ok := d.tenants.Lookup(v); ok {
			ts = append(ts, t)
		}
	} else {
		ts = d.tenants.All()
		sort.Slice(ts, func(i, j int) bool { return ts[i].ID() < ts[j].ID() })
	}
	if len(ts) > maxPanelTenants {
		ts = ts[:maxPanelTenants]
	}
	only := c.Query("api")
	out := make([]tenantPanel, 0, len(ts))
	for _, t := range ts {
		tp := tenantPanel{Tenant: t.ID(), Now: t.Now(), APIs: []apiPanel{}}
		for _, api := range d.host.APIs() {
			p, ok := api.(gateway.Paneler)
			if !ok || (only != "" && api.Name() != only) {
				continue
			}
			if tables := panelOf(p, t); len(tables) > 0 {
				tp.APIs = append(tp.APIs, apiPanel{API: api.Name(), Tables: tables})
			}
		}
		out = append(out, tp)
	}
	c.JSON(http.StatusOK, gin.H{"tenants": out})
}

// panelOf is one API's tables; a panel that fails shows as its error, not
// as a failed page.
func panelOf(p gateway.Paneler, t *tenant.Tenant) (tables []gateway.Table) {
	defer func() {
		if v := recover(); v != nil {
			tables = []gateway.Table{{Title: "Error", Columns: []string{"panel failed"}, Rows: []gateway.Row{{Cells: []string{fmt.Sprint(v)}}}}}
		}
	}()
	tables = p.Panel(t)
	for i := range tables {
		if tables[i].Rows == nil {
			tables[i].Rows = []gateway.Row{}
		}
		if tables[i].Columns == nil {
			tables[i].Columns = []string{}
		}
	}
	return tables
}
