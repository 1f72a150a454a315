package gateway

import (
	"bytes"
	"encoding/json"
	"strconv"

	"github.com/switchboard-sim/switchboard/simulator/errs"
)

// Recoverable violations, served under --lenient after the value is fixed:
//   - a body property the schema does not allow (additionalProperties: false):
//     the property is dropped;
//   - a boolean sent as the string "true" or "false": it becomes the boolean;
//   - a number or integer sent as a numeric string: it becomes the number.
//
// Anything else (a missing field, an unknown enum value, malformed JSON) is
// never recoverable and still gets its 400.
func recoverable(fields []errs.Field) bool {
	for _, f := range fields {
		if f.In != "body" || len(f.Path) == 0 {
			return false
		}
		switch f.Rule {
		case "additionalProperties":
		case "type":
			if f.Want != "boolean" && f.Want != "number" && f.Want != "integer" {
				return false
			}
		default:
			return false
		}
	}
	return len(fields) > 0
}

// coerce applies the fixes to a JSON body; ok is false when one cannot be made.
func coerce(body []byte, fields []errs.Field) ([]byte, bool) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		return nil, false
	}
	for _, f := range fields {
		parent, key, ok := walk(doc, f.Path)
		if !ok {
			return nil, false
		}
		if f.Rule == "additionalProperties" {
			delete(parent, key)
			continue
		}
		s, isString := parent[key].(string)
		if !isString {
			return nil, false
		}
		switch f.Want {
		case "boolean":
			b, err := strconv.ParseBool(s)
			if err != nil || (s != "true" && s != "false") {
				return nil, false
			}
			parent[key] = b
		case "number", "integer":
			n := json.Number(s)
			if _, err := n.Float64(); err != nil {
				return nil, false
			}
			parent[key] = n
		}
	}
	out, err := json.Marshal(doc)
	return out, err == nil
}

// walk finds the object holding the last segment of path. Array indexes
// are not recoverable paths.
func walk(doc any, path []string) (map[string]any, string, bool) {
	cur := doc
	for i, seg := range path {
		m, ok := cur.(map[string]any)
		if !ok {
			return nil, "", false
		}
		if i == len(path)-1 {
			_, exists := m[seg]
			return m, seg, exists
		}
		cur = m[seg]
	}
	return nil, "", false
}
