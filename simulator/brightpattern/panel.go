package brightpattern

import (
	"fmt"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/switchboard-sim/switchboard/simulator/gateway"
	"github.com/switchboard-sim/switchboard/simulator/tenant"
)

// Panel shows the tenant's chats on the dashboard: state, parties, events
// delivered and pending, and whether a poll is held.
func (a *API) Panel(t *tenant.Tenant) []gateway.Table {
	s, ok := tenant.PeekAs[*State](t, apiName)
	if !ok {
		return nil
	}
	tb := gateway.Table{Title: "Chats", Columns: []string{"chat", "state", "parties", "events delivered", "pending", "poll held", "scheduled steps"}}
	for _, c := range s.Chats(t.ID()) {
		names := make([]string, 0, len(c.Parties))
		for _, p := range c.Parties {
			names = append(names, strings.TrimSpace(p.DisplayName+" ("+p.Type+")"))
		}
		delivered := 0
		for _, e := range c.Events {
			if e.From == "server" && e.Delivered {
				delivered++
			}
		}
		poll := "no"
		if c.Polling {
			poll = "yes"
		}
		tb.Rows = append(tb.Rows, gateway.Row{Cells: []string{
			c.ChatID, c.State, strings.Join(names, ", "), fmt.Sprint(delivered), fmt.Sprint(c.Pending), poll, fmt.Sprint(len(c.Scheduled)),
		}})
	}
	tb.Rows = gateway.Newest(tb.Rows)
	return []gateway.Table{tb}
}

// TenantKeys says which keys named the tenant, for the near-miss
// explanation of a refused request: the tenant URL (from ?tenantUrl= or
// the Host header) and the appId of the Authorization header.
func (a *API) TenantKeys(c *gin.Context) []string {
	src := "Host header"
	if c.Query("tenantUrl") != "" {
		src = "tenantUrl query parameter"
	}
	keys := []string{"tenant URL " + tenantURL(c.Request) + " (from the " + src + ")"}
	if id, err := parseAuth(c.GetHeader("Authorization")); err == nil {
		keys = append(keys, "appId "+id.AppID+" (from Authorization)")
	}
	return keys
}
