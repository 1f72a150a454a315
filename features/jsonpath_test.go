package features

import (
	"reflect"
	"testing"
)

func TestLookupJSONReadsOurPathSyntaxThroughGjson(t *testing.T) {
	raw := []byte(`{"items":[{"status":"open","n":2},{"status":"done"}],
		"details":{"objective":{"message":"m"},"a.b":{"#":"hash"},"0":"zero key"},"nil":null}`)
	for _, c := range []struct {
		path string
		want any
		ok   bool
	}{
		{"items[0].status", "open", true},
		{"$.items.1.status", "done", true},
		{"items.0.n", 2.0, true},
		{`details["objective"].message`, "m", true},
		{`details["a.b"]["#"]`, "hash", true}, // gjson's special characters stay literal
		{"details.0", "zero key", true},
		{"nil", nil, true},
		{"items[2]", nil, false},
		{"items[-1]", nil, false},
		{"items.x", nil, false},
		{"items[0].status.deeper", nil, false},
		{"missing", nil, false},
		{"details.a.b", nil, false}, // a dot separates, it does not match "a.b"
	} {
		got, ok, err := lookupJSON(raw, c.path)
		if err != nil || ok != c.ok || !reflect.DeepEqual(got, c.want) {
			t.Errorf("lookupJSON(%q) = %#v, %v, %v; want %#v, %v", c.path, got, ok, err, c.want, c.ok)
		}
	}
	whole, ok, _ := lookupJSON(raw, "$")
	if m, isMap := whole.(map[string]any); !ok || !isMap || len(m) != 3 {
		t.Errorf("the root is %#v, want the whole object", whole)
	}
	if _, _, err := lookupJSON(raw, "items[0"); err == nil {
		t.Error("an unclosed [ is not an error")
	}
	if _, ok, _ := lookupJSON([]byte("not json"), "a"); ok {
		t.Error("found a path in a body that is not JSON")
	}
	if got, ok, _ := lookupPath(map[string]any{"e": []any{"x"}}, "e[0]"); !ok || got != "x" {
		t.Errorf("lookupPath on a decoded value = %v, %v", got, ok)
	}
}
