package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/switchboard-sim/switchboard/simulator/admin"
	"github.com/switchboard-sim/switchboard/simulator/durable"
	"github.com/switchboard-sim/switchboard/simulator/gateway"
	"github.com/switchboard-sim/switchboard/simulator/tenant"
)

// history is the ordered log of acknowledged writes: the --state-file, or
// without one a temporary file (not fsynced, removed on close). It lives on
// disk, not in memory, so a long run's memory stays flat; snapshots scan it.
type history struct {
	mu        sync.Mutex
	log       *durable.Log
	path      string
	temp      bool
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
		return s.history.add(rec)
	}
}

func (h *history) add(rec durable.Record) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.replaying || h.log == nil {
		return nil
	}
	return h.log.Append(rec)
}

// records returns a tenant's writes since its last reset, in order.
func (h *history) records(tenantID string) ([]durable.Record, error) {
	h.mu.Lock()
	path := h.path
	h.mu.Unlock()
	all, err := durable.Read(path)
	if err != nil {
		return nil, err
	}
	var out []durable.Record
	for _, r := range all {
		if r.Kind == "admin" && isReset(r.Target) && (r.Tenant == "" || r.Tenant == tenantID) {
			out = out[:0]
			continue
		}
		if r.Tenant == tenantID {
			out = append(out, r)
		}
	}
	return out, nil
}

func isReset(target string) bool {
	p, _, _ := strings.Cut(target, "?")
	return p == AdminPrefix+"/reset"
}

// openTempHistory keeps the history of a server without --state-file.
func (s *Server) openTempHistory() error {
	f, err := os.CreateTemp("", "switchboard-history-*.jsonl")
	if err != nil {
		return fmt.Errorf("history: %w", err)
	}
	path := f.Name()
	f.Close()
	l, _, err := durable.Open(path)
	if err != nil {
		return err
	}
	l.NoSync()
	s.history.log, s.history.path, s.history.temp = l, path, true
	return nil
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
	s.history.log, s.history.path = l, path
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
		req = req.WithContext(admin.Internal(req.Context()))
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
func (s *Server) TakeSnapshot(t *tenant.Tenant) (Snapshot, error) {
	recs, err := s.history.records(t.ID())
	if err != nil {
		return Snapshot{}, err
	}
	if recs == nil {
		recs = []durable.Record{}
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
	if err := s.history.add(durable.Record{Kind: "admin", Tenant: into.ID(), Method: "POST",
		Target: AdminPrefix + "/reset?clock=true&tenant=" + into.ID()}); err != nil {
		return 0, err
	}
	s.tenants.ResetTenant(into, true)
	failed := s.replay(snap.Records, into.ID())
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
