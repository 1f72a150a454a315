package journal

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

// A held entry holds no pointer: the collector never scans the journal,
// however full (a full journal had left 2.5 MB of it to scan, and 20,000
// objects).
func TestHeldEntriesHoldNoPointers(t *testing.T) {
	if hasPointers(reflect.TypeFor[slot]()) {
		t.Fatal("slot holds a pointer: every held entry is scanned by every collection")
	}
	if !hasPointers(reflect.TypeFor[Entry]()) {
		t.Fatal("hasPointers misses an Entry's pointers")
	}
}
