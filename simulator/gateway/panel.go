package gateway

import "github.com/switchboard-sim/switchboard/simulator/tenant"

// Paneler is implemented by APIs that show a tenant's live state on the
// dashboard (/__admin/ui): chats, calls, deliveries, sessions. The
// dashboard iterates the APIs and names none. Panel must not create state:
// a tenant that never used the API has nothing to show (tenant.Peek).
type Paneler interface {
	Panel(t *tenant.Tenant) []Table
}

// Table is one list of a vendor's state, such as "Chats".
type Table struct {
	Title   string   `json:"title"`
	Columns []string `json:"columns"`
	Rows    []Row    `json:"rows"`
}

// Row is one object; its actions are control-plane operations.
type Row struct {
	Cells   []string `json:"cells"`
	Actions []Action `json:"actions,omitempty"`
}

// Action is a button that calls a control-plane operation declared in
// openapi/admin*.yaml. Path is relative to /__admin, query included.
type Action struct {
	Label  string `json:"label"`
	Method string `json:"method"`
	Path   string `json:"path"`
}

// MaxPanelRows bounds the rows of one table (newest kept).
const MaxPanelRows = 50

// Newest keeps the last MaxPanelRows rows.
func Newest(rows []Row) []Row {
	if len(rows) > MaxPanelRows {
		return rows[len(rows)-MaxPanelRows:]
	}
	return rows
}
