package journal

import (
	"reflect"
	"testing"

	"github.com/switchboard-sim/switchboard/simulator/internal/packed"
)

// A held entry holds no pointer: the collector never scans the journal,
// however full (a full journal had left 2.5 MB of it to scan, and 20,000
// objects).
func TestHeldEntriesHoldNoPointers(t *testing.T) {
	if packed.HasPointers(reflect.TypeFor[slot]()) {
		t.Fatal("slot holds a pointer: every held entry is scanned by every collection")
	}
	if !packed.HasPointers(reflect.TypeFor[Entry]()) {
		t.Fatal("hasPointers misses an Entry's pointers")
	}
}
