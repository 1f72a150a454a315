package scenarios

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// Fragment is one API's part of the scenario JSON Schema: {"$defs": {...}}
// with the definition "<API>Action" (an action object, keyed on "do") and
// the definitions it refers to, each named "<API>.<something>".
type Fragment struct {
	API  string
	JSON []byte
}

// MergeSchema builds the scenario JSON Schema from the core's base (no API
// named) and the APIs' fragments, in order: each API joins the "api" enum,
// its definitions join $defs, and one if/then ties its name to its action
// definition. The result is what schema.json holds (generated; see the
// test in simulator/vendors).
func MergeSchema(base []byte, frags []Fragment) ([]byte, error) {
	var doc map[string]any
	if err := decodeJSON(base, &doc); err != nil {
		return nil, fmt.Errorf("scenarios: base schema: %w", err)
	}
	defs, _ := doc["$defs"].(map[string]any)
	props, _ := doc["properties"].(map[string]any)
	api, _ := props["api"].(map[string]any)
	enum, _ := api["enum"].([]any)
	allOf, _ := doc["allOf"].([]any)
	if defs == nil || api == nil {
		return nil, fmt.Errorf("scenarios: base schema has no $defs or properties.api")
	}
	for _, f := range frags {
		var fd struct {
			Defs map[string]any `json:"$defs"`
		}
		if err := decodeJSON(f.JSON, &fd); err != nil {
			return nil, fmt.Errorf("scenarios: %s schema fragment: %w", f.API, err)
		}
		action := f.API + "Action"
		if fd.Defs[action] == nil {
			return nil, fmt.Errorf("scenarios: %s schema fragment defines no %q", f.API, action)
		}
		for name, d := range fd.Defs {
			if name != action && !strings.HasPrefix(name, f.API+".") {
				return nil, fmt.Errorf("scenarios: %s schema fragment: definition %q is not named %s.<something>", f.API, name, f.API)
			}
			if defs[name] != nil {
				return nil, fmt.Errorf("scenarios: %s schema fragment redefines %q", f.API, name)
			}
			defs[name] = d
		}
		enum = append(enum, f.API)
		allOf = append(allOf, map[string]any{
			"if": map[string]any{"properties": map[string]any{"api": map[string]any{"const": f.API}}, "required": []any{"api"}},
			"then": map[string]any{"properties": map[string]any{"timeline": map[string]any{"items": map[string]any{
				"properties": map[string]any{"actions": map[string]any{"items": map[string]any{"$ref": "#/$defs/" + action}}}}}}},
		})
	}
	doc["$comment"] = "Generated from scenarios/schema.base.json and each API's scenario.schema.json by `go test ./simulator/vendors -update`; do not edit."
	api["enum"] = enum
	doc["allOf"] = allOf
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func decodeJSON(b []byte, v any) error {
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	return d.Decode(v)
}
