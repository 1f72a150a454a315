// Package server builds the Switchboard HTTP server: every vendor API under
// its prefix, the control plane under /__admin, and optional per-API ports.
// main and the in-process test server build it the same way.
package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/switchboard-sim/switchboard/openapi"
	"github.com/switchboard-sim/switchboard/scenarios"
	"github.com/switchboard-sim/switchboard/simulator/admin"
	"github.com/switchboard-sim/switchboard/simulator/contract"
	"github.com/switchboard-sim/switchboard/simulator/dashboard"
	"github.com/switchboard-sim/switchboard/simulator/errs"
	"github.com/switchboard-sim/switchboard/simulator/faults"
	"github.com/switchboard-sim/switchboard/simulator/gateway"
	"github.com/switchboard-sim/switchboard/simulator/journal"
	"github.com/switchboard-sim/switchboard/simulator/jsoncodec"
	"github.com/switchboard-sim/switchboard/simulator/metrics"
	"github.com/switchboard-sim/switchboard/simulator/tenant"
)

// Version is the simulator's version.
const Version = "0.1.0"

// AdminPrefix is where the control plane lives.
const AdminPrefix = "/__admin"

// Server is a running (or ready to run) simulator.
type Server struct {
	cfg      Config
	log      *slog.Logger
	tenants  *tenant.Registry
	journal  *journal.Journal
	contract *contract.Recorder
	faults   *faults.Injector
	ownSpecs map[string]*openapi.Spec // specs of vendors that keep their own (vendor.Specifier)
	history  *history
	metrics  *metrics.Metrics
	streams  *reclaimer // the metrics, and memory handed back as streams close
	apis     []gateway.API
	router   *router

	mu        sync.Mutex
	stop      chan struct{} // closed by Close: background loops end
	listeners []net.Listener
	servers   []*http.Server
	url       string
	ownPorts  map[string]string // api -> base URL on its own port
	started   []gateway.Starter

	adminHosts admin.Hosts

	scenarios   *scenarios.Runtime
	reload      reloads
	extraAdmins []gateway.Admin // control-plane operations not owned by a vendor API
	dash        *dashboard.Dashboard
}

// New builds a server from cfg without binding any port.
func New(cfg Config) (*Server, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	s := &Server{
		cfg:      cfg,
		log:      cfg.Logger,
		journal:  journal.New(cfg.JournalSize),
		contract: contract.New(0),
		faults:   faults.New(cfg.Seed),
		history:  &history{},
		ownPorts: map[string]string{},
	}
	hosts, err := admin.ParseHosts(cfg.AdminAllowedHosts)
	if err != nil {
		return nil, err
	}
	s.adminHosts = hosts
	topts := tenant.Options{
		Seed: cfg.Seed, ClockMode: cfg.ClockMode, Start: cfg.Start, Auth: cfg.Auth,
		MaxTenants: cfg.MaxTenants, Idle: cfg.TenantIdle,
	}
	if cfg.StateFile != "" {
		topts.Returner = s.returnTenant
	} else {
		topts.OnEvict = s.history.forget // it returns fresh: its history is moot
	}
	s.tenants = tenant.NewRegistry(topts)
	if err := registerFixtureCredentials(s.tenants); err != nil {
		return nil, err
	}
	s.instrument()
	s.streams = newReclaimer(s.metrics)
	s.extraAdmins = append(s.extraAdmins, opsAdmin{s})
	apis, err := s.buildAPIs(cfg.Vendors)
	if err != nil {
		return nil, err
	}
	s.apis = apis
	s.dash = dashboard.New(dashboard.Deps{Host: s, Tenants: s.tenants, Journal: s.journal}) // /__admin/ui (issue 14)
	s.extraAdmins = append(s.extraAdmins, s.dash)
	// Every engine starts parsing its spec now, in the background; the
	// scenario library loads meanwhile, and New reports a bad scenario file.
	// Engines mount their handlers only once the scenario runtime is bound.
	prepDone := make(chan struct{})
	var prepErr error
	s.router = s.newRouter(func() error { <-prepDone; return prepErr })
	s.router.start()
	lib, err := scenarios.LoadLibrary(cfg.Scenarios)
	if err == nil {
		err = s.buildScenarios(lib)
	}
	prepErr = err
	close(prepDone)
	if err != nil {
		return nil, err
	}
	if cfg.StateFile != "" {
		if err := s.openState(cfg.StateFile); err != nil {
			return nil, err
		}
	} else {
		s.openMemoryHistory()
	}
	return s, nil
}

