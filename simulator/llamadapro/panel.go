package llamadapro

import (
	"fmt"
	"sort"
	"strings"

	"github.com/switchboard-sim/switchboard/simulator/gateway"
	"github.com/switchboard-sim/switchboard/simulator/tenant"
)

// Panel shows the tenant's calls moving through their lifecycle, their
// recordings, and WhatsApp message statuses on the dashboard.
func (a *API) Panel(t *tenant.Tenant) []gateway.Table {
	s, ok := tenant.PeekAs[*State](t, apiName)
	if !ok {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	calls := gateway.Table{Title: "Calls", Columns: []string{"call", "direction", "from", "to", "status", "started", "duration s"}}
	ids := make([]int64, 0, len(s.calls))
	for id := range s.calls {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	for _, id := range ids {
		c := s.calls[id]
		started, dur := "", ""
		if c.StartTime != nil {
			started = c.StartTime.Format("2006-01-02 15:04:05")
		}
		if c.Duration != nil {
			dur = fmt.Sprint(*c.Duration)
		}
		calls.Rows = append(calls.Rows, gateway.Row{Cells: []string{fmt.Sprint(c.ID), c.Direction, c.From, c.To, c.Status, started, dur}})
	}
	calls.Rows = gateway.Newest(calls.Rows)

	recs := gateway.Table{Title: "Recordings", Columns: []string{"recording", "call", "started", "duration s"}}
	ids = ids[:0]
	for id := range s.recordings {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	for _, id := range ids {
		r := s.recordings[id]
		recs.Rows = append(recs.Rows, gateway.Row{Cells: []string{fmt.Sprint(r.ID), fmt.Sprint(r.CallID), r.StartTime.Format("2006-01-02 15:04:05"), fmt.Sprint(r.Duration)}})
	}
	recs.Rows = gateway.Newest(recs.Rows)

	wa := gateway.Table{Title: "WhatsApp messages", Columns: []string{"message", "direction", "status", "created", "content"}}
	msgs := make([]*Message, 0, len(s.messages))
	for _, m := range s.messages {
		if strings.EqualFold(m.Channel, "WHATSAPP") {
			msgs = append(msgs, m)
		}
	}
	sort.Slice(msgs, func(i, j int) bool {
		if msgs[i].CreatedAt != msgs[j].CreatedAt {
			return msgs[i].CreatedAt < msgs[j].CreatedAt
		}
		return msgs[i].ID < msgs[j].ID
	})
	for _, m := range msgs {
		content := m.Content
		if len(content) > 80 {
			content = content[:80] + "..."
		}
		wa.Rows = append(wa.Rows, gateway.Row{Cells: []string{m.ID, m.Direction, m.Status, m.CreatedAt, content}})
	}
	wa.Rows = gateway.Newest(wa.Rows)
	return []gateway.Table{calls, recs, wa}
}
