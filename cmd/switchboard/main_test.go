package main

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/spf13/pflag"

	"github.com/switchboard-sim/switchboard/simulator/aicc"
	"github.com/switchboard-sim/switchboard/simulator/brightpattern"
	"github.com/switchboard-sim/switchboard/simulator/cli"
	"github.com/switchboard-sim/switchboard/simulator/clock"
	"github.com/switchboard-sim/switchboard/simulator/server"
	"github.com/switchboard-sim/switchboard/simulator/switchboardtest"
	"github.com/switchboard-sim/switchboard/simulator/tenant"
	"github.com/switchboard-sim/switchboard/simulator/vendor"
)

// parseServe parses args as the serve command does, the environment included.
func parseServe(t *testing.T, args ...string) (serveOptions, error) {
	t.Helper()
	fs := pflag.NewFlagSet("serve", pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var o serveOptions
	serveFlags(fs, &o)
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	return o, cli.ApplyEnv(fs)
}

func TestFlagsEnvAndDefaults(t *testing.T) {
	t.Setenv("SWITCHBOARD_SEED", "7")
	t.Setenv("SWITCHBOARD_CLOCK", "real")
	t.Setenv("SWITCHBOARD_STRICT_RESPONSES", "true")
	t.Setenv("SWITCHBOARD_API_PORT", "ringotel=9001")
	t.Setenv("SWITCHBOARD_MEMORY_LIMIT", "64MiB")
	o, err := parseServe(t, "--clock", "virtual", "--journal-size", "50", "--aicc-backoff", "250ms")
	if err != nil {
		t.Fatal(err)
	}
	cfg := o.cfg
	if cfg.Seed != 7 || !cfg.StrictResponses || cfg.MemoryLimit != 64<<20 {
		t.Errorf("seed %d, strict %v, memory limit %d: want 7, true, 64MiB from the environment", cfg.Seed, cfg.StrictResponses, cfg.MemoryLimit)
	}
	if cfg.ClockMode != clock.Virtual {
		t.Errorf("clock %s, want the flag's virtual over the env's real", cfg.ClockMode)
	}
	if cfg.APIPorts["ringotel"] != "9001" {
		t.Errorf("api ports %v, want ringotel=9001 from the environment", cfg.APIPorts)
	}
	if cfg.Addr != "127.0.0.1:8080" || cfg.JournalSize != 50 || !cfg.Start.IsZero() || cfg.Auth != tenant.AuthAny { // zero: a virtual clock starts at clock.DefaultStart
		t.Errorf("config %+v", cfg)
	}
	bp, _ := vendor.Find(cfg.Vendors, "brightpattern").(*brightpattern.Vendor)
	ai, _ := vendor.Find(cfg.Vendors, "aicc").(*aicc.Vendor)
	if bp == nil || ai == nil || bp.Options.PollHold != 10*time.Second || ai.Options.Attempts != 8 || ai.Options.Backoff != 250*time.Millisecond {
		t.Errorf("vendor options %+v %+v", bp, ai)
	}
	if o.level().String() != "INFO" {
		t.Errorf("log level %s", o.level())
	}
}

func TestARepeatableFlagReplacesItsVariable(t *testing.T) {
	t.Setenv("SWITCHBOARD_API_PORT", "ringotel=9001")
	o, err := parseServe(t, "--api-port", "llamadapro=9002", "--api-port", "maiagent=9003,aicc=9004")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"llamadapro": "9002", "maiagent": "9003", "aicc": "9004"}
	if len(o.cfg.APIPorts) != len(want) {
		t.Fatalf("api ports %v, want %v (flag > env, no merging)", o.cfg.APIPorts, want)
	}
	for k, v := range want {
		if o.cfg.APIPorts[k] != v {
			t.Errorf("api port %s=%s, want %s", k, o.cfg.APIPorts[k], v)
		}
	}
}

