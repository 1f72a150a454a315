package features

import (
	"time"

	"github.com/switchboard-sim/switchboard/simulator/server"
)

// TuneForTests shortens the wall-clock waits of an in-process simulator
// that only slow features down: a Bright Pattern long-poll with no events
// is answered after 500 ms instead of 10 s, and MaiAgent streams without
// pauses between tokens. Simulated time is unaffected.
func TuneForTests(c *server.Config) {
	c.Vendors.BrightPattern.PollHold = 500 * time.Millisecond
	c.Vendors.MaiAgent.TokenDelay = 0
}
