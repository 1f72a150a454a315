package durable

import (
	"reflect"
	"testing"

	"github.com/switchboard-sim/switchboard/simulator/internal/packed"
)

// A kept record holds no pointer: the collector never scans the history,
// however long (100,000 creates had left 58 MB of it to scan, and 500,000
// objects).
func TestKeptRecordsHoldNoPointers(t *testing.T) {
	if packed.HasPointers(reflect.TypeFor[memRec]()) {
		t.Fatal("memRec holds a pointer: every kept record is scanned by every collection")
	}
	if !packed.HasPointers(reflect.TypeFor[Record]()) {
		t.Fatal("hasPointers misses a Record's pointers")
	}
}
