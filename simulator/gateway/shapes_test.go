package gateway

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

const shapesSpec = `
openapi: 3.0.3
info: {title: shapes, version: '1'}
paths: {}
components:
  schemas:
    Short: {type: string, maxLength: 4}
    Thing:
      type: object
      additionalProperties: false
      required: [id, status]
      properties:
        id: {type: string, pattern: '^t_[0-9]+$'}
        status: {type: string, enum: [open, done]}
        count: {type: integer, minimum: 0}
        ratio: {type: number, maximum: 1}
        at: {type: string, format: date-time}
        plain: {type: string}
        made: {type: string, readOnly: true}
        secret: {type: string, writeOnly: true}
        flag: {type: boolean}
        maybe: {type: string, nullable: true}
        tags: {type: array, maxItems: 3, items: {$ref: '#/components/schemas/Short'}}
        meta: {type: object, additionalProperties: {type: integer}}
        both:
          allOf:
            - {type: object, properties: {a: {type: string, minLength: 2}}}
            - {type: object, properties: {a: {$ref: '#/components/schemas/Short'}}, required: [a]}
        either: {oneOf: [{type: string}, {type: integer}]}
        pick:
          oneOf:
            - {type: object, required: [k], properties: {k: {type: string}}, additionalProperties: false}
            - {type: object, required: [j], properties: {j: {type: integer}}, additionalProperties: false}
        uniq: {type: array, uniqueItems: true, items: {type: string}}
`

