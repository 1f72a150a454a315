package main

import (
	"os/exec"
	"strings"
	"testing"
)

// TestServeBinaryDoesNotLinkGodog keeps godog out of switchboard: its
// internal/builder package runs `go env GOTOOLDIR` when it is initialised,
// ~40 ms at every start of the simulator. The features run in
// switchboard-test, the binary shipped beside this one.
func TestServeBinaryDoesNotLinkGodog(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	deps := func(pkg string) []string {
		out, err := exec.Command("go", "list", "-deps", pkg).Output()
		if err != nil {
			t.Fatalf("go list -deps %s: %v", pkg, err)
		}
		return strings.Fields(string(out))
	}
	links := func(deps []string) bool {
		for _, d := range deps {
			if d == "github.com/cucumber/godog" || strings.HasPrefix(d, "github.com/cucumber/godog/") {
				return true
			}
		}
		return false
	}
	if !links(deps("../switchboard-test")) {
		t.Fatal("the feature runner does not link github.com/cucumber/godog: is this check still looking for the right path?")
	}
	if links(deps(".")) {
		t.Fatal("cmd/switchboard links github.com/cucumber/godog; features must run in cmd/switchboard-test")
	}
}
