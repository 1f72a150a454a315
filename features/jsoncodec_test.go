package features_test

import (
	"os"
	"testing"

	"github.com/switchboard-sim/switchboard/simulator/jsoncodec/jsoncodectest"
)

// TestMain checks every response the features render: each is marshalled by
// the production codec and by encoding/json, and any difference in bytes
// fails the run.
func TestMain(m *testing.M) { os.Exit(jsoncodectest.Run(m)) }
