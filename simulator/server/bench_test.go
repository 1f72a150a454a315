package server_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/switchboard-sim/switchboard/simulator/internal/cpubench"
	"github.com/switchboard-sim/switchboard/simulator/server"
	"github.com/switchboard-sim/switchboard/simulator/vendors"
)

func benchServer(b *testing.B) http.Handler {
	b.Helper()
	s, err := server.New(server.Config{Vendors: vendors.All()})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = s.Close() })
	return s.Handler()
}

func serveOnce(b *testing.B, h http.Handler, method, url, body string, want int) {
	var rd *strings.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	var req *http.Request
	if rd != nil {
		req = httptest.NewRequest(method, url, rd)
		req.Header.Set("Content-Type", "application/json")
	} else {
		req = httptest.NewRequest(method, url, nil)
	}
	req.Header.Set("Authorization", "Bearer bench")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	if w.Code != want {
		b.Fatalf("%s %s: %d %s", method, url, w.Code, w.Body)
	}
}

// BenchmarkBareHandler is the ceiling: a net/http handler returning a fixed body.
func BenchmarkBareHandler(b *testing.B) {
	body := []byte(`{"id":"task_123","status":"scheduled"}`)
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(body)
	})
	b.ReportAllocs()
	defer cpubench.PerOp(b)()
	for b.Loop() {
		serveOnce(b, h, "GET", "/llamadapro/api/v1/tasks/task_123", "", 200)
	}
}

// BenchmarkValidatedGetTask is the full pipeline: auth, tenant, request and
// response validation against the spec, journal.
func BenchmarkValidatedGetTask(b *testing.B) {
	h := benchServer(b)
	b.ReportAllocs()
	defer cpubench.PerOp(b)()
	for b.Loop() {
		serveOnce(b, h, "GET", "/llamadapro/api/v1/tasks/task_123", "", 200)
	}
}

func BenchmarkValidatedListTasks(b *testing.B) {
	h := benchServer(b)
	b.ReportAllocs()
	defer cpubench.PerOp(b)()
	for b.Loop() {
		serveOnce(b, h, "GET", "/llamadapro/api/v1/tasks?limit=20", "", 200)
	}
}

func BenchmarkValidatedCreateTask(b *testing.B) {
	h := benchServer(b)
	body := `{"context":{"conversationId":1001},"objective":"bench","createdBy":{"id":"u_1","type":"user"},"assignedTo":{"id":"123","type":"user"},"dueDate":"2030-01-01T00:00:00Z"}`
	b.ReportAllocs()
	defer cpubench.PerOp(b)()
	for b.Loop() {
		serveOnce(b, h, "POST", "/llamadapro/api/v1/tasks", body, 200)
	}
}

func BenchmarkRejectedCreateTask(b *testing.B) {
	h := benchServer(b)
	b.ReportAllocs()
	defer cpubench.PerOp(b)()
	for b.Loop() {
		serveOnce(b, h, "POST", "/llamadapro/api/v1/tasks", `{"objective":5}`, 400)
	}
}
