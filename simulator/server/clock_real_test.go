package server_test

import (
	"strings"
	"testing"
	"time"

	"github.com/switchboard-sim/switchboard/simulator/clock"
	"github.com/switchboard-sim/switchboard/simulator/server"
	"github.com/switchboard-sim/switchboard/simulator/switchboardtest"
	"github.com/switchboard-sim/switchboard/simulator/vendors"
)

func within(t *testing.T, what string, got, want time.Time) {
	t.Helper()
	if d := got.Sub(want); d < -2*time.Second || d > 2*time.Second {
		t.Fatalf("%s = %s, %v from %s; want within 2 s", what, got, d, want)
	}
}

// TestRealClockFollowsWallClock (issue 12, item 4): with ClockMode real the
// control plane's clock reads wall time, and advance adds an offset.
func TestRealClockFollowsWallClock(t *testing.T) {
	sb := switchboardtest.Start(t, switchboardtest.WithConfig(func(c *server.Config) { c.ClockMode = clock.Real }))
	for _, tenant := range []string{"", "real-clock-tenant"} {
		within(t, "clock of "+tenant, sb.Admin.Now(t, tenant), time.Now())
	}
	sb.Admin.Advance(t, "", time.Hour)
	within(t, "clock after advance 1h", sb.Admin.Now(t, ""), time.Now().Add(time.Hour))
	within(t, "a new tenant's clock after advance 1h", sb.Admin.Now(t, "new-after-advance"), time.Now().Add(time.Hour))
}

// TestRealClockRefusesAStart: a starting instant with a real clock is a
// configuration error that names the flag.
func TestRealClockRefusesAStart(t *testing.T) {
	_, err := server.New(server.Config{ClockMode: clock.Real, Start: clock.DefaultStart, Vendors: vendors.All()})
	if err == nil || !strings.Contains(err.Error(), "--clock-start") {
		t.Fatalf("server.New = %v, want an error naming --clock-start", err)
	}
}
