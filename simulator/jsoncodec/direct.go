package jsoncodec

import (
	"encoding/json"
	"reflect"
	"strconv"
	"sync"
	"time"
	"unsafe"
)

// Plain response structs (strings, numbers, bools, times, pointers, slices
// and structs of those; no methods, embedding, maps or interfaces, so the
// types are finite and acyclic) are written here directly:
// goccy spends half of a Task in time.Time's MarshalJSON and the compaction
// of its output, which appendTime replaces with the same bytes. Types outside
// that shape get no encoder and go to goccy or encoding/json.
//
// Encoders read values through an unsafe.Pointer and the field offsets
// reflect reports, not through reflect.Value: a struct passed in an
// interface is not addressable, so reflect would copy each time.Time field
// to the heap to hand it to appendTime, and Field and Interface cost more
// than the bytes they guard. Every pointer an encoder gets points at a live
// value of the type it was compiled for (see dataOf), and it only reads.

// encoder appends the encoding of the value at p; false hands the value back
// to the caller.
type encoder func(b []byte, p unsafe.Pointer) ([]byte, bool)

var encoders sync.Map // reflect.Type -> encoder (nil: not a plain type)

var (
	timeType   = reflect.TypeFor[time.Time]()
	numberType = reflect.TypeFor[json.Number]()
)

// appendDirect appends v by its type's compiled encoder; false when the type
// has none or the encoder hands the value back.
func appendDirect(b []byte, v any) ([]byte, bool) {
	t := reflect.TypeOf(v)
	if t == nil {
		return b, false
	}
	enc := directFor(t)
	if enc == nil {
		return b, false
	}
	return enc(b, dataOf(v))
}

// dataOf returns an interface's data word: a pointer to the boxed value, or,
// for pointer-shaped types, the value itself (see boxedByPointer).
func dataOf(v any) unsafe.Pointer {
	return (*[2]unsafe.Pointer)(unsafe.Pointer(&v))[1]
}

// boxedByPointer reports whether an interface holding a t keeps a pointer to
// the value, as it does for all but pointer-shaped types (pointers, and
// structs or arrays whose one element is pointer-shaped), which it holds as
// is. The runtime is asked rather than its rule restated: the zero value of
// a pointer-shaped type boxes as a nil data word, any other as a pointer.
func boxedByPointer(t reflect.Type) bool {
	return dataOf(reflect.Zero(t).Interface()) != nil
}

// directFor returns the encoder for a value of type t held in an interface,
// whose argument is the interface's data word.
func directFor(t reflect.Type) encoder {
	if e, ok := encoders.Load(t); ok {
		return e.(encoder)
	}
	e := compileTop(t)
	encoders.Store(t, e)
	return e
}

func compileTop(t reflect.Type) encoder {
	enc := compileEncoder(t, map[reflect.Type]bool{})
	if enc == nil || boxedByPointer(t) {
		return enc
	}
	if t.Kind() == reflect.Pointer {
		elem := compileEncoder(t.Elem(), map[reflect.Type]bool{})
		return func(b []byte, p unsafe.Pointer) ([]byte, bool) {
			if p == nil {
				return append(b, "null"...), true
			}
			return elem(b, p)
		}
	}
	// A struct or array holding just one pointer: the encoder needs the
	// word's address, so it goes to the heap. Rare in responses, and goccy
	// writes a nil [1]*T as null.
	return func(b []byte, p unsafe.Pointer) ([]byte, bool) {
		word := new(unsafe.Pointer)
		*word = p
		return enc(b, unsafe.Pointer(word))
	}
}

func compileEncoder(t reflect.Type, seen map[reflect.Type]bool) encoder {
	if t == timeType {
		return func(b []byte, p unsafe.Pointer) ([]byte, bool) { return appendTime(b, *(*time.Time)(p)) }
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
		return func(b []byte, p unsafe.Pointer) ([]byte, bool) { return strconv.AppendBool(b, *(*bool)(p)), true }
	case reflect.Int:
		return appendInt[int]
	case reflect.Int8:
		return appendInt[int8]
	case reflect.Int16:
		return appendInt[int16]
	case reflect.Int32:
		return appendInt[int32]
	case reflect.Int64:
		return appendInt[int64]
	case reflect.Uint:
		return appendUint[uint]
	case reflect.Uint8:
		return appendUint[uint8]
	case reflect.Uint16:
		return appendUint[uint16]
	case reflect.Uint32:
		return appendUint[uint32]
	case reflect.Uint64:
		return appendUint[uint64]
	case reflect.Float32:
		return func(b []byte, p unsafe.Pointer) ([]byte, bool) { return appendFloat(b, float64(*(*float32)(p)), 32) }
	case reflect.Float64:
		return func(b []byte, p unsafe.Pointer) ([]byte, bool) { return appendFloat(b, *(*float64)(p), 64) }
	case reflect.String:
		return func(b []byte, p unsafe.Pointer) ([]byte, bool) { return appendString(b, *(*string)(p)), true }
	case reflect.Pointer:
		elem := compileEncoder(t.Elem(), seen)
		if elem == nil {
			return nil
		}
		return func(b []byte, p unsafe.Pointer) ([]byte, bool) {
			q := *(*unsafe.Pointer)(p)
			if q == nil {
				return append(b, "null"...), true
			}
			return elem(b, q)
		}
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			return nil // base64
		}
		elem := compileEncoder(t.Elem(), seen)
		if elem == nil {
			return nil
		}
		size := t.Elem().Size()
		return func(b []byte, p unsafe.Pointer) ([]byte, bool) {
			s := (*sliceHeader)(p)
			if s.data == nil {
				return append(b, "null"...), true
			}
			return appendElems(b, s.data, s.len, size, elem)
		}
	case reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 {
			return nil
		}
		elem := compileEncoder(t.Elem(), seen)
		if elem == nil {
			return nil
		}
		n, size := t.Len(), t.Elem().Size()
		return func(b []byte, p unsafe.Pointer) ([]byte, bool) { return appendElems(b, p, n, size, elem) }
	case reflect.Struct:
		return compileStruct(t, seen)
	}
	return nil // maps, interfaces, chans, funcs, complex numbers: goccy or encoding/json
}

func appendInt[T int | int8 | int16 | int32 | int64](b []byte, p unsafe.Pointer) ([]byte, bool) {
	return strconv.AppendInt(b, int64(*(*T)(p)), 10), true
}

func appendUint[T uint | uint8 | uint16 | uint32 | uint64](b []byte, p unsafe.Pointer) ([]byte, bool) {
	return strconv.AppendUint(b, uint64(*(*T)(p)), 10), true
}

// sliceHeader is the layout of every slice (unsafe.Slice's inverse).
type sliceHeader struct {
	data unsafe.Pointer
	len  int
	cap  int
}

// appendElems writes the n elements of size bytes from data as an array.
func appendElems(b []byte, data unsafe.Pointer, n int, size uintptr, elem encoder) ([]byte, bool) {
	b = append(b, '[')
	for i := range n {
		if i > 0 {
			b = append(b, ',')
		}
		var ok bool
		if b, ok = elem(b, unsafe.Add(data, uintptr(i)*size)); !ok {
			return b, false
		}
	}
	return append(b, ']'), true
}