func thingSchema(t testing.TB) *openapi3.Schema {
	t.Helper()
	doc, err := openapi3.NewLoader().LoadFromData([]byte(shapesSpec))
	if err != nil {
		t.Fatal(err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return doc.Components.Schemas["Thing"].Value
}

// full is kin-openapi's verdict on a response body, decoded as its JSON
// body decoder does.
func full(s *openapi3.Schema, body []byte, request bool) error {
	var v any
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		return err
	}
	as := openapi3.VisitAsResponse()
	if request {
		as = openapi3.VisitAsRequest()
	}
	return s.VisitJSON(v, as, openapi3.MultiErrors())
}

// randomThing is a body that is valid or not in many ways. It takes one of
// a few sets of keys (so shapes repeat), and gives each key a value that is
// usually valid and sometimes not, of the same kind or another.
func randomThing(r *rand.Rand) []byte {
	keySets := [][]string{
		{"id", "status"},
		{"id", "status", "count", "ratio", "at", "plain", "flag", "maybe"},
		{"id", "status", "tags", "meta", "both", "either"},
		{"id", "status", "count", "at", "tags", "both", "extra"},
		{"id", "count", "at"},
		{"id", "status", "pick"},
		{"id", "status", "uniq", "tags"},
		{"id", "status", "made"},
		{"id", "status", "secret"},
	}
	values := map[string][2][]any{ // usually, sometimes
		"id":     {{"t_1", "t_22", "t_333"}, {"x_1", "t_", 7}},
		"status": {{"open", "done"}, {"closed", 1}},
		"count":  {{0, 3, 12}, {-1, 1.5, "3"}},
		"ratio":  {{0, 0.5, 1}, {1.01, 2}},
		"at":     {{"2030-01-01T00:00:00Z", "2031-02-03T04:05:06Z"}, {"yesterday"}},
		"plain":  {{"a", "bb", ""}, {5}},
		"flag":   {{true, false}, {"true"}},
		"maybe":  {{"x", nil}, {3}},
		"either": {{"s", 1}, {1.5, true}},
		"extra":  {{1}, {2}},
		"made":   {{"m"}, {1}},
		"secret": {{"s"}, {1}},
	}
	m := map[string]any{}
	for _, k := range keySets[r.IntN(len(keySets))] {
		bad := r.IntN(8) == 0
		pick := func(ok, notOK []any) any {
			if bad {
				return notOK[r.IntN(len(notOK))]
			}
			return ok[r.IntN(len(ok))]
		}
		switch k {
		case "tags":
			n := 1 + r.IntN(2)
			if bad {
				n = 4
			}
			tags := []any{}
			for range n {
				tags = append(tags, pick([]any{"a", "bb", "ccc"}, []any{"ddddd", 1}))
			}
			m[k] = tags
		case "meta":
			m[k] = map[string]any{"x": pick([]any{1, 2}, []any{"3", 1.5})}
		case "both":
			m[k] = map[string]any{"a": pick([]any{"ab", "abcd"}, []any{"a", "abcde"})}
		case "pick":
			m[k] = pick([]any{map[string]any{"k": "v"}, map[string]any{"j": 1}}, []any{map[string]any{"k": "v", "j": 1}})
		case "uniq":
			m[k] = pick([]any{[]any{"a", "b"}}, []any{[]any{"a", "a"}})
		default:
			v := values[k]
			m[k] = pick(v[0], v[1])
		}
	}
	b, err := json.Marshal(m)
	if err != nil {
		panic(err)
	}
	return b
}

// TestShapesAgreeWithFullValidation: on thousands of random bodies, the
// verdict of the shape cache (as validateResponse uses it) is kin-openapi's
// verdict on the whole body, and most bodies are decided by their shape.
func TestShapesAgreeWithFullValidation(t *testing.T) {
	schema := thingSchema(t)
	for _, request := range []bool{false, true} {
		s := newShapes(request)
		r := rand.New(rand.NewPCG(16, 17))
		byShape, coupled, valid, wholeByShape := 0, 0, 0, 0
		dups := 0
		for i := range 20000 {
			body := randomThing(r)
			if i%8 == 0 { // a name repeated, before or after its first value
				body, dups = repeatName(r, body), dups+1
			}
			want := full(schema, body, request) == nil
			c := s.check(200, "application/json", body, schema)
			var got bool
			switch {
			case !c.sound:
				coupled++
				got = want // validated in full
			case c.scalarsOK && s.has(c.shape):
				byShape++
				if bytes.Contains(body, []byte(`"pick"`)) || bytes.Contains(body, []byte(`"uniq"`)) {
					wholeByShape++ // a coupled value inside, validated whole
				}
				got = true
			default:
				got = want // validated in full
				if want && c.scalarsOK {
					s.add(c.shape)
				}
			}
			if got != want {
				t.Fatalf("request %v, body %d %s: shapes say valid, kin-openapi says %v", request, i, body, full(schema, body, request))
			}
			if want {
				valid++
			}
		}
		t.Logf("request %v: decided by shape %d (%d with a coupled value validated whole), not sound %d, valid %d of 20000, %d with a repeated name", request, byShape, wholeByShape, coupled, valid, dups)
		if byShape < 1000 || wholeByShape < 500 || valid < 1000 {
			t.Fatalf("the sample does not exercise the cache: by shape %d, with a whole value %d, valid %d", byShape, wholeByShape, valid)
		}
	}
}

// repeatName adds a "status" to an object body, valid or not, first or last:
// kin-openapi's decoder keeps the last of repeated names.
func repeatName(r *rand.Rand, body []byte) []byte {
	if len(body) < 2 || body[0] != '{' {
		return body
	}
	v := []string{`"open"`, `"done"`, `"nope"`, `7`}[r.IntN(4)]
	if r.IntN(2) == 0 {
		return append([]byte(`{"status":`+v+`,`), body[1:]...)
	}
	end := bytes.LastIndexByte(body, '}')
	return append(append(body[:end:end], `,"status":`+v...), body[end:]...)
}

// TestShapesCatchABadScalarInAKnownShape: a body whose shape passed, with a
// value the schema refuses, is not vouched for.
func TestShapesCatchABadScalarInAKnownShape(t *testing.T) {
	schema := thingSchema(t)
	s := newShapes(false)
	good := []byte(`{"id":"t_1","status":"open","at":"2030-01-01T00:00:00Z","tags":["a"],"both":{"a":"abc"},"count":1}`)
	if err := full(schema, good, false); err != nil {
		t.Fatal(err)
	}
	c := s.check(200, "application/json", good, schema)
	if !c.sound || !c.scalarsOK {
		t.Fatalf("good body: %+v", c)
	}
	s.add(c.shape)
	for _, bad := range []string{
		`{"id":"x_1","status":"open","at":"2030-01-01T00:00:00Z","tags":["a"],"both":{"a":"abc"},"count":1}`,
		`{"id":"t_1","status":"gone","at":"2030-01-01T00:00:00Z","tags":["a"],"both":{"a":"abc"},"count":1}`,
		`{"id":"t_1","status":"open","at":"soon","tags":["a"],"both":{"a":"abc"},"count":1}`,
		`{"id":"t_1","status":"open","at":"2030-01-01T00:00:00Z","tags":["abcdef"],"both":{"a":"abc"},"count":1}`,
		`{"id":"t_1","status":"open","at":"2030-01-01T00:00:00Z","tags":["a"],"both":{"a":"abcdefg"},"count":1}`,
		`{"id":"t_1","status":"open","at":"2030-01-01T00:00:00Z","tags":["a"],"both":{"a":"a"},"count":1}`,
		`{"id":"t_1","status":"open","at":"2030-01-01T00:00:00Z","tags":["a"],"both":{"a":"abc"},"count":1.5}`,
		`{"id":"t_1","status":"open","at":"2030-01-01T00:00:00Z","tags":["a"],"both":{"a":"abc"},"count":-2}`,
	} {
		if full(schema, []byte(bad), false) == nil {
			t.Fatalf("%s: the test expects kin-openapi to refuse it", bad)
		}
		c := s.check(200, "application/json", []byte(bad), schema)
		if c.sound && c.scalarsOK && s.has(c.shape) {
			t.Errorf("%s: vouched for by its shape", bad)
		}
	}
}

// BenchmarkShapesCheck is a body of a known shape whose id is new each time,
// as a create's answer is.
func BenchmarkShapesCheck(b *testing.B) {
	s := thingSchema(b)
	sh := newShapes(false)
	body := func(i int) []byte {
		return fmt.Appendf(nil, `{"id":"t_%d","status":"open","count":%d,"ratio":0.5,"at":"2025-03-01T09:00:00Z","plain":"plain text","flag":true,"maybe":null,"tags":["a","bb"],"meta":{"x":1,"y":2}}`, i, i%7)
	}
	first := sh.check(200, "application/json", body(0), s)
	if !first.sound || !first.scalarsOK {
		b.Fatalf("the body is not a sound valid shape: %+v", first)
	}
	sh.add(first.shape)
	bodies := make([][]byte, 1024)
	for i := range bodies {
		bodies[i] = body(i + 1)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if c := sh.check(200, "application/json", bodies[i%len(bodies)], s); !c.scalarsOK || !sh.has(c.shape) {
			b.Fatal("a body of the known shape did not pass")
		}
		i++
	}
}
