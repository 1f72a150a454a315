package scenarios

import (
	"testing"
	"time"
)

func TestActionParamAccessors(t *testing.T) {
	a := Action{Params: map[string]any{
		"text": "hi", "empty": "", "async": true, "n": int64(3), "f": 2.0,
		"delay": "1m30s", "data": map[string]any{"video": true},
	}}
	cases := []struct {
		name string
		got  any
		want any
	}{
		{"string", a.String("text", "x"), "hi"},
		{"empty string falls back", a.String("empty", "x"), "x"},
		{"missing string", a.String("nope", "x"), "x"},
		{"bool", a.Bool("async", false), true},
		{"missing bool", a.Bool("nope", true), true},
		{"int64", a.Int("n", 0), 3},
		{"float", a.Int("f", 0), 2},
		{"missing int", a.Int("nope", 7), 7},
		{"duration", a.Duration("delay", 0), 90 * time.Second},
		{"missing duration", a.Duration("nope", time.Second), time.Second},
		{"object", a.Object("data")["video"], true},
		{"missing object", len(a.Object("nope")), 0},
	}
	for _, tc := range cases {
		if tc.got != tc.want {
			t.Errorf("%s: got %v, want %v", tc.name, tc.got, tc.want)
		}
	}
}

func TestIntAcceptsEveryDecodedNumberType(t *testing.T) {
	a := Action{Params: map[string]any{"i": 3, "i64": int64(4), "u64": uint64(5), "f": 6.0, "s": "7"}}
	for key, want := range map[string]int{"i": 3, "i64": 4, "u64": 5, "f": 6, "s": -1} {
		if got := a.Int(key, -1); got != want {
			t.Errorf("Int(%q) = %d, want %d", key, got, want)
		}
	}
}
