package jsoncodec

import (
	"encoding/json"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Plain response structs (strings, numbers, bools, times, pointers, slices
// and structs of those; no methods, embedding, maps or interfaces, so the
// types are finite and acyclic) are written here directly:
// goccy spends half of a Task in time.Time's MarshalJSON and the compaction
// of its output, which appendTime replaces with the same bytes. Types outside
// that shape get no encoder and go to goccy or encoding/json.

// encoder appends v's encoding; false hands the value back to the caller.
type encoder func(b []byte, v reflect.Value) ([]byte, bool)

var encoders sync.Map // reflect.Type -> encoder (nil: not a plain type)

var (
	timeType   = reflect.TypeFor[time.Time]()
	numberType = reflect.TypeFor[json.Number]()
)

func directFor(t reflect.Type) encoder {
	if e, ok := encoders.Load(t); ok {
		return e.(encoder)
	}
	e := compileEncoder(t, map[reflect.Type]bool{})
	encoders.Store(t, e)
	return e
}

func compileEncoder(t reflect.Type, seen map[reflect.Type]bool) encoder {
	if t == timeType {
		return func(b []byte, v reflect.Value) ([]byte, bool) {
			return appendTime(b, v.Interface().(time.Time))
		}
	}
	timePtr := t.Kind() == reflect.Pointer && t.Elem() == timeType // nil: null, else the time's MarshalJSON
	if t == numberType || seen[t] || !timePtr && (t.Implements(marshalerType) || t.Implements(textMarshalerType) ||
		reflect.PointerTo(t).Implements(marshalerType) || reflect.PointerTo(t).Implements(textMarshalerType)) {
		return nil
	}
	seen[t] = true
	defer delete(seen, t)
	switch t.Kind() {
	case reflect.Bool:
		return func(b []byte, v reflect.Value) ([]byte, bool) { return strconv.AppendBool(b, v.Bool()), true }
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return func(b []byte, v reflect.Value) ([]byte, bool) { return strconv.AppendInt(b, v.Int(), 10), true }
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return func(b []byte, v reflect.Value) ([]byte, bool) { return strconv.AppendUint(b, v.Uint(), 10), true }
	case reflect.Float32, reflect.Float64:
		bits := t.Bits()
		return func(b []byte, v reflect.Value) ([]byte, bool) { return appendFloat(b, v.Float(), bits) }
	case reflect.String:
		return func(b []byte, v reflect.Value) ([]byte, bool) { return appendString(b, v.String()), true }
	case reflect.Pointer:
		elem := compileEncoder(t.Elem(), seen)
		if elem == nil {
			return nil
		}
		return func(b []byte, v reflect.Value) ([]byte, bool) {
			if v.IsNil() {
				return append(b, "null"...), true
			}
			return elem(b, v.Elem())
		}
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			return nil // base64
		}
		elem := compileEncoder(t.Elem(), seen)
		if elem == nil {
			return nil
		}
		return func(b []byte, v reflect.Value) ([]byte, bool) {
			if v.IsNil() {
				return append(b, "null"...), true
			}
			return appendElems(b, v, elem)
		}
	case reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 {
			return nil
		}
		elem := compileEncoder(t.Elem(), seen)
		if elem == nil {
			return nil
		}
		return func(b []byte, v reflect.Value) ([]byte, bool) { return appendElems(b, v, elem) }
	case reflect.Struct:
		return compileStruct(t, seen)
	}
	return nil // maps, interfaces, chans, funcs, complex numbers: goccy or encoding/json
}

func appendElems(b []byte, v reflect.Value, elem encoder) ([]byte, bool) {
	b = append(b, '[')
	for i := range v.Len() {
		if i > 0 {
			b = append(b, ',')
		}
		var ok bool
		if b, ok = elem(b, v.Index(i)); !ok {
			return b, false
		}
	}
	return append(b, ']'), true
}

type directField struct {
	index     int
	name      string // `"name":`, escaped as encoding/json escapes it
	omitEmpty bool
	enc       encoder
}

func compileStruct(t reflect.Type, seen map[reflect.Type]bool) encoder {
	var fields []directField
	names := map[string]bool{}
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Anonymous {
			return nil // embedding: encoding/json's promotion rules
		}
		if !f.IsExported() {
			continue
		}
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		omitEmpty := false
		for opts != "" {
			var o string
			o, opts, _ = strings.Cut(opts, ",")
			if o != "omitempty" {
				return nil // string, omitzero, ...
			}
			omitEmpty = true
		}
		if name == "" {
			name = f.Name
		} else if !simpleName(name) {
			return nil
		}
		if names[name] {
			return nil
		}
		names[name] = true
		enc := compileEncoder(f.Type, seen)
		if enc == nil {
			return nil
		}
		fields = append(fields, directField{i, string(appendString(nil, name)) + ":", omitEmpty, enc})
	}
	return func(b []byte, v reflect.Value) ([]byte, bool) {
		b = append(b, '{')
		first := true
		for _, f := range fields {
			fv := v.Field(f.index)
			if f.omitEmpty && isEmpty(fv) {
				continue
			}
			if !first {
				b = append(b, ',')
			}
			first = false
			b = append(b, f.name...)
			var ok bool
			if b, ok = f.enc(b, fv); !ok {
				return b, false
			}
		}
		return append(b, '}'), true
	}
}

// simpleName reports whether a tag name is one encoding/json takes as is
// (it accepts more; those types go elsewhere).
func simpleName(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

// isEmpty is encoding/json's isEmptyValue.
func isEmpty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64, reflect.Interface, reflect.Pointer:
		return v.IsZero()
	}
	return false
}

// appendTime writes what time.Time's MarshalJSON returns; a time it refuses
// (a year outside [0,9999], a zone hour outside [0,23]) is handed back.
func appendTime(b []byte, t time.Time) ([]byte, bool) {
	b = append(b, '"')
	n0 := len(b)
	b = t.AppendFormat(b, time.RFC3339Nano)
	if b[n0+len("9999")] != '-' {
		return b, false
	}
	if b[len(b)-1] != 'Z' {
		c := b[len(b)-len("Z07:00")]
		h := b[len(b)-len("07:00"):]
		if ('0' <= c && c <= '9') || 10*(h[0]-'0')+(h[1]-'0') >= 24 {
			return b, false
		}
	}
	return append(b, '"'), true
}
