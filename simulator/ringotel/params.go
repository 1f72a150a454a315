package ringotel

import (
	"bytes"
	"encoding/json"
	"math"
	"strings"

	"github.com/switchboard-sim/switchboard/simulator/errs"
)

// params reads one RPC call's params and collects every wrong one, each
// named by its path ("params.from", "params.content.call_duration").
type params struct {
	prefix string
	raw    map[string]json.RawMessage
	bad    *errs.Collector
}

// parseParams decodes params; absent or null params read as {}.
func parseParams(raw json.RawMessage) (*params, error) {
	p := &params{prefix: "params", raw: map[string]json.RawMessage{}, bad: &errs.Collector{}}
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return p, nil
	}
	if raw[0] != '{' || json.Unmarshal(raw, &p.raw) != nil {
		return nil, errs.InvalidField("params", "must be an object")
	}
	return p, nil
}

// sub reads a nested object, such as a call record's content.
func (p *params) sub(name string, raw json.RawMessage) *params {
	q := &params{prefix: p.prefix + "." + name, raw: map[string]json.RawMessage{}, bad: p.bad}
	_ = json.Unmarshal(raw, &q.raw)
	return q
}

func (p *params) name(key string) string {
	if p.prefix == "" {
		return key
	}
	return p.prefix + "." + key
}

// fail records a wrong param.
func (p *params) fail(key, reason string) { p.bad.Add(p.name(key), reason) }

// has reports whether key is present and not null.
func (p *params) has(key string) bool {
	v, ok := p.raw[key]
	return ok && string(bytes.TrimSpace(v)) != "null"
}

// kind is the JSON type of key's value: "string", "number", "object", ...
func (p *params) kind(key string) string {
	v := bytes.TrimSpace(p.raw[key])
	if len(v) == 0 {
		return ""
	}
	switch v[0] {
	case '"':
		return "string"
	case '{':
		return "object"
	case '[':
		return "array"
	case 't', 'f':
		return "boolean"
	case 'n':
		return "null"
	}
	return "number"
}

// str reads a string; a required one must be present and not blank.
func (p *params) str(key string, required bool) string {
	if !p.has(key) {
		if required {
			p.fail(key, "is required")
		}
		return ""
	}
	var s string
	if err := json.Unmarshal(p.raw[key], &s); err != nil {
		p.fail(key, "must be a string, got "+p.kind(key))
		return ""
	}
	if required && strings.TrimSpace(s) == "" {
		p.fail(key, "must not be empty")
	}
	return s
}

// num reads a number; ok is false when it is absent or wrong.
func (p *params) num(key string) (float64, bool) {
	if !p.has(key) {
		return 0, false
	}
	var f float64
	if p.kind(key) != "number" || json.Unmarshal(p.raw[key], &f) != nil {
		p.fail(key, "must be a number, got "+p.kind(key))
		return 0, false
	}
	return f, true
}

// millis reads an epoch-milliseconds timestamp (a whole number, 0 or more).
func (p *params) millis(key string) *int64 {
	f, ok := p.num(key)
	if !ok {
		return nil
	}
	if f < 0 || f != math.Trunc(f) || f > 1e15 {
		p.fail(key, "must be whole milliseconds since 1970-01-01, 0 or more")
		return nil
	}
	ms := int64(f)
	return &ms
}

// phone reads a phone number or extension: digits with an optional leading
// "+" and spaces, dashes, dots or parentheses between them.
func (p *params) phone(key string, required bool) string {
	s := strings.TrimSpace(p.str(key, required))
	if s == "" {
		return ""
	}
	if digits(s) == "" || strings.TrimLeft(s, "+0123456789 -.()") != "" || strings.LastIndex(s, "+") > 0 {
		p.fail(key, "must be a phone number or extension (digits, optional leading +), got "+quote(s))
		return ""
	}
	return s
}

// err is the Invalid error naming every wrong param, or nil.
func (p *params) err() error { return p.bad.Err() }

func quote(s string) string { b, _ := json.Marshal(s); return string(b) }
