package gateway

import (
	"strings"
	"testing"
)

func TestClosestRanksByPathSimilarity(t *testing.T) {
	ops := []operation{
		{method: "GET", path: "/api/v1/tasks", id: "GetTasks"},
		{method: "GET", path: "/api/v1/tasks/{taskId}", id: "GetTask"},
		{method: "POST", path: "/api/v1/tasks", id: "CreateTask"},
		{method: "GET", path: "/api/v1/contacts/{contactId}", id: "GetContact"},
		{method: "GET", path: "/api/v1/calls/{callId}", id: "GetCall"},
	}
	for i := range ops {
		ops[i].segs = segments(ops[i].path)
	}
	got := newIndex(ops).closest("GET", "/api/v1/task/task_123")
	if len(got) != 3 || got[0].Path != "/api/v1/tasks/{taskId}" {
		t.Fatalf("closest = %+v, want 3 with /api/v1/tasks/{taskId} first", got)
	}
	if d := strings.Join(got[0].Differs, "; "); !strings.Contains(d, `"tasks"`) {
		t.Fatalf("differs = %q, want it to name the tasks segment", d)
	}
}

// TestExplanationCostIsBounded: a path of any length or content is clipped
// before it is compared, and the header stays one printable line.
func TestExplanationCostIsBounded(t *testing.T) {
	ops := newIndex([]operation{{method: "GET", path: "/a/{b}", id: "X", segs: segments("/a/{b}")}})
	long := "/" + strings.Repeat(strings.Repeat("x", 5000)+"/", 5000)
	if s := segments(long); len(s) != maxSegments {
		t.Fatalf("segments = %d, want %d", len(s), maxSegments)
	}
	c := ops.closest(strings.Repeat("M", 10000), long)
	if len(c) != 1 {
		t.Fatalf("closest = %d candidates", len(c))
	}
	h := headerValue(didYouMean("G\r\nET", "/é\x00\n"+long, c))
	if len(h) > maxHeaderLen || strings.ContainsAny(h, "\r\n\x00") {
		t.Fatalf("header value %q is not one bounded printable line", h)
	}
	for _, ch := range []byte(h) {
		if ch >= 0x80 {
			t.Fatalf("header value has a non-ASCII byte: %q", h)
		}
	}
}
