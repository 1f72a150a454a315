package llamadapro_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/switchboard-sim/switchboard/simulator/switchboardtest"
)

// client talks to one tenant of an in-process simulator.
type client struct {
	sb  *switchboardtest.Instance
	key string
}

func newClient(t *testing.T) *client {
	t.Helper()
	return &client{sb: switchboardtest.Start(t), key: "lp-" + strings.ReplaceAll(t.Name(), "/", "-")}
}

func (c *client) do(t *testing.T, method, path string, body any) *switchboardtest.Response {
	t.Helper()
	return c.sb.Do(t, method, c.sb.API("llamadapro")+path, body, switchboardtest.Bearer(c.key))
}

// must sends a request and fails the test unless the status is want.
func (c *client) must(t *testing.T, want int, method, path string, body any) map[string]any {
	t.Helper()
	r := c.do(t, method, path, body)
	if r.Status != want {
		t.Fatalf("%s %s: status %d, want %d: %s", method, path, r.Status, want, r.Body)
	}
	if len(r.Body) == 0 || r.Body[0] != '{' {
		return nil
	}
	return r.Map(t)
}

// fails sends a request that must fail with status and returns the error body,
// checking it names each of fields in details.
func (c *client) fails(t *testing.T, status int, method, path string, body any, fields ...string) map[string]any {
	t.Helper()
	m := c.must(t, status, method, path, body)
	if m["code"] != float64(status) || m["message"] == nil {
		t.Fatalf("error body %v lacks code %d or message", m, status)
	}
	details, _ := m["details"].(map[string]any)
	for _, f := range fields {
		if _, ok := details[f]; !ok {
			t.Errorf("%s %s: details %v do not name %q", method, path, details, f)
		}
	}
	return m
}

func (c *client) advance(t *testing.T, d time.Duration) {
	t.Helper()
	c.sb.Admin.Advance(t, c.key, d)
}

func num(m map[string]any, k string) int64 {
	f, _ := m[k].(float64)
	return int64(f)
}

func list(m map[string]any, k string) []any {
	l, _ := m[k].([]any)
	return l
}

func obj(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

func path(format string, id int64) string {
	return strings.Replace(format, "{}", itoa(id), 1)
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
