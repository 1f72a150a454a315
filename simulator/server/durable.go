package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"net/textproto"
	"net/url"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/switchboard-sim/switchboard/simulator/admin"
	"github.com/switchboard-sim/switchboard/simulator/durable"
	"github.com/switchboard-sim/switchboard/simulator/gateway"
	"github.com/switchboard-sim/switchboard/simulator/tenant"
)

// history is the ordered record of acknowledged writes: the --state-file
// (a bbolt store, fsynced), or without one a bounded in-memory store that
// writes nothing to disk and serves only snapshots. Resets compact it.
type history struct {
	mu        sync.Mutex
	store     durable.Store
	replaying bool

	// What the start-up replay found, for health and metrics.
	replayed int
	replayMS float64
	loadMS   float64
	skipped  []durable.Damage
	migrated int
}

// notPersisted are control-plane writes that change no simulated state.
var notPersisted = map[string]bool{
	"AdminSnapshot": true, "AdminRestore": true, "AdminClearRequests": true, "AdminClearViolations": true,
}

// keptHeaders are what a replayed request needs: who it is and what it sent
// (canonical names: the store looks them up as they are).
var keptHeaders = canonical("Authorization", "X-Api-Key", "Cookie", "Content-Type", gateway.TenantHeader, "User-Agent")

func canonical(names ...string) []string {
	for i, n := range names {
		names[i] = textproto.CanonicalMIMEHeaderKey(n)
	}
	return names
}

func (s *Server) persist(kind string) func(c *gin.Context, t *tenant.Tenant, body []byte) error {
	return func(c *gin.Context, t *tenant.Tenant, body []byte) error {
		op := gateway.Operation(c)
		if notPersisted[op] {
			return nil
		}
		// The store keeps the headers it needs straight from the request's
		// own map, and copies what it keeps: no record is built to be copied.
		req := durable.Request{Kind: kind, Method: c.Request.Method, Target: c.Request.URL.RequestURI(), Header: c.Request.Header, Keep: keptHeaders, Body: body}
		if t == nil && kind == "admin" {
			if v := c.Query("tenant"); v != "" {
				t = s.tenants.Ensure(v)
			}
		}
		if t != nil {
			req.Tenant, req.At = t.ID(), t.Now()
		}
		if op == "AdminReset" {
			if t == nil {
				// Every tenant's state was just dropped: hand it back to the
				// OS now, as after a mass eviction, not when the idle
				// runtime next collects.
				go debug.FreeOSMemory()
			}
			return s.history.reset(req.Record(), s.tenants.All())
		}
		return s.history.add(req)
	}
}

func (h *history) add(req durable.Request) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.replaying || h.store == nil {
		return nil
	}
	return h.store.AppendRequest(req)
}

// reset compacts: a tenant's reset replaces its whole history; a global one
// replaces every tenant's, leaving one mark per tenant that holds its clock
// (a reset without clock=true keeps each tenant's time).
func (h *history) reset(rec durable.Record, all []*tenant.Tenant) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.replaying || h.store == nil {
		return nil
	}
	if rec.Tenant != "" {
		return h.store.ResetTenant(rec.Tenant, rec)
	}
	marks := make([]durable.Record, 0, len(all))
	for _, t := range all {
		marks = append(marks, resetMark(t.ID(), t.Now()))
	}
	return h.store.ResetAll(rec, marks...)
}

func resetMark(tenantID string, at time.Time) durable.Record {
	return durable.Record{Kind: "admin", Tenant: tenantID, At: at, Method: "POST", Target: AdminPrefix + "/reset?tenant=" + tenantID}
}

// records returns a tenant's writes since its last reset, in order.
func (h *history) records(tenantID string) ([]durable.Record, error) {
	h.mu.Lock()
	st := h.store
	h.mu.Unlock()
	if st == nil {
		return nil, nil
	}
	return st.Tenant(tenantID)
}

// forget drops an evicted tenant's in-memory history (without a state
// file it returns fresh from its fixtures, so the history is moot).
func (h *history) forget(tenantID string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if m, ok := h.store.(*durable.Memory); ok {
		m.Forget(tenantID)
	}
}

