package jsoncodec

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
	jsonv1 "github.com/go-json-experiment/json/v1"
	goccy "github.com/goccy/go-json"

	"github.com/switchboard-sim/switchboard/simulator/internal/cpubench"
	"github.com/switchboard-sim/switchboard/simulator/llamadapro"
)

// BenchmarkMarshal compares, on the busiest response (one task) and on an
// error body, encoding/json, the candidates (goccy/go-json and the v1
// compatibility mode of go-json-experiment, the future encoding/json/v2) and
// Codec (Marshal, and Append into a reused buffer as the gateway calls it).
func BenchmarkMarshal(b *testing.B) {
	now := time.Date(2026, 12, 2, 16, 20, 33, 123456789, time.UTC)
	due := now.Add(time.Hour)
	values := map[string]any{
		"task": llamadapro.Task{ID: "task_123", TenantID: "t1", CreatedAt: now, UpdatedAt: now,
			Objective: "Call back <soon> & then", DueDate: &due, Status: "scheduled"},
		"error": gin.H{"error": gin.H{"code": 404, "message": "task task_9 not found", "details": []any{}}},
	}
	for _, name := range []string{"task", "error"} {
		v := values[name]
		for _, enc := range []struct {
			name string
			fn   func(any) ([]byte, error)
		}{
			{"encoding-json", json.Marshal},
			{"goccy", goccy.Marshal},
			{"jsonv1-experiment", jsonv1.Marshal},
			{"codec", Codec{}.Marshal},
			{"append-reused", appendReused()},
		} {
			b.Run(name+"/"+enc.name, func(b *testing.B) {
				b.ReportAllocs()
				defer cpubench.PerOp(b)()
				for b.Loop() {
					if _, err := enc.fn(v); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// appendReused is Append into one buffer kept across calls, as the gateway
// keeps its response recorder's.
func appendReused() func(any) ([]byte, error) {
	var buf []byte
	return func(v any) ([]byte, error) {
		var err error
		buf, err = Append(buf[:0], v)
		return buf, err
	}
}