func (s *Server) deps() *gateway.Deps {
	return &gateway.Deps{
		Tenants: s.tenants, Journal: s.journal, StrictResponses: s.cfg.StrictResponses,
		Logger: s.log, Contract: s.contract, Lenient: s.cfg.Lenient, Persist: s.persist("api"), Observer: s.streams,
		Hooks: append([]gin.HandlerFunc{gateway.FaultHook(s.faults)}, s.cfg.Hooks...),
	}
}

func (s *Server) newEngine() *gin.Engine {
	gin.SetMode(gin.ReleaseMode)
	jsoncodec.Install()
	e := gin.New()
	e.HandleMethodNotAllowed = true
	e.ContextWithFallback = true
	e.Use(gin.CustomRecoveryWithWriter(io.Discard, s.recovered))
	return e
}

// buildEngine mounts apis (each under its prefix, or at the root when
// prefixed is false and there is one API) and, with withAdmin, the control
// plane. Specs are parsed first; prep (when set) must succeed before any
// handler is mounted.
func (s *Server) buildEngine(apis []gateway.API, prefixed, withAdmin bool, prep func() error) (*gin.Engine, error) {
	e := s.newEngine()
	if withAdmin {
		// On the engine, not the group: every path under the prefix passes
		// the guard, routed or not, and so will pages mounted beside the spec.
		e.Use(underPrefix(AdminPrefix, admin.Guard(admin.GuardOptions{Token: s.cfg.AdminToken, Hosts: s.adminHosts, Logger: s.log})))
	}
	specs := make([]*openapi.Spec, len(apis))
	for i, api := range apis {
		spec, err := s.loadSpec(api.Name())
		if err != nil {
			return nil, err
		}
		specs[i] = spec
	}
	var adminSpec *openapi.Spec
	if withAdmin {
		sp, err := openapi.Load("admin")
		if err != nil {
			return nil, err
		}
		adminSpec = sp
	}
	if prep != nil {
		if err := prep(); err != nil {
			return nil, err
		}
	}
	deps := s.deps()
	mounts := map[string]gateway.API{}
	misses := map[string]*gateway.Misser{} // issue 14: unknown paths are journalled with a near-miss explanation
	for i, api := range apis {
		spec := specs[i]
		prefix := ""
		if prefixed {
			prefix = "/" + api.Name()
		}
		mounts[prefix] = api
		misses[prefix] = gateway.NewMisser(api, spec.Doc, deps, prefix)
		if err := gateway.Mount(e.Group(prefix), api, api.Handlers(), spec.Doc, deps); err != nil {
			return nil, err
		}
	}
	if withAdmin {
		spec := adminSpec
		ad := admin.New(admin.Deps{Host: s, Tenants: s.tenants, Journal: s.journal, Contract: s.contract, Faults: s.faults, Version: s.cfg.Version, Specs: s.spec, Snapshots: snapshots{s}})
		handlers := ad.Handlers()
		for _, x := range s.extraAdmins {
			for id, fn := range x.AdminHandlers() {
				handlers[id] = fn
			}
		}
		if err := gateway.Mount(e.Group(AdminPrefix, admin.JSONBodies()), ad, handlers, spec.Doc, &gateway.Deps{StrictResponses: s.cfg.StrictResponses, Logger: s.log, Persist: s.persist("admin")}); err != nil {
			return nil, err
		}
	}
	e.NoRoute(s.unrouted(mounts, misses, errs.NotFound))
	e.NoMethod(s.unrouted(mounts, misses, errs.Method))
	return e, nil
}

