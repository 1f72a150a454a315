package server_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sort"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/switchboard-sim/switchboard/openapi"
	"github.com/switchboard-sim/switchboard/simulator/server"
	"github.com/switchboard-sim/switchboard/simulator/vendors"
)

type fuzzOp struct {
	method, path string
	example      []byte
}

// fuzzTarget fuzzes one API's request decoding: for a chosen operation, an
// arbitrary body and query string go through the whole pipeline (auth,
// validation, handler). No input may produce a 5xx or a panic.
func fuzzTarget(f *testing.F, api string) {
	spec, err := openapi.Load(api)
	if err != nil {
		f.Fatal(err)
	}
	var ops []fuzzOp
	paths := spec.Doc.Paths.InMatchingOrder()
	sort.Strings(paths)
	for _, p := range paths {
		item := spec.Doc.Paths.Value(p)
		methods := make([]string, 0)
		for m := range item.Operations() {
			methods = append(methods, m)
		}
		sort.Strings(methods)
		for _, m := range methods {
			op := item.GetOperation(m)
			ops = append(ops, fuzzOp{method: m, path: fillPath(p, append(item.Parameters, op.Parameters...)), example: bodyExample(op)})
		}
	}
	if len(ops) == 0 {
		f.Skip("no operations")
	}
	s, err := server.New(server.Config{Vendors: vendors.All()})
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { _ = s.Close() })
	h := s.Handler()
	for i, op := range ops {
		f.Add(uint8(i), op.example, "")
		f.Add(uint8(i), []byte(`{"a":[1,{"b":null}],"c":"\u0000"}`), "limit=-1&page=x")
	}
	f.Fuzz(func(t *testing.T, pick uint8, body []byte, query string) {
		op := ops[int(pick)%len(ops)]
		req := httptest.NewRequest(op.method, "/"+api+op.path, bytes.NewReader(body))
		req.URL.RawQuery = query
		req.Header.Set("Content-Type", "application/json")
		if auth := credentials[api]; auth != nil {
			auth(req)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if w.Code >= 500 && w.Code != http.StatusServiceUnavailable {
			t.Fatalf("%s %s?%s body %q: %d %s", op.method, op.path, query, body, w.Code, w.Body)
		}
	})
}

func bodyExample(op *openapi3.Operation) []byte {
	if op.RequestBody == nil || op.RequestBody.Value == nil {
		return nil
	}
	for _, mt := range op.RequestBody.Value.Content {
		if mt.Example != nil {
			b, _ := json.Marshal(mt.Example)
			return b
		}
	}
	return []byte(`{}`)
}

func FuzzLlamadapro(f *testing.F)    { fuzzTarget(f, "llamadapro") }
func FuzzRingotel(f *testing.F)      { fuzzTarget(f, "ringotel") }
func FuzzBrightpattern(f *testing.F) { fuzzTarget(f, "brightpattern") }
func FuzzMaiagent(f *testing.F)      { fuzzTarget(f, "maiagent") }
func FuzzAicc(f *testing.F)          { fuzzTarget(f, "aicc") }
