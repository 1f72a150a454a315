package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/spf13/pflag"
)

// The feature files both binaries' tests run: cmd/testdata/{pass,fail}.feature.
var (
	passing = mustRead("../testdata/pass.feature")
	failing = mustRead("../testdata/fail.feature")
)

func mustRead(path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// TestTestRunsTheRunnerBesideItself builds both binaries into an empty
// folder and runs `switchboard test` there as a user would: the runner
// beside it (also through a symlink from elsewhere), else on PATH, exit
// codes passed through, and a clear exit 2 when the runner is in neither
// place.
func TestTestRunsTheRunnerBesideItself(t *testing.T) {
	if testing.Short() {
		t.Skip("builds both binaries")
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	dir := t.TempDir()
	exe := ""
	if runtime.GOOS == "windows" {
		exe = ".exe"
	}
	sb, runner := filepath.Join(dir, "switchboard"+exe), filepath.Join(dir, "switchboard-test"+exe)
	for bin, pkg := range map[string]string{sb: ".", runner: "../switchboard-test"} {
		if out, err := exec.Command("go", "build", "-o", bin, pkg).CombinedOutput(); err != nil {
			t.Fatalf("go build %s: %v\n%s", pkg, err, out)
		}
	}
	good, bad := filepath.Join(dir, "pass.feature"), filepath.Join(dir, "fail.feature")
	os.WriteFile(good, []byte(passing), 0o644)
	os.WriteFile(bad, []byte(failing), 0o644)
	pathDir := t.TempDir()
	t.Setenv("PATH", pathDir) // no switchboard-test on PATH, until the runner is moved there

	sbRun := func(bin string, args ...string) (int, string, string) {
		t.Helper()
		var out, errb bytes.Buffer
		cmd := exec.Command(bin, args...)
		cmd.Dir, cmd.Stdout, cmd.Stderr = dir, &out, &errb
		err := cmd.Run()
		var exit *exec.ExitError
		if err != nil && !errors.As(err, &exit) {
			t.Fatalf("%s %v: %v", bin, args, err)
		}
		return cmd.ProcessState.ExitCode(), out.String(), errb.String()
	}
	junit := filepath.Join(dir, "out.xml")
	if code, out, errb := sbRun(sb, "test", "--no-color", "pass.feature", "--junit", junit); code != 0 || !strings.Contains(out, "2 scenarios (2 passed)") {
		t.Fatalf("pass.feature: exit %d\n%s\n%s", code, out, errb)
	}
	if _, err := os.Stat(junit); err != nil {
		t.Errorf("--junit not handed to the runner: %v", err)
	}
	if code, out, errb := sbRun(sb, "test", "--no-color", "fail.feature"); code != 1 || !strings.Contains(out, "1 failed") {
		t.Fatalf("fail.feature: exit %d, want 1\n%s\n%s", code, out, errb)
	}
	if code, _, errb := sbRun(sb, "test", "no-such.feature"); code != 2 {
		t.Fatalf("a missing feature file: exit %d, want 2 from the runner\n%s", code, errb)
	}
	if code, _, errb := sbRun(sb, "test", "--concurrency", "0", "pass.feature"); code != 2 || !strings.Contains(errb, "--concurrency") {
		t.Fatalf("--concurrency 0: exit %d, want 2 naming the flag\n%s", code, errb)
	}
	if code, out, _ := sbRun(runner, "--help"); code != 0 || !strings.Contains(out, "--junit") {
		t.Fatalf("switchboard-test --help: exit %d\n%s", code, out)
	}

	if runtime.GOOS != "windows" {
		link := filepath.Join(t.TempDir(), "switchboard")
		if err := os.Symlink(sb, link); err != nil {
			t.Fatal(err)
		}
		if code, out, errb := sbRun(link, "test", "--no-color", "pass.feature"); code != 0 {
			t.Fatalf("through a symlink: exit %d\n%s\n%s", code, out, errb)
		}
	}

	// Not beside switchboard but on PATH: found there.
	if err := os.Rename(runner, filepath.Join(pathDir, "switchboard-test"+exe)); err != nil {
		t.Fatal(err)
	}
	if code, out, errb := sbRun(sb, "test", "--no-color", "fail.feature"); code != 1 {
		t.Fatalf("runner on PATH: exit %d, want 1\n%s\n%s", code, out, errb)
	}
	t.Setenv("PATH", t.TempDir())
	code, _, errb := sbRun(sb, "test", "pass.feature")
	if code != 2 || !strings.Contains(errb, runner) || !strings.Contains(errb, "PATH") {
		t.Fatalf("runner missing: exit %d, want 2 naming %s and PATH\n%s", code, runner, errb)
	}
	if code, out, _ := sbRun(sb, "test", "--help"); code != 0 || !strings.Contains(out, "--junit") {
		t.Fatalf("test --help without the runner: exit %d\n%s", code, out)
	}
}

// TestRunnerArgs checks the command line handed to the runner: the flags
// given, in a form the same flag set parses back, and the paths after --.
func TestRunnerArgs(t *testing.T) {
	fs := testCmd(nil, nil).Flags()
	if err := fs.Parse([]string{"a.feature", "--no-color", "--tags", "@x && ~@wip", "--concurrency", "2", "--", "-b.feature"}); err != nil {
		t.Fatal(err)
	}
	got := runnerArgs(fs, fs.Args())
	want := []string{"--concurrency=2", "--no-color=true", "--tags=@x && ~@wip", "--", "a.feature", "-b.feature"}
	if strings.Join(got, "\x00") != strings.Join(want, "\x00") {
		t.Fatalf("runner args %q, want %q", got, want)
	}
	back := pflag.NewFlagSet("runner", pflag.ContinueOnError)
	back.AddFlagSet(testCmd(nil, nil).Flags())
	if err := back.Parse(got); err != nil || strings.Join(back.Args(), ",") != "a.feature,-b.feature" {
		t.Fatalf("the runner cannot parse it back: %v %q", err, back.Args())
	}
}
