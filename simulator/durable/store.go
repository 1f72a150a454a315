package durable

import (
	"errors"
	"fmt"
)

// Store keeps the history of acknowledged writes. Records are numbered in
// the order they were appended (Seq), across every tenant.
type Store interface {
	// Append commits a record; when it returns nil the record is durable
	// (for Bolt it survives a kill -9).
	Append(rec Record) error
	// AppendRequest commits the record r stands for, as Append does.
	AppendRequest(r Request) error
	// ResetTenant drops every record of a tenant and appends rec (its reset).
	ResetTenant(tenant string, rec Record) error
	// ResetAll drops every tenant's records, keeps the records of no tenant
	// (credentials, global clock moves), then appends rec and marks in order.
	ResetAll(rec Record, marks ...Record) error
	// Tenant returns a tenant's records in order.
	Tenant(tenant string) ([]Record, error)
	// Stats describes what the store holds.
	Stats() Stats
	Close() error
}

// Stats describes a store.
type Stats struct {
	Path    string `json:"path,omitempty"` // empty for the in-memory store
	Records int    `json:"records"`
	Tenants int    `json:"tenants"`
	// Bytes is the file's size, or the records' approximate size in memory.
	Bytes int64 `json:"bytes"`
	// MaxBytes bounds the in-memory store (0 for a file).
	MaxBytes int64 `json:"maxBytes,omitempty"`
}

// ErrTruncated is returned for a tenant whose in-memory history was dropped
// to stay under the memory bound.
var ErrTruncated = errors.New("this tenant's write history was dropped to keep the in-memory history under its bound; run with --state-file to keep every tenant's history")

// Damage is one damaged spot of a state file.
type Damage struct {
	// Offset is the byte position in the file.
	Offset int64  `json:"offset"`
	Page   uint64 `json:"page"`
	// Seq and Tenant name the damaged record, when the damage is in one.
	Seq    uint64 `json:"seq,omitempty"`
	Tenant string `json:"tenant,omitempty"`
	Reason string `json:"reason"`
	// Record is true when the damage is confined to one record, which can
	// be skipped; false when the file's structure is damaged.
	Record bool `json:"record"`
}

func (d Damage) String() string {
	s := fmt.Sprintf("offset %d (page %d): %s", d.Offset, d.Page, d.Reason)
	if d.Record {
		s += fmt.Sprintf(" in record %d", d.Seq)
		if d.Tenant != "" {
			s += " of tenant " + d.Tenant
		}
	}
	return s
}

// DamagedError is returned by Open when a state file is damaged and the
// damage may not be skipped.
type DamagedError struct {
	Path   string
	Damage []Damage
	// Skippable is true when every damaged spot is one record.
	Skippable bool
}

func (e *DamagedError) Error() string {
	s := fmt.Sprintf("state file %s is damaged at %d spot(s):", e.Path, len(e.Damage))
	for i, d := range e.Damage {
		if i == 5 {
			s += fmt.Sprintf("\n  ... and %d more", len(e.Damage)-5)
			break
		}
		s += "\n  " + d.String()
	}
	if e.Skippable {
		s += "\nrefusing to start, so no acknowledged write is silently lost; restore the file from a copy, or start with --state-skip-damaged to skip exactly these records (each is logged and shown in /__admin/health)"
	} else {
		s += "\nrefusing to start: the file's structure is damaged, so later records cannot be trusted; restore it from a copy (switchboard state check FILE describes it)"
	}
	return s
}