func isReset(target string) bool {
	p, _, _ := strings.Cut(target, "?")
	return p == AdminPrefix+"/reset"
}

// openMemoryHistory keeps the history of a server without --state-file.
func (s *Server) openMemoryHistory() {
	s.history.store = durable.NewMemory(s.cfg.HistoryBytes)
}

// openState opens --state-file and replays it through the handler before
// the server takes traffic.
func (s *Server) openState(path string) error {
	opened := time.Now()
	st, ld, err := durable.OpenBolt(path, durable.BoltOptions{SkipDamaged: s.cfg.StateSkipDamaged})
	if err != nil {
		return err
	}
	loadMS := float64(time.Since(opened).Microseconds()) / 1000
	for _, d := range ld.Skipped {
		s.log.Error("state file: skipped a damaged record", "path", path, "offset", d.Offset, "seq", d.Seq, "tenant", d.Tenant, "reason", d.Reason)
	}
	if ld.Migrated > 0 {
		s.log.Info("state file: imported the JSON-lines file of an earlier version", "path", path, "records", ld.Migrated, "old", path+".jsonl-old")
	}
	s.history.mu.Lock()
	s.history.replaying = true
	s.history.mu.Unlock()
	s.tenants.Hold(true)
	defer s.tenants.Hold(false)
	began := time.Now()
	failed := s.replay(context.Background(), ld.Records, "")
	took := time.Since(began)
	s.history.mu.Lock()
	s.history.replaying = false
	s.history.store = st
	s.history.replayed, s.history.replayMS, s.history.loadMS = len(ld.Records), float64(took.Microseconds())/1000, loadMS
	s.history.skipped, s.history.migrated = ld.Skipped, ld.Migrated
	s.history.mu.Unlock()
	s.log.Info("state file replayed", "path", path, "records", len(ld.Records), "failed", failed, "skipped", len(ld.Skipped), "took", took)
	return nil
}

// returnTenant rebuilds a tenant that was evicted from memory from its
// records in the state file, so it comes back exactly as it was. ctx marks
// the rebuilding requests, which are not journalled or persisted again.
func (s *Server) returnTenant(ctx context.Context, t *tenant.Tenant) {
	recs, err := s.history.records(t.ID())
	if err != nil {
		s.log.Error("could not rebuild an evicted tenant", "tenant", t.ID(), "error", err)
		return
	}
	began := time.Now()
	failed := s.replay(ctx, recs, "")
	s.log.Debug("rebuilt an evicted tenant", "tenant", t.ID(), "records", len(recs), "failed", failed, "took", time.Since(began))
}

// StateHealth is the history's part of /__admin/health.
type StateHealth struct {
	durable.Stats
	Durable bool `json:"durable"`
	// ReplayedRecords, LoadMS (open the file, check every page and record)
	// and ReplayMS (serve every record again) describe the start-up.
	ReplayedRecords int     `json:"replayedRecords"`
	LoadMS          float64 `json:"loadMs"`
	ReplayMS        float64 `json:"replayMs"`
	// Skipped lists damaged records left out at start-up (--state-skip-damaged).
	Skipped []durable.Damage `json:"skipped"`
}

// StateHealth describes the history store.
func (s *Server) StateHealth() StateHealth {
	s.history.mu.Lock()
	defer s.history.mu.Unlock()
	out := StateHealth{Durable: s.cfg.StateFile != "", ReplayedRecords: s.history.replayed, ReplayMS: s.history.replayMS, LoadMS: s.history.loadMS,
		Skipped: append([]durable.Damage{}, s.history.skipped...)}
	if s.history.store != nil {
		out.Stats = s.history.store.Stats()
	}
	return out
}

