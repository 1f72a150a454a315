package maiagent

import (
	"fmt"
	"sort"

	"github.com/switchboard-sim/switchboard/simulator/gateway"
	"github.com/switchboard-sim/switchboard/simulator/tenant"
)

// Panel shows the tenant's conversations, the replies still in progress
// (a message waiting for its answer, streamed or scripted) and the webhook
// deliveries on the dashboard.
func (a *API) Panel(t *tenant.Tenant) []gateway.Table {
	s, ok := tenant.PeekAs[*State](t, apiName)
	if !ok {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	convs := make([]*Conversation, 0, len(s.conversations))
	for _, c := range s.conversations {
		convs = append(convs, c)
	}
	sort.Slice(convs, func(i, j int) bool {
		if !convs[i].CreatedAt.Equal(convs[j].CreatedAt) {
			return convs[i].CreatedAt.Before(convs[j].CreatedAt)
		}
		return convs[i].ID < convs[j].ID
	})
	ct := gateway.Table{Title: "Conversations", Columns: []string{"conversation", "inbox", "contact", "title", "created", "unread", "auto reply"}}
	for _, c := range convs {
		ct.Rows = append(ct.Rows, gateway.Row{Cells: []string{c.ID, c.Inbox.Name, c.Contact.Name, c.Title, c.CreatedAt.Format("2006-01-02 15:04:05"), fmt.Sprint(c.UnreadMessagesCount), fmt.Sprint(c.AutoReplyEnabled)}})
	}
	ct.Rows = gateway.Newest(ct.Rows)

	pt := gateway.Table{Title: "Replies in progress", Columns: []string{"conversation", "answered"}}
	ids := make([]string, 0, len(s.awaiting))
	for id := range s.awaiting {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		pt.Rows = append(pt.Rows, gateway.Row{Cells: []string{id, fmt.Sprint(s.awaiting[id].answered)}})
	}
	pt.Rows = gateway.Newest(pt.Rows)

	dt := gateway.Table{Title: "Webhook deliveries", Columns: []string{"message", "attempt", "url", "outcome", "status", "error", "at"}}
	for _, d := range s.deliveries {
		dt.Rows = append(dt.Rows, gateway.Row{Cells: []string{d.MessageID, fmt.Sprint(d.Attempt), d.URL, d.Outcome, fmt.Sprint(d.Status), d.Error, d.At.Format("15:04:05")}})
	}
	dt.Rows = gateway.Newest(dt.Rows)
	return []gateway.Table{ct, pt, dt}
}
