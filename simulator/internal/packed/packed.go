// Package packed holds what the pointer-free stores (the in-memory write
// history, the journal) share: a table that names a time's location with a
// small number, and a check that a packed type holds no pointer.
package packed

import (
	"reflect"
	"time"
)

// Locations numbers the time locations a store has seen: 0 is UTC (every
// tenant clock), so the table stays empty unless a caller brings another.
// Not safe for concurrent use; its store's lock guards it.
type Locations struct{ locs []*time.Location }

// Index is loc's number, added when new.
func (l *Locations) Index(loc *time.Location) uint16 {
	if loc == time.UTC {
		return 0
	}
	for i, have := range l.locs {
		if have == loc {
			return uint16(i + 1)
		}
	}
	if len(l.locs) == 1<<16-1 {
		return 0 // not reached by any clock of this simulator
	}
	l.locs = append(l.locs, loc)
	return uint16(len(l.locs))
}

// In is t in the location numbered i.
func (l *Locations) In(t time.Time, i uint16) time.Time {
	if i == 0 {
		return t
	}
	return t.In(l.locs[i-1])
}

// HasPointers reports whether values of t hold anything the collector must
// follow: the pointer-free stores' tests check their packed types with it.
func HasPointers(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Struct:
		for i := range t.NumField() {
			if HasPointers(t.Field(i).Type) {
				return true
			}
		}
		return false
	case reflect.Array:
		return t.Len() > 0 && HasPointers(t.Elem())
	case reflect.Pointer, reflect.Slice, reflect.String, reflect.Map, reflect.Chan, reflect.Func, reflect.Interface, reflect.UnsafePointer:
		return true
	}
	return false
}