// TestBoolFlagsWorkBare is the regression: --strict-responses took
// the next word as its value and --lenient swallowed --addr.
func TestBoolFlagsWorkBare(t *testing.T) {
	o, err := parseServe(t, "--strict-responses", "--lenient", "--addr", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	if !o.cfg.StrictResponses || !o.cfg.Lenient || o.cfg.Addr != "127.0.0.1:0" {
		t.Fatalf("strict %v lenient %v addr %q", o.cfg.StrictResponses, o.cfg.Lenient, o.cfg.Addr)
	}
	if o, err = parseServe(t, "--lenient=false"); err != nil || o.cfg.Lenient {
		t.Fatalf("--lenient=false: %v %v", o.cfg.Lenient, err)
	}
}

func TestBadValuesNameTheFlagOrVariable(t *testing.T) {
	cases := []struct {
		args []string
		env  [2]string
		want string
	}{
		{args: []string{"--clock", "sundial"}, want: `"--clock" flag: want virtual or real`},
		{args: []string{"--seed", "x"}, want: `"--seed"`},
		{args: []string{"--auth", "maybe"}, want: `"--auth"`},
		{args: []string{"--log-level", "loud"}, want: `"--log-level"`},
		{args: []string{"--journal-size", "0"}, want: `"--journal-size" flag: want a whole number of at least 1`},
		{args: []string{"--api-port", "nonsense"}, want: `"--api-port"`},
		{args: []string{"--brightpattern-poll-hold", "forever"}, want: `"--brightpattern-poll-hold"`},
		{args: []string{"--maiagent-token-delay", "-1s"}, want: `"--maiagent-token-delay"`},
		{args: []string{"--aicc-attempts", "0"}, want: `"--aicc-attempts"`},
		{args: []string{"--memory-limit", "lots"}, want: `"--memory-limit"`},
		{args: []string{"--clock-start", "tomorrow"}, want: `"--clock-start"`},
		{args: []string{"--strict-responses=maybe"}, want: `"--strict-responses"`},
		{args: []string{"--no-such-flag"}, want: "unknown flag: --no-such-flag"},
		{env: [2]string{"SWITCHBOARD_SEED", "abc"}, want: `SWITCHBOARD_SEED="abc": want a whole number`},
		{env: [2]string{"SWITCHBOARD_API_PORT", "9001"}, want: `SWITCHBOARD_API_PORT="9001": want name=port`},
		{env: [2]string{"SWITCHBOARD_LENIENT", "yes please"}, want: "SWITCHBOARD_LENIENT"},
		{env: [2]string{"SWITCHBOARD_CLOCK", "sundial"}, want: `SWITCHBOARD_CLOCK="sundial": want virtual or real`},
	}
	for _, c := range cases {
		t.Run(strings.Join(c.args, " ")+c.env[0], func(t *testing.T) {
			if c.env[0] != "" {
				t.Setenv(c.env[0], c.env[1])
			}
			var stderr bytes.Buffer
			code := run(append([]string{"serve"}, c.args...), io.Discard, &stderr)
			if code != 2 || !strings.Contains(stderr.String(), c.want) {
				t.Fatalf("exit %d, stderr %q: want exit 2 naming %s", code, stderr.String(), c.want)
			}
		})
	}
}

func TestHelpListsEveryCommand(t *testing.T) {
	var out bytes.Buffer
	if code := run([]string{"--help"}, &out, io.Discard); code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{"serve ", "test ", "report ", "aicc ", "version ", "completion ", "healthcheck ", "Exit codes:", "--strict-responses ", "--memory-limit bytes", "--clock virtual|real", "--aicc-backoff duration", "(default 1s)", "(env SWITCHBOARD_ADMIN_TOKEN)"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("--help lacks %q:\n%s", want, out.String())
		}
	}
	for _, cmd := range [][]string{{"test", "--help"}, {"aicc", "sign", "--help"}, {"report", "--help"}, {"serve", "--help"}, {"healthcheck", "--help"}} {
		out.Reset()
		if code := run(cmd, &out, io.Discard); code != 0 || !strings.Contains(out.String(), "Usage:") {
			t.Errorf("%v: exit %d\n%s", cmd, code, out.String())
		}
	}
}

