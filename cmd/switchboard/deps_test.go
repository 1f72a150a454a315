package main

import (
	"runtime/debug"
	"testing"
)

// TestNoUpstreamGodog keeps upstream godog out of the binary: its builder
// package runs `go env` at init, ~40 ms on every start of the simulator
// (internal/godog is the copy without it).
func TestNoUpstreamGodog(t *testing.T) {
	info, ok := debug.ReadBuildInfo()
	if !ok || len(info.Deps) == 0 {
		t.Skip("no build info")
	}
	for _, d := range info.Deps {
		if d.Path == "github.com/cucumber/godog" {
			t.Fatalf("%s %s is linked; use internal/godog", d.Path, d.Version)
		}
	}
}
