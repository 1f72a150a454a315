package server_test

import (
	"flag"
	"os"
	"testing"

	"github.com/switchboard-sim/switchboard/simulator/jsoncodec"
	"github.com/switchboard-sim/switchboard/simulator/jsoncodec/jsoncodectest"
)

// TestMain checks every response these tests render: each is marshalled by
// the production codec and by encoding/json, and any difference in bytes
// fails the run. Benchmarks measure the production codec alone.
func TestMain(m *testing.M) {
	flag.Parse()
	if flag.Lookup("test.bench").Value.String() != "" {
		jsoncodec.Install()
		os.Exit(m.Run())
	}
	os.Exit(jsoncodectest.Run(m))
}
