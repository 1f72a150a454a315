package aicc

import (
	"fmt"
	"net/url"

	"github.com/switchboard-sim/switchboard/simulator/gateway"
	"github.com/switchboard-sim/switchboard/simulator/tenant"
)

// Panel shows the tenant's push deliveries on the dashboard: every attempt
// with its signature and result, the dead letters, and a redeliver button
// (the AiccRedeliver control-plane operation).
func (a *API) Panel(t *tenant.Tenant) []gateway.Table {
	s, ok := tenant.PeekAs[*State](t, apiName)
	if !ok {
		return nil
	}
	redeliver := func(id string) []gateway.Action {
		return []gateway.Action{{Label: "Redeliver", Method: "POST", Path: "/aicc/deliveries/" + url.PathEscape(id) + "/redeliver?tenant=" + t.ID()}}
	}
	att := gateway.Table{Title: "Deliveries", Columns: []string{"attempt", "push", "conversation", "#", "time", "signature", "status", "outcome", "error"}}
	for _, d := range s.Deliveries(AttemptFilter{}) {
		sig := d.RequestHeaders["Authorization"]
		if len(sig) > 48 {
			sig = sig[:48] + "..."
		}
		att.Rows = append(att.Rows, gateway.Row{Cells: []string{
			d.ID, d.PushID, d.ConversationID, fmt.Sprint(d.Attempt), d.Time.Format("15:04:05"), sig, fmt.Sprint(d.Status), d.Outcome, d.Error,
		}, Actions: redeliver(d.PushID)})
	}
	att.Rows = gateway.Newest(att.Rows)
	dead := gateway.Table{Title: "Dead letters", Columns: []string{"push", "conversation", "url", "attempts", "last error", "time"}}
	for _, d := range s.DeadLetters() {
		dead.Rows = append(dead.Rows, gateway.Row{Cells: []string{
			d.PushID, d.ConversationID, d.URL, fmt.Sprint(d.Attempts), d.LastError, d.Time.Format("15:04:05"),
		}, Actions: redeliver(d.PushID)})
	}
	dead.Rows = gateway.Newest(dead.Rows)
	conv := gateway.Table{Title: "Conversations", Columns: []string{"conversation", "channel", "status", "flow", "agent"}}
	for _, c := range s.Conversations() {
		conv.Rows = append(conv.Rows, gateway.Row{Cells: []string{c.ID, c.Channel, c.Status, c.Flow, c.AgentName}})
	}
	conv.Rows = gateway.Newest(conv.Rows)
	return []gateway.Table{conv, att, dead}
}
