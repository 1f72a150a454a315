package openapi

import (
	"io/fs"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// TestFragmentRefsResolveOnTheirOwn keeps each admin-*.yaml a document that
// linters and editors can resolve alone: a reference is either to the
// fragment's own components ('#/components/...') or to admin.yaml's
// ('admin.yaml#/components/...'), which MergeAdmin makes local again.
func TestFragmentRefsResolveOnTheirOwn(t *testing.T) {
	root, err := yamlDoc("admin.yaml")
	if err != nil {
		t.Fatal(err)
	}
	frags, _ := fs.Glob(files, "admin-*.yaml")
	for _, f := range frags {
		t.Run(f, func(t *testing.T) {
			frag, err := yamlDoc(f)
			if err != nil {
				t.Fatal(err)
			}
			eachRef(frag, func(ref string) {
				doc, local := frag, ref
				if strings.HasPrefix(ref, rootRef) {
					doc, local = root, "#/"+strings.TrimPrefix(ref, rootRef)
				}
				if !resolves(doc, local) {
					t.Errorf("$ref %q does not resolve in %s (a component of admin.yaml is named 'admin.yaml#/components/...')", ref, f)
				}
			})
		})
	}
}

func eachRef(n *yaml.Node, f func(string)) {
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == "$ref" && n.Content[i+1].Kind == yaml.ScalarNode {
				f(n.Content[i+1].Value)
			}
		}
	}
	for _, c := range n.Content {
		eachRef(c, f)
	}
}

// resolves reports whether a local JSON pointer ('#/a/b') names a node of doc.
func resolves(doc *yaml.Node, ref string) bool {
	if !strings.HasPrefix(ref, "#/") {
		return false
	}
	n := doc
	for _, k := range strings.Split(strings.TrimPrefix(ref, "#/"), "/") {
		if n = child(n, k); n == nil {
			return false
		}
	}
	return true
}
