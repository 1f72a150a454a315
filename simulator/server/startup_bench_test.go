package server_test

import (
	"testing"

	"github.com/switchboard-sim/switchboard/simulator/server"
	"github.com/switchboard-sim/switchboard/simulator/vendors"
)

// BenchmarkNew measures building a server from scratch (specs cached after
// the first iteration, as in a test binary that starts many servers).
func BenchmarkNew(b *testing.B) {
	for b.Loop() {
		s, err := server.New(server.Config{Vendors: vendors.All()})
		if err != nil {
			b.Fatal(err)
		}
		_ = s.Close()
	}
}
