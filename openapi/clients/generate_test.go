package clients

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/oapi-codegen/oapi-codegen/v2/pkg/codegen"
)

var update = flag.Bool("update", false, "rewrite the generated clients from the specs")

// generated lists each client package and the spec it is generated from.
var generated = []struct{ pkg, spec string }{
	{"llamadapro", "llamadapro.yaml"},
	{"maiagent", "maiagent.yaml"},
	{"brightpattern", "brightpattern.yaml"},
	{"ringotel", "ringotel.yaml"},
	{"aicc", "aicc.yaml"},
	{"admin", "admin.gen.yaml"},
}

// generate runs oapi-codegen (the version pinned in go.mod, as a library) on
// one spec: types and a client with typed responses.
func generate(t *testing.T, pkg, spec string) []byte {
	t.Helper()
	loader := openapi3.NewLoader()
	loader.IncludeOrigin = true // as the oapi-codegen CLI loads specs
	doc, err := loader.LoadFromFile(filepath.Join("..", spec))
	if err != nil {
		t.Fatalf("load %s: %v", spec, err)
	}
	version := codegenVersion(t)
	code, err := codegen.Generate(doc, codegen.Configuration{
		PackageName:          pkg,
		NoVCSVersionOverride: &version,
		Generate:             codegen.GenerateOptions{Models: true, Client: true},
		// Enum constants are prefixed with their type: several specs reuse
		// values such as "client" across enums.
		Compatibility: codegen.CompatibilityOptions{AlwaysPrefixEnumValues: true},
		OutputOptions: codegen.OutputOptions{
			// The control plane has both a Tenant schema and a Tenant parameter.
			ResolveTypeNameCollisions: true,
		},
	})
	if err != nil {
		t.Fatalf("oapi-codegen %s: %v", spec, err)
	}
	// Used as a library, oapi-codegen names the calling module in its header;
	// name the generator instead.
	code = strings.Replace(code, "github.com/switchboard-sim/switchboard version", codegenModule+" version", 1)
	return []byte(code)
}

const codegenModule = "github.com/oapi-codegen/oapi-codegen/v2"

// codegenVersion is the oapi-codegen version go.mod pins (test binaries
// carry no dependency list in their build info).
func codegenVersion(t *testing.T) string {
	t.Helper()
	mod, err := os.ReadFile(filepath.Join("..", "..", "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(mod), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == codegenModule {
			return f[1]
		}
	}
	t.Fatalf("%s is not required in go.mod", codegenModule)
	return ""
}

// TestGeneratedClientsAreCurrent fails when a checked-in client no longer
// matches its spec; `go generate ./openapi/clients` rewrites them.
func TestGeneratedClientsAreCurrent(t *testing.T) {
	for _, g := range generated {
		t.Run(g.pkg, func(t *testing.T) {
			want := generate(t, g.pkg, g.spec)
			file := filepath.Join(g.pkg, "client.gen.go")
			if *update {
				if err := os.MkdirAll(g.pkg, 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(file, want, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			got, err := os.ReadFile(file)
			if err != nil || !bytes.Equal(got, want) {
				t.Fatalf("%s is stale (or missing): run go generate ./openapi/clients", file)
			}
		})
	}
}
