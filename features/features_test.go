package features_test

import (
	"os"
	"testing"

	"github.com/switchboard-sim/switchboard/features"
	"github.com/switchboard-sim/switchboard/simulator/server"
	"github.com/switchboard-sim/switchboard/simulator/switchboardtest"
	"github.com/switchboard-sim/switchboard/simulator/vendors"
)

// TestFeatures runs every built-in feature against an in-process simulator
// that validates its own responses strictly.
func TestFeatures(t *testing.T) {
	list := vendors.All()
	sb := switchboardtest.Start(t, switchboardtest.WithConfig(func(c *server.Config) {
		c.Vendors = list
		features.TuneForTests(c)
	}))
	suite := features.Suite(features.Target{URL: sb.URL, Client: sb.Client}, features.Options{
		Vendors:     list,
		Format:      "pretty",
		Output:      os.Stdout,
		Concurrency: 4,
		NoColors:    true,
	})
	suite.Options.TestingT = t
	if code := suite.Run(); code != 0 {
		t.Fatalf("godog exited with %d", code)
	}
}
