package main

import (
	"flag"
	"fmt"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/switchboard-sim/switchboard/simulator/clock"
	"github.com/switchboard-sim/switchboard/simulator/server"
	"github.com/switchboard-sim/switchboard/simulator/tenant"
)

// envName is the environment variable mirroring a flag: --api-port is
// SWITCHBOARD_API_PORT. Precedence: flag > env > default.
func envName(flagName string) string {
	return "SWITCHBOARD_" + strings.ToUpper(strings.ReplaceAll(flagName, "-", "_"))
}

// portList is the repeatable --api-port name=port flag.
type portList map[string]string

func (p portList) String() string {
	parts := make([]string, 0, len(p))
	for k, v := range p {
		parts = append(parts, k+"="+v)
	}
	return strings.Join(parts, ",")
}

func (p portList) Set(v string) error {
	for _, item := range strings.Split(v, ",") {
		name, port, ok := strings.Cut(strings.TrimSpace(item), "=")
		if !ok || name == "" || port == "" {
			return fmt.Errorf("want name=port, got %q", item)
		}
		p[name] = port
	}
	return nil
}

// serveFlags declares the serve flags on fs and returns a function that
// builds the server.Config once fs is parsed.
func serveFlags(fs *flag.FlagSet) func() (server.Config, slog.Level, error) {
	str := func(name, def, usage string) *string {
		if v, ok := os.LookupEnv(envName(name)); ok {
			def = v
		}
		return fs.String(name, def, usage+" (env "+envName(name)+")")
	}
	addr := str("addr", "127.0.0.1:8080", "listen address")
	seed := str("seed", "0", "seed for fake data; the same seed and requests give identical responses")
	logLevel := str("log-level", "info", "debug, info, warn or error")
	strict := str("strict-responses", "false", "turn a response that breaks its own spec into a 500 with a diagnostic")
	memLimit := str("memory-limit", "0", "soft memory limit for the Go runtime (e.g. 256MiB; 0, the default, for none). Keep it well above the live heap, which grows with the world, or the GC runs constantly: the GC returns headroom instead of holding twice the live heap")
	stateFile := str("state-file", "", "keep state across restarts (even kill -9) in this file (bbolt): every acknowledged write is fsynced and replayed at start-up; a reset drops the tenant's records")
	skipDamaged := str("state-skip-damaged", "false", "start from a state file whose damage is confined to single records, leaving out exactly those (logged and listed in /__admin/health); without it a damaged file refuses to start")
	historyBytes := str("history-memory", "64MiB", "without --state-file: bound of the in-memory write history kept for snapshots")
	maxTenants := str("max-tenants", "0", "keep at most this many tenants in memory, evicting the least recently used (0: no limit); with --state-file an evicted tenant comes back exactly as it was, without it fresh from the fixtures")
	tenantIdle := str("tenant-idle", "0", "evict a tenant unused for this long on the wall clock, e.g. 30m (0: never); a tenant with pending timers stays until they fire")
	drain := str("drain-timeout", "10s", "on SIGTERM, how long queued MaiAgent webhook replies and AICC pushes may take to go out before the server stops (0: stop at once)")
	lenient := str("lenient", "false", "serve requests whose only violations are recoverable (a string for a boolean or number, an unknown property), recording them")
	clk := str("clock", "virtual", "virtual (starts at a fixed instant, moves only when advanced) or real")
	start := str("clock-start", "", "first instant of a virtual clock (default "+clock.DefaultStart.Format(time.RFC3339)+"); a usage error with --clock real")
	journalSize := str("journal-size", "10000", "requests kept in the journal (a ring buffer)")
	adminToken := str("admin-token", "", "open the control plane to other addresses, for requests that send this token (Authorization: Bearer or X-Admin-Token)")
	adminHosts := str("admin-allowed-hosts", "", "without --admin-token the control plane answers only when Host is localhost or a loopback address; also allow these comma-separated names (any port): switchboard.test, .corp.example for a domain and its subdomains, * for any")
	scenarioDir := str("scenarios", "", "a folder of your own scenario files (*.yaml), loaded after the built-in ones; a bad file stops start-up; the folder is watched and an edit reloaded (a bad edit keeps the previous set)")
	auth := str("auth", "any", "any (every credential is its own tenant) or registered (only fixture or control-plane credentials)")
	ports := portList{}
	if v, ok := os.LookupEnv(envName("api-port")); ok {
		_ = ports.Set(v)
	}
	fs.Var(ports, "api-port", "serve one API at the root of its own port: name=port (repeatable) (env "+envName("api-port")+")")
	vendor := vendorFlags(str)

	return func() (server.Config, slog.Level, error) {
		var cfg server.Config
		var err error
		cfg.Addr = *addr
		if cfg.Seed, err = strconv.ParseInt(*seed, 10, 64); err != nil {
			return cfg, 0, fmt.Errorf("--seed: %w", err)
		}
		var lvl slog.Level
		if err := lvl.UnmarshalText([]byte(*logLevel)); err != nil {
			return cfg, 0, fmt.Errorf("--log-level: %w", err)
		}
		if cfg.StrictResponses, err = strconv.ParseBool(*strict); err != nil {
			return cfg, 0, fmt.Errorf("--strict-responses: %w", err)
		}
		switch clock.Mode(*clk) {
		case clock.Virtual, clock.Real:
			cfg.ClockMode = clock.Mode(*clk)
		default:
			return cfg, 0, fmt.Errorf("--clock: want virtual or real, got %q", *clk)
		}
		if cfg.Start, err = clock.ParseStart(*start); err != nil {
			return cfg, 0, err
		}
		if cfg.JournalSize, err = strconv.Atoi(*journalSize); err != nil || cfg.JournalSize < 1 {
			return cfg, 0, fmt.Errorf("--journal-size: want a positive number, got %q", *journalSize)
		}
		switch tenant.AuthMode(*auth) {
		case tenant.AuthAny, tenant.AuthRegistered:
			cfg.Auth = tenant.AuthMode(*auth)
		default:
			return cfg, 0, fmt.Errorf("--auth: want any or registered, got %q", *auth)
		}
		cfg.APIPorts = ports
		cfg.AdminToken = *adminToken
		cfg.AdminAllowedHosts = strings.Split(*adminHosts, ",") // checked by server.New
		cfg.StateFile = *stateFile
		if cfg.StateSkipDamaged, err = strconv.ParseBool(*skipDamaged); err != nil {
			return cfg, 0, fmt.Errorf("--state-skip-damaged: %w", err)
		}
		if cfg.MaxTenants, err = strconv.Atoi(*maxTenants); err != nil || cfg.MaxTenants < 0 {
			return cfg, 0, fmt.Errorf("--max-tenants: want 0 or a positive number, got %q", *maxTenants)
		}
		if cfg.TenantIdle, err = time.ParseDuration(*tenantIdle); err != nil || cfg.TenantIdle < 0 {
			return cfg, 0, fmt.Errorf("--tenant-idle: want a duration such as 30m, got %q", *tenantIdle)
		}
		if cfg.DrainTimeout, err = time.ParseDuration(*drain); err != nil || cfg.DrainTimeout < 0 {
			return cfg, 0, fmt.Errorf("--drain-timeout: want a duration such as 10s, got %q", *drain)
		}
		if cfg.HistoryBytes, err = parseBytes(*historyBytes); err != nil {
			return cfg, 0, fmt.Errorf("--history-memory: %w", err)
		}
		if cfg.MemoryLimit, err = parseBytes(*memLimit); err != nil {
			return cfg, 0, fmt.Errorf("--memory-limit: %w", err)
		}
		if cfg.Lenient, err = strconv.ParseBool(*lenient); err != nil {
			return cfg, 0, fmt.Errorf("--lenient: %w", err)
		}
		cfg.Scenarios = *scenarioDir
		if cfg.Vendors, err = vendor(); err != nil {
			return cfg, 0, err
		}
		return cfg, lvl, cfg.Validate()
	}
}

