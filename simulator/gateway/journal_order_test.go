package gateway_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/gin-gonic/gin"

	"github.com/switchboard-sim/switchboard/simulator/gateway"
	"github.com/switchboard-sim/switchboard/simulator/journal"
	"github.com/switchboard-sim/switchboard/simulator/tenant"
)

// spyWriter checks, as the first byte of the answer leaves, what the
// journal already holds.
type spyWriter struct {
	*httptest.ResponseRecorder
	j       *journal.Journal
	op      string
	checked bool
	seen    int
}

func (w *spyWriter) check() {
	if !w.checked {
		w.checked = true
		w.seen = len(w.j.Find(journal.Filter{Operation: w.op}))
	}
}

func (w *spyWriter) WriteHeader(code int) { w.check(); w.ResponseRecorder.WriteHeader(code) }

func (w *spyWriter) Write(b []byte) (int, error) { w.check(); return w.ResponseRecorder.Write(b) }

func (w *spyWriter) Flush() { w.check(); w.ResponseRecorder.Flush() }

// TestRequestIsJournalledBeforeItsAnswerLeaves is the regression test for
// journalling after the flush: a client that has its answer (or a stream's
// first event) must find its own request in the journal.
func TestRequestIsJournalledBeforeItsAnswerLeaves(t *testing.T) {
	doc, err := openapi3.NewLoader().LoadFromData([]byte(spec))
	if err != nil || doc.Validate(context.Background()) != nil {
		t.Fatal(err)
	}
	gin.SetMode(gin.ReleaseMode)
	e := gin.New()
	j := journal.New(10)
	api := &fakeAPI{reply: map[string]any{"id": "t1", "name": "n"}}
	deps := &gateway.Deps{Tenants: tenant.NewRegistry(tenant.Options{}), Journal: j}
	if err := gateway.Mount(e.Group("/fake"), api, api.Handlers(), doc, deps); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ op, method, path, body string }{
		{"CreateThing", "POST", "/fake/things", `{"name":"n","size":2}`},
		{"Stream", "GET", "/fake/stream", ""},
	} {
		t.Run(tc.op, func(t *testing.T) {
			req := httptest.NewRequest(tc.method, tc.path, strings.NewReader(tc.body))
			req.Header.Set("X-Key", "k")
			req.Header.Set("Content-Type", "application/json")
			w := &spyWriter{ResponseRecorder: httptest.NewRecorder(), j: j, op: tc.op}
			e.ServeHTTP(w, req)
			if w.Code != http.StatusOK || !w.checked {
				t.Fatalf("status %d, body %s", w.Code, w.Body)
			}
			if w.seen != 1 {
				t.Fatalf("journal held %d entries for %s when the answer started, want 1", w.seen, tc.op)
			}
			got := j.Find(journal.Filter{Operation: tc.op})
			if len(got) != 1 || got[0].Status != 200 || got[0].ResponseBody == "" {
				t.Fatalf("completed entry %+v", got)
			}
		})
	}
}
