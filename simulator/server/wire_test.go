package server_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"

	"github.com/switchboard-sim/switchboard/simulator/server"
	"github.com/switchboard-sim/switchboard/simulator/vendors"
)

// Every buffered answer leaves with its length declared and unchunked: a
// short one measured by net/http, a long one (over its 2 KB chunking
// buffer) declared by the gateway.
func TestBufferedAnswersDeclareTheirLength(t *testing.T) {
	s, err := server.New(server.Config{Vendors: vendors.All()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	for _, tc := range []struct {
		path     string
		longerKB bool
	}{
		{"/llamadapro/api/v1/tasks/task_123", false},
		{"/llamadapro/api/v1/tasks/task_nope", false},
		{"/llamadapro/api/v1/tasks?limit=50", true},
	} {
		req, _ := http.NewRequest(http.MethodGet, ts.URL+tc.path, nil)
		req.Header.Set("Authorization", "Bearer wire")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(resp.Body)
		_ = resp.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		if len(resp.TransferEncoding) != 0 {
			t.Errorf("%s: sent %v, want a declared length", tc.path, resp.TransferEncoding)
		}
		if got := resp.Header.Get("Content-Length"); got != strconv.Itoa(len(body)) {
			t.Errorf("%s: Content-Length %q for a %d-byte body", tc.path, got, len(body))
		}
		if tc.longerKB != (len(body) > 2048) {
			t.Errorf("%s: a %d-byte body does not test what it should", tc.path, len(body))
		}
	}
}
