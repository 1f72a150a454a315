package jsoncodec

import (
	"encoding"
	"encoding/json"
	"math"
	"reflect"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/gin-gonic/gin"
)

// goccy/go-json v0.10.5 writes some values differently from encoding/json
// (each is a case in the tests):
//   - floats below 1e-6 in magnitude: 1e-07 where encoding/json writes 1e-7;
//   - map keys: sorted as written (escaped, closing quote included), so keys
//     that need escaping, and "x " against "x", come out in another order;
//   - a struct with fields but none to encode ({} in encoding/json): null
//     when it is pointer-shaped and nil inside (a lone chan, func, map or
//     pointer field, unexported or tagged "-");
//   - an empty array field tagged omitempty: kept;
//   - the omitzero tag option (Go 1.24): ignored;
//   - a one-element array of a nil pointer or map: null where encoding/json
//     writes [null] (and so a struct holding only such an array).
//
// fastSafe walks a value, guided by its type, and reports whether it can reach
// none of these (nor anything else outside what the tests pin down). Types
// that never need a look (strings, numbers other than floats, time.Time,
// structs of those) are decided once per type and cost one cache lookup.

// maxDepth bounds the walk; deeper values (and cyclic ones, which
// encoding/json rejects) go to encoding/json.
const maxDepth = 100

// check reports whether v, at nesting depth d, is safe for goccy.
type check func(v reflect.Value, d int) bool

func never(reflect.Value, int) bool { return false }

type entry struct {
	fn   check // nil: every value of the type is safe
	done bool
}

var checks sync.Map // reflect.Type -> *entry

var (
	marshalerType     = reflect.TypeFor[json.Marshaler]()
	textMarshalerType = reflect.TypeFor[encoding.TextMarshaler]()
)

func fastSafe(v any) bool { return safeAny(v, 0) }

// safeAny decides the common dynamic types without reflection.
func safeAny(v any, d int) bool {
	if d > maxDepth {
		return false
	}
	switch x := v.(type) {
	case nil, string, bool, int, int64, int32, uint, uint64, uint32, time.Time, *time.Time, json.RawMessage:
		return true
	case float64:
		return safeFloat(x)
	case float32:
		return safeFloat(float64(x))
	case map[string]any:
		return safeMap(x, d)
	case gin.H:
		return safeMap(x, d)
	case []any:
		for _, e := range x {
			if !safeAny(e, d+1) {
				return false
			}
		}
		return true
	case []string:
		return true
	}
	rv := reflect.ValueOf(v)
	fn := typeCheck(rv.Type())
	return fn == nil || fn(rv, d)
}

func safeMap(m map[string]any, d int) bool {
	for k, e := range m {
		if !safeKey(k) || !safeAny(e, d+1) {
			return false
		}
	}
	return true
}

// safeFloat: encoding/json and goccy agree on every finite float from 1e-6 up
// (NaN and ±Inf are errors in both, and then encoding/json runs anyway); a
// margin keeps float32 rounding clear of the edge.
func safeFloat(f float64) bool {
	a := math.Abs(f)
	return a == 0 || (a >= 1e-5 && a <= math.MaxFloat64)
}

// safeKey reports whether goccy's order for keys like s is encoding/json's.
// goccy sorts keys as written, escapes and closing quote included: a key
// that needs escaping, or one holding a byte below the quote (space, '!')
// that may follow a shorter key it extends ("x" and "x "), sorts
// differently from the raw keys encoding/json compares.
func safeKey(s string) bool {
	for i := 0; i < len(s); i++ {
		switch b := s[i]; {
		case b <= '"', b == '\\', b == '<', b == '>', b == '&':
			return false
		case b >= utf8.RuneSelf:
			return utf8.ValidString(s) && !strings.ContainsAny(s, "\u2028\u2029")
		}
	}
	return true
}

// typeCheck returns the check for t, building and caching it on first use.
func typeCheck(t reflect.Type) check {
	if e, ok := checks.Load(t); ok {
		return e.(*entry).fn
	}
	building := map[reflect.Type]*entry{}
	fn := build(t, building)
	for bt, e := range building {
		checks.LoadOrStore(bt, e)
	}
	return fn
}

func build(t reflect.Type, building map[reflect.Type]*entry) check {
	if e, ok := checks.Load(t); ok {
		return e.(*entry).fn
	}
	if e, ok := building[t]; ok {
		if e.done {
			return e.fn
		}
		// A recursive type: walk it (which also bounds cyclic values).
		return func(v reflect.Value, d int) bool { return e.fn == nil || e.fn(v, d) }
	}
	e := &entry{}
	building[t] = e
	e.fn = compute(t, building)
	e.done = true
	return e.fn
}

