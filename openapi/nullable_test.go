package openapi

import (
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// TestNullableRewritesAcceptTheSameValues pins what four schemas accept.
// They once read `nullable: true` without a `type`, which OpenAPI 3.0 tools
// (Spectral, code generators) reject; the rewrite must not change what the
// simulator's validator lets through.
func TestNullableRewritesAcceptTheSameValues(t *testing.T) {
	cases := []struct {
		spec, schema, property string
		accept, reject         []any
	}{
		{"llamadapro", "AnyValue", "", []any{nil, map[string]any{"a": 1.0}, []any{1.0, "x"}, "s", 1.5, true}, nil},
		{"llamadapro", "SearchFilter", "value", []any{nil, "x", 2.0, false}, []any{map[string]any{}}},
		{"maiagent", "Conversation", "lastMessage", []any{nil}, []any{"x", 5.0, []any{}}},
		{"admin", "BrightPatternChat", "party", []any{nil}, []any{"x", 5.0, []any{}}},
	}
	for _, c := range cases {
		t.Run(c.spec+"/"+c.schema+"/"+c.property, func(t *testing.T) {
			spec, err := Load(c.spec)
			if err != nil {
				t.Fatal(err)
			}
			ref := spec.Doc.Components.Schemas[c.schema]
			if ref == nil {
				t.Fatalf("no schema %s", c.schema)
			}
			s := ref.Value
			if c.property != "" {
				p := s.Properties[c.property]
				if p == nil {
					t.Fatalf("%s has no property %s", c.schema, c.property)
				}
				s = p.Value
			}
			for _, v := range c.accept {
				if err := s.VisitJSON(v, openapi3.MultiErrors()); err != nil {
					t.Errorf("%#v rejected, want accepted: %v", v, err)
				}
			}
			for _, v := range c.reject {
				if err := s.VisitJSON(v, openapi3.MultiErrors()); err == nil {
					t.Errorf("%#v accepted, want rejected", v)
				}
			}
		})
	}
}
