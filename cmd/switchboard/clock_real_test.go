package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// buildBinary builds cmd/switchboard, so a test runs it as a user would
// (whatever parses its flags).
func buildBinary(t *testing.T) string {
	t.Helper()
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH to build the binary")
	}
	bin := filepath.Join(t.TempDir(), "switchboard")
	out, err := exec.Command(goBin, "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

func within2s(t *testing.T, what string, got, want time.Time) {
	t.Helper()
	if d := got.Sub(want); d < -2*time.Second || d > 2*time.Second {
		t.Fatalf("%s = %s, %v from %s; want within 2 s", what, got, d, want)
	}
}

// TestClockRealFollowsWallClock (issue 12, item 4): `switchboard --clock
// real` reads wall time (it used to start at --clock-start's default,
// 2025-03-03), `advance 1h` adds an hour, and --clock-start with --clock
// real is a usage error naming the flag.
func TestClockRealFollowsWallClock(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir() // run outside the checkout, as a user would

	// Without the check the server would start and serve: give up after a minute.
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	bad := exec.CommandContext(ctx, bin, "--clock", "real", "--clock-start", "2025-03-03T09:00:00Z", "--addr", "127.0.0.1:0")
	bad.Dir = dir
	var stderr bytes.Buffer
	bad.Stderr = &stderr
	err := bad.Run()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 2 || !strings.Contains(stderr.String(), "--clock-start") {
		t.Fatalf("--clock real --clock-start: %v, stderr %q; want exit 2 naming --clock-start", err, stderr.String())
	}

	cmd := exec.Command(bin, "--clock", "real", "--addr", "127.0.0.1:0")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "SWITCHBOARD_CLOCK_START=") // the env var mirrors the flag
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = io.Discard
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		_ = cmd.Wait()
	})
	admin := ""
	sc := bufio.NewScanner(stdout)
	for admin == "" && sc.Scan() {
		if f := strings.Fields(sc.Text()); len(f) == 3 && f[0] == "control" {
			admin = f[2]
		}
	}
	if admin == "" {
		t.Fatal("the banner has no control plane URL")
	}
	go func() { _, _ = io.Copy(io.Discard, stdout) }()

	now := func() time.Time {
		t.Helper()
		res, err := http.Get(admin + "/clock")
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		var c struct {
			Now  time.Time `json:"now"`
			Mode string    `json:"mode"`
		}
		if err := json.NewDecoder(res.Body).Decode(&c); err != nil || c.Mode != "real" {
			t.Fatalf("GET /__admin/clock: %v %+v", err, c)
		}
		return c.Now
	}
	within2s(t, "GET /__admin/clock", now(), time.Now())
	res, err := http.Post(admin+"/clock/advance", "application/json", strings.NewReader(`{"by":"1h"}`))
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("advance: %v %v", err, res)
	}
	res.Body.Close()
	within2s(t, "GET /__admin/clock after advance 1h", now(), time.Now().Add(time.Hour))
}
