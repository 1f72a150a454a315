package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestTestCommandForwardsToTheRunner checks `switchboard test` runs the
// separate feature runner and passes its exit status through, using a
// stand-in runner on PATH so the test does not build godog.
func TestTestCommandForwardsToTheRunner(t *testing.T) {
	dir := t.TempDir()
	script := "#!/bin/sh\necho \"runner got: $*\"\n[ \"$1\" = --fail ] && exit 1\nexit 0\n"
	if err := os.WriteFile(filepath.Join(dir, "switchboard-test"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir+string(os.PathListSeparator)+os.Getenv("PATH"))
	var out, errb bytes.Buffer
	if code := run([]string{"test", "--junit", "x.xml", "a.feature"}, &out, &errb); code != 0 || !strings.Contains(out.String(), "runner got: --junit x.xml a.feature") {
		t.Fatalf("exit %d: %s %s", code, out.String(), errb.String())
	}
	out.Reset()
	if code := run([]string{"test", "--fail"}, &out, &errb); code != 1 {
		t.Fatalf("a failing run must exit 1, got %d", code)
	}
}