// replay serves records in order. Each API record first brings its tenant's
// clock to the instant it was served, so timers fire exactly as they did.
// With into set, every record acts on that tenant instead.
func (s *Server) replay(ctx context.Context, recs []durable.Record, into string) int {
	failed := 0
	for _, r := range recs {
		target := r.Target
		tid := r.Tenant
		if into != "" {
			tid = into
			if r.Kind == "admin" {
				target = retarget(target, into)
			}
		}
		if r.Kind == "api" && tid != "" && !r.At.IsZero() {
			t := s.tenants.EnsureID(tid)
			if r.At.After(t.Now()) {
				t.Clock().Set(r.At)
			}
		}
		req := httptest.NewRequest(r.Method, target, bytes.NewReader(r.Body)).WithContext(ctx)
		req.RemoteAddr = "127.0.0.1:0"
		req = req.WithContext(admin.Internal(req.Context()))
		for k, v := range r.Header {
			req.Header[k] = v
		}
		if into != "" && r.Kind == "api" {
			req.Header.Set(gateway.TenantHeader, into)
		}
		w := httptest.NewRecorder()
		s.router.ServeHTTP(w, req)
		if r.Kind == "admin" && tid != "" && !r.At.IsZero() && isReset(r.Target) {
			// Compaction left this reset as the tenant's first record: it
			// carries the tenant's time after the reset.
			s.tenants.EnsureID(tid).Clock().Set(r.At)
		}
		if w.Code >= 500 {
			failed++
			s.log.Warn("replayed write failed", "seq", r.Seq, "method", r.Method, "target", target, "status", w.Code)
		}
	}
	return failed
}

func retarget(target, tenantID string) string {
	u, err := url.Parse(target)
	if err != nil {
		return target
	}
	q := u.Query()
	if q.Has("tenant") {
		q.Set("tenant", tenantID)
		u.RawQuery = q.Encode()
	}
	return u.RequestURI()
}

// Snapshot is a tenant's saved world: its writes in order and its clock.
type Snapshot struct {
	SchemaVersion int              `json:"schemaVersion"`
	Tenant        string           `json:"tenant"`
	Now           time.Time        `json:"now"`
	Records       []durable.Record `json:"records"`
}

// TakeSnapshot saves one tenant.
func (s *Server) TakeSnapshot(t *tenant.Tenant) (Snapshot, error) {
	all, err := s.history.records(t.ID())
	if err != nil {
		return Snapshot{}, err
	}
	recs := []durable.Record{}
	for _, r := range all {
		if r.Kind == "admin" && isReset(r.Target) {
			continue // the tenant's last reset: a restore starts with its own
		}
		recs = append(recs, r)
	}
	return Snapshot{SchemaVersion: 1, Tenant: t.ID(), Now: t.Now(), Records: recs}, nil
}

// Restore resets a tenant (clock included) and replays a snapshot into it.
func (s *Server) Restore(snap Snapshot, into *tenant.Tenant) (int, error) {
	if snap.SchemaVersion != 1 {
		return 0, fmt.Errorf("schemaVersion %d, this build reads 1", snap.SchemaVersion)
	}
	// The reset is logged too, so a later snapshot or a replay of the log
	// starts the tenant over here, as this does.
	s.tenants.ResetTenant(into, true)
	if err := s.history.reset(durable.Record{Kind: "admin", Tenant: into.ID(), At: into.Now(), Method: "POST",
		Target: AdminPrefix + "/reset?clock=true&tenant=" + into.ID()}, nil); err != nil {
		return 0, err
	}
	failed := s.replay(context.Background(), snap.Records, into.ID())
	if snap.Now.After(into.Now()) {
		into.Clock().Set(snap.Now)
	}
	return failed, nil
}

// snapshots adapts the server to the control plane's snapshot interface.
type snapshots struct{ s *Server }

func (sn snapshots) Snapshot(t *tenant.Tenant) (any, error) { return sn.s.TakeSnapshot(t) }

func (sn snapshots) Restore(raw []byte, into *tenant.Tenant) (string, int, error) {
	var snap Snapshot
	if err := json.Unmarshal(raw, &snap); err != nil {
		return "", 0, fmt.Errorf("not a snapshot: %v", err)
	}
	if into == nil {
		into = sn.s.tenants.EnsureID(snap.Tenant)
	}
	failed, err := sn.s.Restore(snap, into)
	return into.ID(), failed, err
}
