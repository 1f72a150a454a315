package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"net/url"
	"sync"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/switchboard-sim/switchboard/simulator/durable"
	"github.com/switchboard-sim/switchboard/simulator/gateway"
	"github.com/switchboard-sim/switchboard/simulator/tenant"
)

// history keeps each tenant's acknowledged writes in memory (for snapshots)
// and, with --state-file, in the durable log.
type history struct {
	mu        sync.Mutex
	log       *durable.Log // nil without --state-file
	byTenant  map[string][]durable.Record
	replaying bool
}

// notPersisted are control-plane writes that change no simulated state.
var notPersisted = map[string]bool{
	"AdminSnapshot": true, "AdminRestore": true, "AdminClearRequests": true, "AdminClearViolations": true,
}

// keptHeaders are what a replayed request needs: who it is and what it sent.
var keptHeaders = []string{"Authorization", "X-Api-Key", "Cookie", "Content-Type", gateway.TenantHeader, "User-Agent"}

func (s *Server) persist(kind string) func(c *gin.Context, t *tenant.Tenant, body []byte) error {
	return func(c *gin.Context, t *tenant.Tenant, body []byte) error {
		if notPersisted[gateway.Operation(c)] {
			return nil
		}
		rec := durable.Record{Kind: kind, Method: c.Request.Method, Target: c.Request.URL.RequestURI(), Body: body, Header: map[string][]string{}}
		for _, h := range keptHeaders {
			if v := c.Request.Header.Values(h); len(v) > 0 {
				rec.Header[h] = v
			}
		}
		if t == nil && kind == "admin" {
			if v := c.Query("tenant"); v != "" {
				t = s.tenants.Ensure(v)
			}
		}
		if t != nil {
			rec.Tenant, rec.At = t.ID(), t.Now()
		}
		return s.history.add(rec, c.Request.URL.Path, c.Query("tenant") == "")
	}
}

func (h *history) add(rec durable.Record, path string, global bool) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.replaying {
		return nil
	}
	if rec.Kind == "admin" && path == AdminPrefix+"/reset" {
		if global {
			h.byTenant = map[string][]durable.Record{}
		} else {
			delete(h.byTenant, rec.Tenant)
		}
	}
	if h.log != nil {
		if err := h.log.Append(rec); err != nil {
			return err
		}
	}
	if rec.Tenant != "" && !(rec.Kind == "admin" && path == AdminPrefix+"/reset") {
		h.byTenant[rec.Tenant] = append(h.byTenant[rec.Tenant], rec)
	}
	return nil
}

func (h *history) records(tenantID string) []durable.Record {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]durable.Record(nil), h.byTenant[tenantID]...)
}

// openState opens --state-file and replays it through the handler before
// the server takes traffic.
func (s *Server) openState(path string) error {
	l, recs, err := durable.Open(path)
	if err != nil {
		return err
	}
	s.history.mu.Lock()
	s.history.replaying = true
	s.history.mu.Unlock()
	failed := s.replay(recs, "")
	s.history.mu.Lock()
	s.history.replaying = false
	s.history.log = l
	for _, r := range recs {
		if r.Tenant != "" {
			s.history.byTenant[r.Tenant] = append(s.history.byTenant[r.Tenant], r)
		}
	}
	s.history.mu.Unlock()
	s.log.Info("state file replayed", "path", path, "records", len(recs), "failed", failed)
	return nil
}

// replay serves records in order. Each API record first brings its tenant's
// clock to the instant it was served, so timers fire exactly as they did.
// With into set, every record acts on that tenant instead.
func (s *Server) replay(recs []durable.Record, into string) int {
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
		req := httptest.NewRequest(r.Method, target, bytes.NewReader(r.Body))
		req.RemoteAddr = "127.0.0.1:0"
		for k, v := range r.Header {
			req.Header[k] = v
		}
		if into != "" && r.Kind == "api" {
			req.Header.Set(gateway.TenantHeader, into)
		}
		w := httptest.NewRecorder()
		s.router.ServeHTTP(w, req)
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
func (s *Server) TakeSnapshot(t *tenant.Tenant) Snapshot {
	return Snapshot{SchemaVersion: 1, Tenant: t.ID(), Now: t.Now(), Records: s.history.records(t.ID())}
}

// Restore resets a tenant (clock included) and replays a snapshot into it.
func (s *Server) Restore(snap Snapshot, into *tenant.Tenant) (int, error) {
	if snap.SchemaVersion != 1 {
		return 0, fmt.Errorf("schemaVersion %d, this build reads 1", snap.SchemaVersion)
	}
	s.history.mu.Lock()
	delete(s.history.byTenant, into.ID())
	s.history.mu.Unlock()
	s.tenants.ResetTenant(into, true)
	failed := s.replay(snap.Records, into.ID())
	if snap.Now.After(into.Now()) {
		into.Clock().Set(snap.Now)
	}
	return failed, nil
}

// snapshots adapts the server to the control plane's snapshot interface.
type snapshots struct{ s *Server }

func (sn snapshots) Snapshot(t *tenant.Tenant) any { return sn.s.TakeSnapshot(t) }

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
