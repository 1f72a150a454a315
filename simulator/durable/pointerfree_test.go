package durable

import (
	"reflect"
	"testing"
)

// hasPointers reports whether values of t hold anything the collector
// must follow.
func hasPointers(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Struct:
		for i := range t.NumField() {
			if hasPointers(t.Field(i).Type) {
				return true
			}
		}
		return false
	case reflect.Array:
		return t.Len() > 0 && hasPointers(t.Elem())
	case reflect.Pointer, reflect.Slice, reflect.String, reflect.Map, reflect.Chan, reflect.Func, reflect.Interface, reflect.UnsafePointer:
		return true
	}
	return false
}

// A kept record holds no pointer: the collector never scans the history,
// however long (100,000 creates had left 58 MB of it to scan, and 500,000
// objects).
func TestKeptRecordsHoldNoPointers(t *testing.T) {
	if hasPointers(reflect.TypeFor[memRec]()) {
		t.Fatal("memRec holds a pointer: every kept record is scanned by every collection")
	}
	if !hasPointers(reflect.TypeFor[Record]()) {
		t.Fatal("hasPointers misses a Record's pointers")
	}
}
