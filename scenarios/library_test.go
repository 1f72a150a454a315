package scenarios

import (
	"bytes"
	"io/fs"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"
)

// TestEveryBuiltinFileMatchesTheSchema checks each built-in file against
// schema.json on its own (not through Parse), so the schema and the files
// cannot drift, then loads it.
func TestEveryBuiltinFileMatchesTheSchema(t *testing.T) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(SchemaJSON))
	if err != nil {
		t.Fatalf("schema.json is not JSON: %v", err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("schema.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("schema.json")
	if err != nil {
		t.Fatalf("schema.json does not compile: %v", err)
	}
	names, _ := fs.Glob(builtin, "builtin/*.yaml")
	if len(names) < 17 {
		t.Fatalf("only %d built-in scenarios", len(names))
	}
	seen := map[string]bool{}
	for _, n := range names {
		t.Run(n, func(t *testing.T) {
			data, _ := builtin.ReadFile(n)
			var node yaml.Node
			if err := yaml.Unmarshal(data, &node); err != nil {
				t.Fatalf("not YAML: %v", err)
			}
			v, err := nodeValue(&node, "", lineMap{})
			if err != nil {
				t.Fatal(err)
			}
			if err := sch.Validate(v); err != nil {
				t.Fatalf("breaks schema.json: %v", err)
			}
			sc, err := Parse(n, data)
			if err != nil {
				t.Fatalf("refused: %v", err)
			}
			if "builtin/"+sc.Name+".yaml" != n {
				t.Errorf("file %s holds scenario %q: name files after their scenario", n, sc.Name)
			}
			seen[sc.API] = true
		})
	}
	for _, api := range []string{"brightpattern", "aicc", "llamadapro", "maiagent", "ringotel"} {
		if !seen[api] {
			t.Errorf("no built-in scenario for %s", api)
		}
	}
}

func TestLibraryListsBuiltinsAndLoadsAUserFolder(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "mine.yaml", `schemaVersion: 1
name: my-agent-line
description: The agent says a custom line 30 s after the chat starts.
api: brightpattern
timeline:
  - when: chatRequested
    actions:
      - {after: 30s, do: says, with: {text: Welcome to ACME support}}
`)
	writeFile(t, dir, "notes.txt", "not a scenario")
	lib, err := LoadLibrary(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := lib.Get("my-agent-line"); !ok {
		t.Fatal("user scenario not loaded")
	}
	if _, ok := lib.Get("llamadapro-call-answered"); !ok {
		t.Fatal("built-in scenario missing")
	}
	list := lib.List()
	for i := 1; i < len(list); i++ {
		if list[i-1].Name >= list[i].Name {
			t.Fatalf("List not sorted: %s before %s", list[i-1].Name, list[i].Name)
		}
	}
}