// underPrefix runs h only on requests under prefix.
func underPrefix(prefix string, h gin.HandlerFunc) gin.HandlerFunc {
	return func(c *gin.Context) {
		if p := c.Request.URL.Path; p == prefix || strings.HasPrefix(p, prefix+"/") {
			h(c)
		}
	}
}

// unrouted answers a path or method no spec declares: in the vendor's shape
// under a vendor prefix, otherwise with the simulator's own diagnostic.
func (s *Server) unrouted(mounts map[string]gateway.API, misses map[string]*gateway.Misser, code errs.Code) gin.HandlerFunc {
	prefixes := make([]string, 0, len(mounts))
	for p := range mounts {
		prefixes = append(prefixes, p)
	}
	sort.Slice(prefixes, func(i, j int) bool { return len(prefixes[i]) > len(prefixes[j]) })
	return func(c *gin.Context) {
		path := c.Request.URL.Path
		msg := "no operation at " + c.Request.Method + " " + path
		if code == errs.Method {
			msg = "method " + c.Request.Method + " is not allowed on " + path
		}
		if strings.HasPrefix(path, AdminPrefix+"/") || path == AdminPrefix {
			if _, own := mounts[""]; own {
				// An --api-port serves one API at its root and never the control plane.
				msg += "; this port serves one API only, the control plane is on the main address"
			}
			gateway.WriteAdminError(c, errs.New(code, "%s", msg))
			return
		}
		for _, p := range prefixes {
			if p == "" || path == p || strings.HasPrefix(path, p+"/") {
				if m := misses[p]; m != nil {
					m.Serve(c, errs.New(code, "%s", msg))
					return
				}
				mounts[p].WriteError(c, errs.New(code, "%s", msg))
				return
			}
		}
		gateway.WriteDiagnostic(c.Writer, &gateway.Diagnostic{Kind: gateway.DiagNoSuchAPI, Status: gateway.Status(code),
			Message: msg + "; vendor APIs are under " + strings.Join(s.prefixes(), ", ") + " and the control plane under " + AdminPrefix})
	}
}

func (s *Server) recovered(c *gin.Context, v any) {
	s.log.Error("handler panic", "path", c.Request.URL.Path, "panic", fmt.Sprint(v))
	c.Abort()
	if c.Writer.Written() {
		return // the answer is under way
	}
	gateway.WriteDiagnostic(c.Writer, &gateway.Diagnostic{Kind: gateway.DiagInternal,
		Message: "the simulator failed to serve this request; this is a Switchboard bug", Detail: fmt.Sprint(v)})
}

func (s *Server) prefixes() []string {
	out := make([]string, len(s.apis))
	for i, a := range s.apis {
		out[i] = "/" + a.Name()
	}
	return out
}

// spec serves a spec by name for the control plane.
func (s *Server) spec(name string) ([]byte, []byte, bool) {
	if name != "admin" && !s.hasSpec(name) {
		return nil, nil, false
	}
	sp, err := s.loadSpec(name)
	if err != nil {
		return nil, nil, false
	}
	return sp.YAML, sp.JSON(), true
}

// Handler is the main HTTP handler (all APIs and the control plane).
func (s *Server) Handler() http.Handler { return s.router }

// Ready waits until every API's engine is built and returns the first
// error (a spec that does not load). The server answers each API as soon as
// its own engine is ready, before Ready returns.
func (s *Server) Ready() error { return s.router.ready() }

// Tenants is the tenant registry.
func (s *Server) Tenants() *tenant.Registry { return s.tenants }

// Contract is the contract report.
func (s *Server) Contract() *contract.Recorder { return s.contract }

// Journal is the request journal.
func (s *Server) Journal() *journal.Journal { return s.journal }

// APIs lists the mounted vendor APIs.
func (s *Server) APIs() []gateway.API { return s.apis }

