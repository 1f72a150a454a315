package scenarios_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestRuntimeImportsNoGin keeps the scenario runtime free of the HTTP
// framework: its control-plane adapter lives in simulator/admin
// (scenarios.go there), so the runtime can be driven and tested without HTTP.
func TestRuntimeImportsNoGin(t *testing.T) {
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
	gin := func(deps []string) []string {
		var hits []string
		for _, d := range deps {
			if strings.HasPrefix(d, "github.com/gin-gonic/") || strings.HasPrefix(d, "github.com/gin-contrib/") {
				hits = append(hits, d)
			}
		}
		return hits
	}
	if len(gin(deps("../simulator/admin"))) == 0 {
		t.Fatal("simulator/admin does not link gin: is this check still looking for the right path?")
	}
	if hits := gin(deps(".")); len(hits) > 0 {
		t.Fatalf("scenarios links %v; its HTTP adapter belongs in simulator/admin", hits)
	}
}
