package server

import (
	"io"
	"log/slog"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/switchboard-sim/switchboard/fixtures"
	"github.com/switchboard-sim/switchboard/simulator/clock"
	"github.com/switchboard-sim/switchboard/simulator/tenant"
	"github.com/switchboard-sim/switchboard/simulator/vendor"
)

// Config is everything the server is built from. The zero value with
// Vendors set (vendors.All: every shipped API) works: 127.0.0.1:8080,
// seed 0, virtual clock, any credential.
type Config struct {
	Addr            string
	Seed            int64
	StrictResponses bool
	ClockMode       clock.Mode
	Start           time.Time // first instant of a virtual clock (zero: clock.DefaultStart); must be zero with a real clock (Validate)
	JournalSize     int
	Auth            tenant.AuthMode
	APIPorts        map[string]string // api name -> port or host:port
	Logger          *slog.Logger
	Hooks           []gin.HandlerFunc // run on every vendor request before validation
	// AdminToken, when set, opens the control plane to any address that sends it;
	// without it the control plane answers only on loopback, and only when the
	// Host header is localhost, a loopback address or in AdminAllowedHosts.
	AdminToken string
	// AdminAllowedHosts are further Host names the control plane answers
	// without a token (--admin-allowed-hosts): "switchboard.test", a domain
	// and its subdomains as ".corp.example", or "*" for any. See admin.Hosts.
	AdminAllowedHosts []string
	// MemoryLimit is the Go runtime's soft memory limit in bytes (0: none);
	// the binary applies it, tests leave it alone.
	MemoryLimit int64
	// GCHeadroom lets the heap grow by at least this many bytes past the
	// live heap before the runtime collects (simulator/gctune; 0: the
	// runtime's own GOGC alone); the binary applies it, tests leave it alone.
	GCHeadroom int64
	// StateFile, when set, makes every acknowledged write durable (fsynced)
	// and replays it at start-up.
	StateFile string
	// StateSkipDamaged starts from a state file whose damage is confined to
	// single records, leaving out exactly those (logged, and listed in
	// health); without it a damaged file refuses to start.
	StateSkipDamaged bool
	// MaxTenants, when positive, evicts the least recently used tenants past
	// this many; TenantIdle, when positive, evicts tenants unused that long
	// (wall clock). A tenant with pending timers stays until they fire. With
	// StateFile an evicted tenant is rebuilt exactly as it was when next
	// used; without, it returns fresh from its fixtures.
	MaxTenants int
	TenantIdle time.Duration
	// DrainTimeout, when positive, is how long Close lets queued outbound
	// work (webhook replies, pushes) go out after the listeners close
	// (0: stop at once, dropping them; the binary's default is 10s).
	DrainTimeout time.Duration
	// HistoryBytes bounds the in-memory write history kept for snapshots
	// without StateFile (0: durable.DefaultMemoryBytes).
	HistoryBytes int64
	// Lenient serves requests whose only contract violations are recoverable
	// (see gateway.recoverable) and records the violations.
	Lenient   bool
	Scenarios string // a folder of the user's scenario files (--scenarios), loaded after the built-in ones
	Version   string // reported by /__admin/health (default Version); the binary's stamped release

	// Vendors are the simulated APIs, in order, each with its own options
	// (the binary's list is simulator/vendors.All).
	Vendors []vendor.Vendor
}

// Validate reports settings that contradict each other. Its errors name
// the command-line flag, since that is where users set them.
func (c Config) Validate() error {
	return clock.CheckStart(c.ClockMode, c.Start)
}

func (c Config) withDefaults() Config {
	if c.Addr == "" {
		c.Addr = "127.0.0.1:8080"
	}
	if c.ClockMode == "" {
		c.ClockMode = clock.Virtual
	}
	if c.JournalSize <= 0 {
		c.JournalSize = 10000
	}
	if c.Version == "" {
		c.Version = Version
	}
	if c.Auth == "" {
		c.Auth = tenant.AuthAny
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	return c
}

// registerFixtureCredentials makes fixtures/credentials.yaml known to --auth registered.
func registerFixtureCredentials(r *tenant.Registry) error {
	var f struct {
		SchemaVersion int      `yaml:"schemaVersion"`
		Credentials   []string `yaml:"credentials"`
	}
	if err := fixtures.Load("credentials", &f); err != nil {
		return err
	}
	r.Register(f.Credentials...)
	return nil
}
