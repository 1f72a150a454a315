package gateway

import (
	"strings"
	"testing"

	"github.com/switchboard-sim/switchboard/openapi"
)

// BenchmarkClosest is the near-miss ranking of an unknown path against the
// largest vendor spec, and against a hostile path (clipped).
func BenchmarkClosest(b *testing.B) {
	spec, err := openapi.Load("llamadapro")
	if err != nil {
		b.Fatal(err)
	}
	ops := operations(spec.Doc, nil)
	b.Logf("%d operations, %d keys", len(ops.ops), len(ops.vocab))
	for _, tc := range []struct{ name, path string }{
		{"typo", "/api/v1/task/task_123"},
		{"hostile", "/" + strings.Repeat(strings.Repeat("y", 300)+"/", 300)},
	} {
		b.Run(tc.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				ops.closest("GET", tc.path)
			}
		})
	}
}
