package switchboardtest

import (
	"strings"
	"testing"
)

// ExplainHeader is the response header with Switchboard's one-line
// near-miss explanation of a 400, 401, 403, 404 or 405.
const ExplainHeader = "X-Switchboard-Explain"

// Explanation is the near-miss explanation of r: what Switchboard thinks
// went wrong (the closest operations to an unknown path, the credential it
// expected, the rule a field broke). Empty when the answer has none.
func (r *Response) Explanation() string {
	var parts []string
	for _, h := range []string{ExplainHeader, "X-Switchboard-Violations"} {
		if v := r.Header.Get(h); v != "" {
			parts = append(parts, h+": "+v)
		}
	}
	return strings.Join(parts, "\n")
}

// Expect fails the test when r's status is not want, with the status, the
// body and Switchboard's near-miss explanation of the request:
//
//	r := sb.Do(t, "GET", sb.API("llamadapro")+"/api/v1/task/task_123", nil, switchboardtest.Bearer("k1"))
//	r.Expect(t, 200)
//	// --- FAIL: got 404, want 200: {...}
//	// X-Switchboard-Explain: no operation at GET /api/v1/task/task_123; did you mean GET /api/v1/tasks/{taskId}?
func (r *Response) Expect(t testing.TB, want int) {
	t.Helper()
	if r.Status == want {
		return
	}
	msg := r.Explanation()
	if msg == "" {
		msg = "(no explanation: Switchboard explains 400, 401, 403, 404 and 405 answers)"
	}
	t.Fatalf("got %d, want %d: %s\n%s", r.Status, want, capBody(r.Body), msg)
}

func capBody(b []byte) string {
	if len(b) > 2048 {
		return string(b[:2048]) + "..."
	}
	return string(b)
}
