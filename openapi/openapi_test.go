package openapi

import (
	"bytes"
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// TestEverySpecIsValidAndDocumented loads each embedded spec and checks the
// house rules: relative servers, an operationId and an example on every
// operation, a summary and a description on every operation, and a
// description on every response.
func TestEverySpecIsValidAndDocumented(t *testing.T) {
	for _, name := range append(VendorNames(), "admin") {
		t.Run(name, func(t *testing.T) {
			spec, err := Load(name)
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range spec.Doc.Servers {
				if strings.Contains(s.URL, "://") {
					t.Errorf("server %q is absolute; servers must be relative so routes match anywhere", s.URL)
				}
			}
			for path, item := range spec.Doc.Paths.Map() {
				for method, op := range item.Operations() {
					where := method + " " + path
					if op.OperationID == "" {
						t.Errorf("%s has no operationId", where)
					}
					if op.Summary == "" || op.Description == "" {
						t.Errorf("%s (%s) needs a summary and a description of what the simulator does", where, op.OperationID)
					}
					if !hasExample(item, op) {
						t.Errorf("%s (%s) has no example", where, op.OperationID)
					}
				}
			}
		})
	}
}

func hasExample(item *openapi3.PathItem, op *openapi3.Operation) bool {
	for _, p := range append(item.Parameters, op.Parameters...) {
		if p.Value != nil && (p.Value.Example != nil || len(p.Value.Examples) > 0 || (p.Value.Schema != nil && p.Value.Schema.Value != nil && p.Value.Schema.Value.Example != nil)) {
			return true
		}
	}
	if op.RequestBody != nil && op.RequestBody.Value != nil && mediaHasExample(op.RequestBody.Value.Content) {
		return true
	}
	if op.Responses != nil {
		for _, r := range op.Responses.Map() {
			if r.Value != nil && mediaHasExample(r.Value.Content) {
				return true
			}
		}
	}
	return false
}

func mediaHasExample(c openapi3.Content) bool {
	for _, m := range c {
		if m.Example != nil || len(m.Examples) > 0 || (m.Schema != nil && m.Schema.Value != nil && m.Schema.Value.Example != nil) {
			return true
		}
	}
	return false
}

var update = flag.Bool("update", false, "rewrite admin.gen.yaml from admin.yaml and its fragments")

// TestAdminSpecIsGenerated keeps the checked-in merged control-plane spec in
// step with its sources.
func TestAdminSpecIsGenerated(t *testing.T) {
	want, err := MergeAdmin()
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile(AdminGenerated, want, 0o644); err != nil {
			t.Fatal(err)
		}
		return // the embedded copy is the one compiled before the write
	}
	got, err := files.ReadFile(AdminGenerated)
	if err != nil || !bytes.Equal(got, want) {
		t.Fatalf("%s is stale: run go test ./openapi -update", AdminGenerated)
	}
}

func TestAdminFragmentsMerge(t *testing.T) {
	spec, err := Load("admin")
	if err != nil {
		t.Fatal(err)
	}
	if spec.Doc.Paths.Find("/health") == nil {
		t.Fatal("core admin paths missing from the merged spec")
	}
}

// TestEveryAdminOperationDeclaresTheGuard: the guard answers 401 or 403 in
// front of every control-plane operation, so the merged spec says so.
func TestEveryAdminOperationDeclaresTheGuard(t *testing.T) {
	spec, err := Load("admin")
	if err != nil {
		t.Fatal(err)
	}
	for path, item := range spec.Doc.Paths.Map() {
		for method, op := range item.Operations() {
			for _, status := range []int{401, 403} {
				r := op.Responses.Status(status)
				if r == nil || r.Value == nil || r.Value.Content.Get("application/json") == nil {
					t.Errorf("%s %s (%s) does not declare the guard's %d", method, path, op.OperationID, status)
				}
			}
		}
	}
}