func compute(t reflect.Type, building map[reflect.Type]*entry) check {
	if t.Implements(marshalerType) || t.Implements(textMarshalerType) {
		return nil // goccy calls the method and compacts its output, as encoding/json does
	}
	if t.Kind() != reflect.Pointer && t.Kind() != reflect.Interface &&
		(reflect.PointerTo(t).Implements(marshalerType) || reflect.PointerTo(t).Implements(textMarshalerType)) {
		return never // encoding/json calls it only on addressable values
	}
	switch t.Kind() {
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.String:
		return nil
	case reflect.Float32, reflect.Float64:
		return func(v reflect.Value, _ int) bool { return safeFloat(v.Float()) }
	case reflect.Interface:
		return func(v reflect.Value, d int) bool {
			if v.IsNil() {
				return true
			}
			if v.CanInterface() {
				return safeAny(v.Interface(), d+1)
			}
			return safeValue(v.Elem(), d+1)
		}
	case reflect.Pointer:
		elem := build(t.Elem(), building)
		if elem == nil {
			return nil
		}
		return func(v reflect.Value, d int) bool {
			return v.IsNil() || (d < maxDepth && elem(v.Elem(), d+1))
		}
	case reflect.Slice, reflect.Array:
		if t.Kind() == reflect.Array && !boxedByPointer(t) {
			return never // [1]*T, [1]map...: goccy writes a nil one as null, not [null]
		}
		if t.Elem().Kind() == reflect.Uint8 && t.Elem() != reflect.TypeFor[uint8]() {
			return never // named byte types: base64 or not depends on their methods
		}
		elem := build(t.Elem(), building)
		if elem == nil {
			return nil
		}
		return func(v reflect.Value, d int) bool {
			if d >= maxDepth {
				return false
			}
			for i := range v.Len() {
				if !elem(v.Index(i), d+1) {
					return false
				}
			}
			return true
		}
	case reflect.Map:
		return mapCheck(t, building)
	case reflect.Struct:
		return structCheck(t, building)
	}
	return never // chan, func, complex, unsafe.Pointer, uintptr: encoding/json's business
}

func mapCheck(t reflect.Type, building map[reflect.Type]*entry) check {
	k := t.Key()
	if k.Implements(textMarshalerType) || reflect.PointerTo(k).Implements(textMarshalerType) {
		return never
	}
	stringKeys := k.Kind() == reflect.String
	switch k.Kind() {
	case reflect.String, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
	default:
		return never
	}
	elem := build(t.Elem(), building)
	if elem == nil && !stringKeys {
		return nil
	}
	return func(v reflect.Value, d int) bool {
		if d >= maxDepth {
			return false
		}
		it := v.MapRange()
		for it.Next() {
			if stringKeys && !safeKey(it.Key().String()) {
				return false
			}
			if elem != nil && !elem(it.Value(), d+1) {
				return false
			}
		}
		return true
	}
}

func structCheck(t reflect.Type, building map[reflect.Type]*entry) check {
	type field struct {
		i  int
		fn check
	}
	var fields []field
	visible := 0
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		ft := f.Type
		if ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		if tag == "-" || (!f.IsExported() && !(f.Anonymous && ft.Kind() == reflect.Struct)) {
			continue
		}
		visible++
		if hasOption(tag, "omitzero") || (f.Type.Kind() == reflect.Array && hasOption(tag, "omitempty")) {
			return never
		}
		if fn := build(f.Type, building); fn != nil {
			fields = append(fields, field{i, fn})
		}
	}
	if visible == 0 && t.NumField() > 0 {
		// Always {} in encoding/json; goccy writes null when the struct is
		// pointer-shaped and its one word is nil.
		return never
	}
	if len(fields) == 0 {
		return nil
	}
	return func(v reflect.Value, d int) bool {
		if d >= maxDepth {
			return false
		}
		for _, f := range fields {
			if !f.fn(v.Field(f.i), d+1) {
				return false
			}
		}
		return true
	}
}

// hasOption reports whether a json tag carries option opt.
func hasOption(tag, opt string) bool {
	_, opts, _ := strings.Cut(tag, ",")
	for opts != "" {
		var o string
		o, opts, _ = strings.Cut(opts, ",")
		if o == opt {
			return true
		}
	}
	return false
}

func safeValue(v reflect.Value, d int) bool {
	fn := typeCheck(v.Type())
	return fn == nil || fn(v, d)
}
