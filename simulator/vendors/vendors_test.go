package vendors_test

import (
	"bytes"
	"flag"
	"os"
	"testing"

	"github.com/switchboard-sim/switchboard/simulator/vendor"
	"github.com/switchboard-sim/switchboard/simulator/vendors"
)

var update = flag.Bool("update", false, "rewrite scenarios/schema.json from scenarios/schema.base.json and the vendors' fragments")

// schemaFile is the merged scenario schema the scenarios package embeds.
const schemaFile = "../../scenarios/schema.json"

// TestScenarioSchemaIsGenerated: scenarios/schema.json is exactly the
// merge of the core's base and every shipped vendor's fragment
// (regenerate with go test ./simulator/vendors -run TestScenarioSchemaIsGenerated -update).
func TestScenarioSchemaIsGenerated(t *testing.T) {
	want, err := vendor.ScenarioSchema(vendors.All())
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile(schemaFile, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(schemaFile)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s is stale: run go test ./simulator/vendors -run TestScenarioSchemaIsGenerated -update", schemaFile)
	}
}

// TestNamesAreUniqueAndBuildable: every shipped vendor has a distinct
// name, and a fresh list gives fresh values (options set on one list do
// not leak into the next).
func TestNamesAreUniqueAndBuildable(t *testing.T) {
	a, b := vendors.All(), vendors.All()
	seen := map[string]bool{}
	for i, v := range a {
		if v.Name() == "" || seen[v.Name()] {
			t.Errorf("vendor %d: name %q is empty or repeated", i, v.Name())
		}
		seen[v.Name()] = true
		if v == b[i] {
			t.Errorf("%s: All returned the same value twice", v.Name())
		}
	}
}
