package features

import (
	"github.com/switchboard-sim/switchboard/simulator/server"
	"github.com/switchboard-sim/switchboard/simulator/vendor"
)

// TuneForTests shortens the wall-clock waits of an in-process simulator
// that only slow features down (each vendor.Tuner's, e.g. a long-poll
// hold or a streaming pace). Simulated time is unaffected.
func TuneForTests(c *server.Config) {
	for _, v := range c.Vendors {
		if t, ok := v.(vendor.Tuner); ok {
			t.TuneForTests()
		}
	}
}