// vendorFlags declares each vendor's own flags.
func vendorFlags(str func(name, def, usage string) *string) func() (server.VendorOptions, error) {
	sessionTimeout := str("ringotel-session-timeout", "24h", "Ringotel: close a session after this inactivity on the virtual clock")
	pollHold := str("brightpattern-poll-hold", "10s", "Bright Pattern: how long Get New Chat Events holds a request with no events (keep under 13s)")
	tokenDelay := str("maiagent-token-delay", "30ms", "MaiAgent: wall-clock pause between streamed reply tokens (0 for none)")
	aiccTimeout := str("aicc-delivery-timeout", "5s", "AICC: wall-clock timeout of one webhook push attempt")
	aiccBackoff := str("aicc-backoff", "1s", "AICC: first retry delay on the virtual clock, doubling per attempt")
	aiccAttempts := str("aicc-attempts", "8", "AICC: attempts before a push is dead-lettered")
	return func() (server.VendorOptions, error) {
		var v server.VendorOptions
		durations := []struct {
			name string
			val  *string
			dst  *time.Duration
		}{
			{"ringotel-session-timeout", sessionTimeout, &v.Ringotel.SessionTimeout},
			{"brightpattern-poll-hold", pollHold, &v.BrightPattern.PollHold},
			{"maiagent-token-delay", tokenDelay, &v.MaiAgent.TokenDelay},
			{"aicc-delivery-timeout", aiccTimeout, &v.AICC.DeliveryTimeout},
			{"aicc-backoff", aiccBackoff, &v.AICC.Backoff},
		}
		for _, d := range durations {
			x, err := time.ParseDuration(*d.val)
			if err != nil || x < 0 {
				return v, fmt.Errorf("--%s: want a duration such as 10s, got %q", d.name, *d.val)
			}
			*d.dst = x
		}
		n, err := strconv.Atoi(*aiccAttempts)
		if err != nil || n < 1 {
			return v, fmt.Errorf("--aicc-attempts: want a positive number, got %q", *aiccAttempts)
		}
		v.AICC.Attempts = n
		return v, nil
	}
}

// parseBytes reads sizes such as 48MiB, 512KiB, 1GiB, 1048576 or 0.
func parseBytes(s string) (int64, error) {
	units := []struct {
		suffix string
		mult   int64
	}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}, {"B", 1}}
	mult := int64(1)
	for _, u := range units {
		if strings.HasSuffix(s, u.suffix) {
			s, mult = strings.TrimSuffix(s, u.suffix), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("want a size such as 48MiB or 0, got %q", s)
	}
	return n * mult, nil
}
