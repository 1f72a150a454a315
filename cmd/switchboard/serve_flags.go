package main

import (
	"fmt"
	"log/slog"
	"sort"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/switchboard-sim/switchboard/simulator/cli"
	"github.com/switchboard-sim/switchboard/simulator/clock"
	"github.com/switchboard-sim/switchboard/simulator/server"
	"github.com/switchboard-sim/switchboard/simulator/tenant"
	"github.com/switchboard-sim/switchboard/simulator/vendor"
	"github.com/switchboard-sim/switchboard/simulator/vendors"
)

// serveOptions is what the serve flags fill: the server's Config and the
// log level.
type serveOptions struct {
	cfg      server.Config
	logLevel string
}

// serveFlags declares every serve flag, bound straight to the field it
// sets. This is the one place to add one: a line such as
//
//	cli.DurationVar(fs, &c.TenantIdle, "tenant-idle", 0, "forget a tenant idle this long (0: never)")
//
// gives --tenant-idle, typed and checked, mirrored by SWITCHBOARD_TENANT_IDLE
// (flag > env > default), listed with its type and default in --help.
// Kinds: fs.BoolVar, fs.StringVar, int64Var, intVar (with a minimum),
// durationVar, bytesVar, timeVar, enumVar (with its values).
func serveFlags(fs *pflag.FlagSet, o *serveOptions) {
	c := &o.cfg
	if c.Vendors == nil {
		c.Vendors = vendors.All()
	}
	fs.SortFlags = false
	fs.StringVar(&c.Addr, "addr", "127.0.0.1:8080", "listen address (host:port; port 0 picks a free one)")
	cli.Int64Var(fs, &c.Seed, "seed", 0, "seed for fake data; the same seed and requests give identical responses")
	cli.EnumVar(fs, &o.logLevel, "log-level", "info", "log level", "debug", "info", "warn", "error")
	fs.BoolVar(&c.StrictResponses, "strict-responses", false, "turn a response that breaks its own spec into a 500 with a diagnostic")
	fs.BoolVar(&c.Lenient, "lenient", false, "serve requests whose only violations are recoverable (a string for a boolean or number, an unknown property), recording them")
	cli.EnumVar(fs, &c.ClockMode, "clock", clock.Virtual, "virtual (starts at a fixed instant, moves only when advanced) or real", clock.Virtual, clock.Real)
	// Zero unless given, so the server can tell "not given" apart: a real
	// clock starts at the wall time, a virtual one at clock.DefaultStart.
	cli.TimeVar(fs, &c.Start, "clock-start", time.Time{}, "first instant of a virtual clock (default "+clock.DefaultStart.Format(time.RFC3339)+"); a usage error with --clock real, which reads the wall clock")
	cli.IntVar(fs, &c.JournalSize, "journal-size", 10000, 1, "requests kept in the journal (a ring buffer)")
	cli.EnumVar(fs, &c.Auth, "auth", tenant.AuthAny, "any (every credential is its own tenant) or registered (only fixture or control-plane credentials)", tenant.AuthAny, tenant.AuthRegistered)
	fs.StringVar(&c.AdminToken, "admin-token", "", "require this token on every control-plane request, from loopback too (Authorization: Bearer or X-Admin-Token); with it set, other addresses may reach the control plane, which without it answers only on loopback")
	fs.StringSliceVar(&c.AdminAllowedHosts, "admin-allowed-hosts", nil, "without --admin-token the control plane answers only when Host is localhost or a loopback address; also allow these comma-separated names (any port): switchboard.test, .corp.example for a domain and its subdomains, * for any")
	fs.Var(portList{m: &c.APIPorts}, "api-port", "serve one API at the root of its own port: name=port (repeatable, or comma-separated)")
	fs.StringVar(&c.StateFile, "state-file", "", "keep state across restarts (even kill -9) in this file (bbolt): every acknowledged write is fsynced and replayed at start-up; a reset drops the tenant's records")
	fs.BoolVar(&c.StateSkipDamaged, "state-skip-damaged", false, "start from a state file whose damage is confined to single records, leaving out exactly those (logged and listed in /__admin/health); without it a damaged file refuses to start")
	cli.BytesVar(fs, &c.HistoryBytes, "history-memory", 64<<20, "without --state-file: bound of the in-memory write history kept for snapshots")
	cli.IntVar(fs, &c.MaxTenants, "max-tenants", 0, 0, "keep at most this many tenants in memory, evicting the least recently used (0: no limit); with --state-file an evicted tenant comes back exactly as it was, without it fresh from the fixtures")
	cli.DurationVar(fs, &c.TenantIdle, "tenant-idle", 0, "evict a tenant unused for this long on the wall clock, e.g. 30m (0: never); a tenant with pending timers stays until they fire")
	cli.DurationVar(fs, &c.DrainTimeout, "drain-timeout", 10*time.Second, "on SIGTERM, how long queued "+outbound(c.Vendors)+" may take to go out before the server stops (0: stop at once)")
	fs.StringVar(&c.Scenarios, "scenarios", "", "a folder of your own scenario files (*.yaml), loaded after the built-in ones; a bad file stops start-up; the folder is watched and an edit reloaded (a bad edit keeps the previous set)")
	cli.BytesVar(fs, &c.MemoryLimit, "memory-limit", 0, "soft memory limit for the Go runtime (e.g. 256MiB; 0 for none). Keep it well above the live heap, which grows with the world, or the GC runs constantly")
	cli.BytesVar(fs, &c.GCHeadroom, "gc-headroom", 0, "let the heap grow by at least this much garbage before the Go runtime collects, e.g. 64MiB (0: GOGC alone); fewer collections while the world is small, for that much more resident memory. GOGC stays the floor")

	// Each vendor's own flags (vendor.Flagger), bound to its options.
	for _, v := range c.Vendors {
		if f, ok := v.(vendor.Flagger); ok {
			f.Flags(fs)
		}
	}
}

// level is the parsed --log-level (enumVar has already checked it).
func (o *serveOptions) level() slog.Level {
	var l slog.Level
	_ = l.UnmarshalText([]byte(o.logLevel))
	return l
}

// portList is the repeatable --api-port name=port flag.
type portList struct{ m *map[string]string }

func (p portList) Type() string { return "name=port" }

func (p portList) String() string {
	parts := make([]string, 0, len(*p.m))
	for k, v := range *p.m {
		parts = append(parts, k+"="+v)
	}
	sort.Strings(parts)
	return strings.Join(parts, ",")
}

func (p portList) Set(v string) error {
	if *p.m == nil {
		*p.m = map[string]string{}
	}
	for _, item := range strings.Split(v, ",") {
		name, port, ok := strings.Cut(strings.TrimSpace(item), "=")
		if !ok || name == "" || port == "" {
			return fmt.Errorf("want name=port, got %q", item)
		}
		(*p.m)[name] = port
	}
	return nil
}

// outbound names the vendors' queued outbound work (vendor.Sender) for
// --drain-timeout's help: "a", "a and b", "a, b and c".
func outbound(list []vendor.Vendor) string {
	var names []string
	for _, v := range list {
		if s, ok := v.(vendor.Sender); ok {
			names = append(names, s.Outbound())
		}
	}
	switch len(names) {
	case 0:
		return "outbound requests"
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}
