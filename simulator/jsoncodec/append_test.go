package jsoncodec

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/switchboard-sim/switchboard/simulator/llamadapro"
)

// TestAppendMatchesEncodingJSON: Append after existing bytes gives them
// followed by encoding/json's, and on error encoding/json's error with the
// prefix as it was, whatever route each case takes.
func TestAppendMatchesEncodingJSON(t *testing.T) {
	prefix := []byte("HTTP/1.1 200 OK\r\n\r\n")
	for name, v := range cases() {
		t.Run(name, func(t *testing.T) {
			want, werr := json.Marshal(v)
			for _, spare := range []int{0, 4096} {
				b := append(make([]byte, 0, len(prefix)+spare), prefix...)
				got, gerr := Append(b, v)
				if fmt.Sprint(gerr) != fmt.Sprint(werr) {
					t.Fatalf("spare %d: err %v, want %v", spare, gerr, werr)
				}
				if werr != nil {
					want = nil
				}
				if !bytes.Equal(got, append(prefix[:len(prefix):len(prefix)], want...)) {
					t.Errorf("spare %d:\n got %q\nwant %q + %q", spare, got, prefix, want)
				}
			}
		})
	}
}

func sampleTask() llamadapro.Task {
	now := time.Date(2026, 12, 2, 16, 20, 33, 123456789, time.UTC)
	due := now.Add(time.Hour)
	reason := "no <answer>"
	return llamadapro.Task{ID: "task_123", TenantID: "t1", CreatedAt: now, UpdatedAt: now,
		Context:   llamadapro.TaskContext{ConversationID: 42},
		Objective: "Call back <soon> & then", CreatedBy: llamadapro.Party{ID: "u1", Type: "agent"},
		PublishedAt: &now, DueDate: &due, CancelledAt: &due, CancellationReason: &reason, Status: "cancelled"}
}

// TestAppendTaskByValueAndPointer: a Task gives the same bytes however it is
// passed, including a nil *Task (null).
func TestAppendTaskByValueAndPointer(t *testing.T) {
	task := sampleTask()
	for name, v := range map[string]any{
		"value": task, "pointer": &task, "nil pointer": (*llamadapro.Task)(nil),
		"page": llamadapro.TaskPage{Items: []llamadapro.Task{task, {}}}, "in gin.H": gin.H{"task": &task},
	} {
		t.Run(name, func(t *testing.T) {
			want, _ := json.Marshal(v)
			got, err := Append([]byte("x"), v)
			if err != nil || string(got) != "x"+string(want) {
				t.Errorf("Append = %s (err %v), want x%s", got, err, want)
			}
		})
	}
}

// TestAppendHotValuesDoNotAllocate keeps the gateway's path allocation-free:
// a Task by value or pointer, and an error gin.H, into a reused buffer.
func TestAppendHotValuesDoNotAllocate(t *testing.T) {
	task := sampleTask()
	for name, v := range map[string]any{
		"task":     task,
		"task ptr": &task,
		"error":    gin.H{"error": gin.H{"code": 404, "message": "task task_9 not found", "details": []any{}}},
		"floats":   gin.H{"f": 1.5, "n": int64(-3), "ok": true, "s": []any{"a", nil}},
	} {
		t.Run(name, func(t *testing.T) {
			buf := make([]byte, 0, 4096)
			if n := testing.AllocsPerRun(100, func() { buf, _ = Append(buf[:0], v) }); n != 0 {
				t.Errorf("%v allocations per Append, want 0", n)
			}
		})
	}
}

// TestBoxedByPointer pins the runtime's interface layout that dataOf relies
// on: only pointer-shaped types are held in the data word itself.
func TestBoxedByPointer(t *testing.T) {
	for _, c := range []struct {
		v    any
		want bool
	}{
		{0, true}, {"", true}, {struct{}{}, true}, {llamadapro.Task{}, true}, {[2]*int{}, true},
		{struct{ A, B *int }{}, true}, {time.Time{}, true},
		{(*int)(nil), false}, {struct{ P *int }{}, false}, {[1]*int{}, false},
		{struct{ S struct{ P *int } }{}, false}, {map[string]int(nil), false},
	} {
		if got := boxedByPointer(reflect.TypeOf(c.v)); got != c.want {
			t.Errorf("boxedByPointer(%T) = %v, want %v", c.v, got, c.want)
		}
	}
}