func TestUnknownCommand(t *testing.T) {
	var stderr bytes.Buffer
	if code := run([]string{"frobnicate"}, io.Discard, &stderr); code != 2 || !strings.Contains(stderr.String(), `unknown command "frobnicate"`) {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
}

func TestVersion(t *testing.T) {
	var out bytes.Buffer
	if code := run([]string{"version"}, &out, io.Discard); code != 0 {
		t.Fatalf("exit %d", code)
	}
	lines := strings.Split(out.String(), "\n")
	if len(lines) < 3 || !strings.HasPrefix(lines[0], "switchboard ") || !strings.HasPrefix(lines[1], "commit  ") || !strings.Contains(lines[2], "go1.") {
		t.Fatalf("version output:\n%s", out.String())
	}
	// A build script's own SWITCHBOARD_VERSION must not turn into --version.
	t.Setenv("SWITCHBOARD_VERSION", "v9.9.9")
	out.Reset()
	if code := run([]string{"--version"}, &out, io.Discard); code != 0 || out.String() != lines[0]+"\n" {
		t.Fatalf("--version: exit %d %q, want %q", code, out.String(), lines[0])
	}
}

func TestHealthcheck(t *testing.T) {
	sb := switchboardtest.Start(t)
	addr := strings.TrimPrefix(sb.URL, "http://")
	var out, errb bytes.Buffer
	if code := run([]string{"healthcheck", "--addr", addr}, &out, &errb); code != 0 || !strings.Contains(out.String(), "healthy") {
		t.Fatalf("exit %d: %s %s", code, out.String(), errb.String())
	}
	if code := run([]string{"healthcheck", "--addr", "127.0.0.1:1"}, io.Discard, &errb); code != 1 || !strings.Contains(errb.String(), "unhealthy") {
		t.Fatalf("nothing listening: exit %d, want 1: %s", code, errb.String())
	}
	if code := run([]string{"healthcheck", "--addr", "127.0.0.1:0"}, io.Discard, io.Discard); code != 2 {
		t.Fatalf("port 0: exit %d, want 2", code)
	}

	guarded := switchboardtest.Start(t, switchboardtest.WithConfig(func(c *server.Config) { c.AdminToken = "s3cret" }))
	addr = strings.TrimPrefix(guarded.URL, "http://")
	if code := run([]string{"healthcheck", "--addr", addr}, io.Discard, io.Discard); code != 1 {
		t.Fatalf("without the token: exit %d, want 1", code)
	}
	t.Setenv("SWITCHBOARD_ADMIN_TOKEN", "s3cret")
	if code := run([]string{"healthcheck", "--addr", addr}, io.Discard, &errb); code != 0 {
		t.Fatalf("with SWITCHBOARD_ADMIN_TOKEN: exit %d: %s", code, errb.String())
	}
}

func TestHealthURL(t *testing.T) {
	for addr, want := range map[string]string{
		"0.0.0.0:8080":   "http://127.0.0.1:8080/__admin/health",
		":8080":          "http://127.0.0.1:8080/__admin/health",
		"[::]:8080":      "http://127.0.0.1:8080/__admin/health",
		"127.0.0.1:9000": "http://127.0.0.1:9000/__admin/health",
		"[::1]:9000":     "http://[::1]:9000/__admin/health",
	} {
		if got, err := healthURL(addr); err != nil || got != want {
			t.Errorf("healthURL(%q) = %q, %v; want %q", addr, got, err, want)
		}
	}
}

func TestByteSizes(t *testing.T) {
	for in, want := range map[string]int64{"0": 0, "1048576": 1 << 20, "48MiB": 48 << 20, "512KiB": 512 << 10, "1GiB": 1 << 30, "64MB": 64e6, "10B": 10} {
		if got, err := cli.ParseBytes(in); err != nil || got != want {
			t.Errorf("cli.ParseBytes(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "-1", "lots", "1.5GiB", "9999999999GiB"} {
		if _, err := cli.ParseBytes(bad); err == nil {
			t.Errorf("cli.ParseBytes(%q) accepted", bad)
		}
	}
	if cli.FormatBytes(48<<20) != "48MiB" || cli.FormatBytes(0) != "0" || cli.FormatBytes(1000) != "1000" {
		t.Errorf("formatBytes: %s %s %s", cli.FormatBytes(48<<20), cli.FormatBytes(0), cli.FormatBytes(1000))
	}
}
