package ringotel

import (
	"fmt"
	"net/url"
	"sort"

	"github.com/switchboard-sim/switchboard/simulator/gateway"
	"github.com/switchboard-sim/switchboard/simulator/tenant"
)

// Panel shows the tenant's messaging sessions, open or closed, on the
// dashboard; an open one can be closed (RingotelCloseSession).
func (a *API) Panel(t *tenant.Tenant) []gateway.Table {
	s, ok := tenant.PeekAs[*State](t, apiName)
	if !ok {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	list := make([]Session, 0, len(s.sessions))
	for _, ss := range s.sessions {
		list = append(list, ss.Session)
	}
	sort.Slice(list, func(i, j int) bool {
		if !list[i].CreatedAt.Equal(list[j].CreatedAt) {
			return list[i].CreatedAt.Before(list[j].CreatedAt)
		}
		return list[i].SessionID < list[j].SessionID
	})
	tb := gateway.Table{Title: "Sessions", Columns: []string{"session", "org", "user", "external", "status", "messages", "last activity", "closes or closed"}}
	for _, ss := range list {
		when := ""
		switch {
		case ss.ClosedAt != nil:
			when = "closed " + ss.ClosedAt.Format("15:04:05") + " " + ss.CloseReason
		case ss.ClosesAt != nil:
			when = "closes " + ss.ClosesAt.Format("15:04:05")
		}
		row := gateway.Row{Cells: []string{ss.SessionID, ss.OrgID, ss.User, ss.External, ss.Status, fmt.Sprint(ss.MessageCount), ss.LastActivityAt.Format("15:04:05"), when}}
		if ss.ClosedAt == nil {
			row.Actions = []gateway.Action{{Label: "Close", Method: "POST", Path: "/ringotel/sessions/" + url.PathEscape(ss.SessionID) + "/close?tenant=" + t.ID()}}
		}
		tb.Rows = append(tb.Rows, row)
	}
	tb.Rows = gateway.Newest(tb.Rows)
	return []gateway.Table{tb}
}
