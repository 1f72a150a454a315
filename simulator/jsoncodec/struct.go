package jsoncodec

import (
	"reflect"
	"strings"
	"unsafe"
)

type directField struct {
	offset uintptr
	name   string                    // `"name":`, escaped as encoding/json escapes it
	empty  func(unsafe.Pointer) bool // omitempty: skip the field when it is empty; nil without the option
	enc    encoder
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
		df := directField{offset: f.Offset, name: string(appendString(nil, name)) + ":", enc: enc}
		if omitEmpty {
			df.empty = emptyCheck(f.Type)
		}
		fields = append(fields, df)
	}
	return func(b []byte, p unsafe.Pointer) ([]byte, bool) {
		b = append(b, '{')
		first := true
		for i := range fields {
			f := &fields[i]
			fp := unsafe.Add(p, f.offset)
			if f.empty != nil && f.empty(fp) {
				continue
			}
			if !first {
				b = append(b, ',')
			}
			first = false
			b = append(b, f.name...)
			var ok bool
			if b, ok = f.enc(b, fp); !ok {
				return b, false
			}
		}
		return append(b, '}'), true
	}
}

// emptyCheck is encoding/json's isEmptyValue for the kinds compileEncoder
// takes: zero numbers (-0 and 0 alike, as v.Float() == 0 has it), false,
// nil pointers, empty strings and slices (nil or not), zero-length arrays;
// a struct is never empty.
func emptyCheck(t reflect.Type) func(unsafe.Pointer) bool {
	switch t.Kind() {
	case reflect.Bool:
		return isZero[bool]
	case reflect.Int:
		return isZero[int]
	case reflect.Int8:
		return isZero[int8]
	case reflect.Int16:
		return isZero[int16]
	case reflect.Int32:
		return isZero[int32]
	case reflect.Int64:
		return isZero[int64]
	case reflect.Uint:
		return isZero[uint]
	case reflect.Uint8:
		return isZero[uint8]
	case reflect.Uint16:
		return isZero[uint16]
	case reflect.Uint32:
		return isZero[uint32]
	case reflect.Uint64:
		return isZero[uint64]
	case reflect.Float32:
		return isZero[float32]
	case reflect.Float64:
		return isZero[float64]
	case reflect.String:
		return isZero[string]
	case reflect.Pointer:
		return isZero[unsafe.Pointer]
	case reflect.Slice:
		return func(p unsafe.Pointer) bool { return (*sliceHeader)(p).len == 0 }
	case reflect.Array:
		empty := t.Len() == 0
		return func(unsafe.Pointer) bool { return empty }
	}
	return func(unsafe.Pointer) bool { return false }
}

func isZero[T comparable](p unsafe.Pointer) bool {
	var zero T
	return *(*T)(p) == zero
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