// Open binds the main address and every --api-port, then serves in the background.
func (s *Server) Open() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	ln, err := net.Listen("tcp", s.cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen %s: %w", s.cfg.Addr, err)
	}
	s.url = "http://" + ln.Addr().String()
	s.serve(ln, s.router)
	s.stop = make(chan struct{})
	if err := s.watchScenarios(); err != nil {
		s.closeLocked()
		return fmt.Errorf("--scenarios: watching %s: %w", s.cfg.Scenarios, err)
	}
	if s.cfg.TenantIdle > 0 {
		s.tenants.StartJanitor(max(100*time.Millisecond, min(s.cfg.TenantIdle/4, 10*time.Second)), s.stop, func(n int) {
			s.log.Info("evicted idle tenants", "count", n, "held", s.tenants.Len())
			if n >= 100 {
				// Hand the evicted tenants' memory back now rather than
				// whenever the scavenger gets to it.
				debug.FreeOSMemory()
			}
		})
	}
	names := make([]string, 0, len(s.cfg.APIPorts))
	for n := range s.cfg.APIPorts {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		api := s.api(name)
		if api == nil {
			s.closeLocked()
			return fmt.Errorf("--api-port: no API named %q", name)
		}
		e, err := s.buildEngine([]gateway.API{api}, false, false, nil)
		if err != nil {
			s.closeLocked()
			return err
		}
		addr := s.cfg.APIPorts[name]
		if !strings.Contains(addr, ":") {
			host, _, _ := net.SplitHostPort(s.cfg.Addr)
			addr = net.JoinHostPort(host, addr)
		}
		l, err := net.Listen("tcp", addr)
		if err != nil {
			s.closeLocked()
			return fmt.Errorf("listen %s for %s: %w", addr, name, err)
		}
		s.ownPorts[name] = "http://" + l.Addr().String()
		s.serve(l, e)
	}
	for _, api := range s.apis {
		if st, ok := api.(gateway.Starter); ok {
			if err := st.Start(); err != nil {
				s.closeLocked()
				return err
			}
			s.started = append(s.started, st)
		}
	}
	return nil
}

func (s *Server) serve(ln net.Listener, h http.Handler) {
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	s.listeners = append(s.listeners, ln)
	s.servers = append(s.servers, srv)
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.log.Error("serve", "addr", ln.Addr().String(), "error", err)
		}
	}()
}

func (s *Server) api(name string) gateway.API {
	for _, a := range s.apis {
		if a.Name() == name {
			return a
		}
	}
	return nil
}

// URL is the main base URL, e.g. http://127.0.0.1:8080.
func (s *Server) URL() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.url
}

// APIURL is the base URL of one API under the main address.
func (s *Server) APIURL(name string) string { return s.URL() + "/" + name }

// ControlPlaneURL is the control plane's base URL.
func (s *Server) ControlPlaneURL() string { return s.URL() + AdminPrefix }

// APIInfos names every API and where it is served.
func (s *Server) APIInfos() []admin.APIInfo {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]admin.APIInfo, len(s.apis))
	for i, a := range s.apis {
		out[i] = admin.APIInfo{Name: a.Name(), BaseURL: s.url + "/" + a.Name(), OwnPort: s.ownPorts[a.Name()]}
	}
	return out
}

// Close shuts down gracefully: in-flight requests finish (up to 5 s), then
// queued outbound work (webhook replies, pushes) is delivered
// for up to Config.DrainTimeout, then background work and clocks stop.
func (s *Server) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.closeLocked()
}

func (s *Server) closeLocked() error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	var first error
	s.dash.Close() // open dashboard streams end, so Shutdown need not wait for browsers
	for _, srv := range s.servers {
		if err := srv.Shutdown(ctx); err != nil && first == nil {
			first = err
		}
	}
	s.drain()
	for _, st := range s.started {
		st.Stop()
	}
	s.servers, s.listeners, s.started = nil, nil, nil
	if s.stop != nil {
		close(s.stop)
		s.stop = nil
	}
	s.tenants.Close()
	s.history.mu.Lock()
	if s.history.store != nil {
		if err := s.history.store.Close(); err != nil && first == nil {
			first = err
		}
		s.history.store = nil
	}
	s.history.mu.Unlock()
	return first
}
