package durable

import (
	"fmt"
	"io"
	"os"
	"sort"
)

// Report is the health of a state file, from Check.
type Report struct {
	Path     string   `json:"path"`
	Bytes    int64    `json:"bytes"`
	PageSize int      `json:"pageSize"`
	Records  int      `json:"records"`
	Tenants  []string `json:"tenants"`
	Damage   []Damage `json:"damage"`
}

// OK is true when nothing is damaged.
func (r Report) OK() bool { return len(r.Damage) == 0 }

// Check opens a state file read-only and verifies every page and record.
// It fails when the file cannot be opened at all (missing, in use by a
// running server, or both meta pages unreadable).
func Check(path string) (Report, error) {
	rep := Report{Path: path, Tenants: []string{}, Damage: []Damage{}}
	fi, err := os.Stat(path)
	if err != nil {
		return rep, fmt.Errorf("state file: %w", err)
	}
	rep.Bytes = fi.Size()
	if legacy, _ := isLegacy(path); legacy {
		recs, err := readLegacy(path)
		if err != nil {
			return rep, err
		}
		rep.Records = len(recs)
		rep.Tenants = tenantsOf(recs)
		return rep, nil
	}
	db, err := openDB(path, true)
	if err != nil {
		if de, ok := err.(*DamagedError); ok {
			rep.Damage = de.Damage
			return rep, nil
		}
		return rep, err
	}
	defer db.Close()
	rep.PageSize = db.Info().PageSize
	recs, damage := scan(db)
	rep.Records = len(recs)
	rep.Tenants = tenantsOf(recs)
	rep.Damage = append(rep.Damage, damage...)
	return rep, nil
}

func tenantsOf(recs []Record) []string {
	seen := map[string]bool{}
	out := []string{}
	for _, r := range recs {
		if r.Tenant != "" && !seen[r.Tenant] {
			seen[r.Tenant] = true
			out = append(out, r.Tenant)
		}
	}
	sort.Strings(out)
	return out
}

// WriteText prints the report for a person.
func (r Report) WriteText(w io.Writer) {
	fmt.Fprintf(w, "%s: %d bytes, %d records, %d tenants\n", r.Path, r.Bytes, r.Records, len(r.Tenants))
	if r.OK() {
		fmt.Fprintln(w, "ok: every page and record checks out")
		return
	}
	fmt.Fprintf(w, "DAMAGED at %d spot(s):\n", len(r.Damage))
	for _, d := range r.Damage {
		fmt.Fprintln(w, "  "+d.String())
	}
}

var _ Store = (*Bolt)(nil)
