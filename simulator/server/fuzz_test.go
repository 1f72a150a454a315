package server_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/switchboard-sim/switchboard/openapi"
	"github.com/switchboard-sim/switchboard/simulator/server"
	"github.com/switchboard-sim/switchboard/simulator/vendor"
	"github.com/switchboard-sim/switchboard/simulator/vendors"
)

type fuzzOp struct {
	api, method, path string
	example           []byte
	authorize         func(*http.Request, string)
}

// FuzzAPI fuzzes the vendors' request decoding: for a chosen operation, an
// arbitrary body and query string go through the whole pipeline (auth,
// validation, handler). No input may produce a 5xx or a panic. With
// $SWITCHBOARD_FUZZ_API set it fuzzes that vendor only (.ci/run fuzzes
// each of vendors.All in turn); plain `go test` runs every vendor's seeds.
func FuzzAPI(f *testing.F) {
	list := vendors.All()
	pick := list
	if api := os.Getenv("SWITCHBOARD_FUZZ_API"); api != "" {
		v := vendor.Find(list, api)
		if v == nil {
			f.Fatalf("SWITCHBOARD_FUZZ_API=%q is not one of %v", api, vendor.Names(list))
		}
		pick = []vendor.Vendor{v}
	}
	var ops []fuzzOp
	for _, v := range pick {
		ops = append(ops, fuzzOps(f, v)...)
	}
	if len(ops) == 0 {
		f.Skip("no operations")
	}
	s, err := server.New(server.Config{Vendors: list})
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { _ = s.Close() })
	h := s.Handler()
	for i, op := range ops {
		f.Add(uint16(i), op.example, "")
		f.Add(uint16(i), []byte(`{"a":[1,{"b":null}],"c":"\u0000"}`), "limit=-1&page=x")
	}
	f.Fuzz(func(t *testing.T, pick uint16, body []byte, query string) {
		op := ops[int(pick)%len(ops)]
		req := httptest.NewRequest(op.method, "/"+op.api+op.path, bytes.NewReader(body))
		req.URL.RawQuery = query
		req.Header.Set("Content-Type", "application/json")
		op.authorize(req, "neg-key")
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if w.Code >= 500 && w.Code != http.StatusServiceUnavailable {
			t.Fatalf("%s /%s%s?%s body %q: %d %s", op.method, op.api, op.path, query, body, w.Code, w.Body)
		}
		checkExplained(t, w)
	})
}

// checkExplained: with explanations on (always), every 400, 401, 403, 404
// and 405 carries one in its header, and never in the vendor's body.
func checkExplained(t *testing.T, w *httptest.ResponseRecorder) {
	t.Helper()
	switch w.Code {
	case 400, 401, 403, 404, 405:
		x := w.Header().Get("X-Switchboard-Explain")
		if x == "" {
			t.Fatalf("a %d without an explanation: %s", w.Code, w.Body)
		}
		if len(x) > 40 && bytes.Contains(w.Body.Bytes(), []byte(x)) {
			t.Fatalf("the explanation leaked into the vendor's body: %s", w.Body)
		}
	}
}

// FuzzUnknownPaths sends arbitrary methods and paths under every API
// prefix: the near-miss ranking runs on each, and must neither fail the
// request nor take it past a 4xx.
func FuzzUnknownPaths(f *testing.F) {
	list := vendors.All()
	s, err := server.New(server.Config{Vendors: list})
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { _ = s.Close() })
	h := s.Handler()
	f.Add(uint8(0), "GET", "/api/v1/task/task_123")
	f.Add(uint8(1), "DELETE", "/api/v1/tasks")
	f.Add(uint8(2), "PATCH", "/clientweb/api/v1/chats/%7Bx%7D/events/../../")
	f.Add(uint8(3), "GET", "//////{}/{a}/"+strings.Repeat("x/", 300))
	f.Fuzz(func(t *testing.T, pick uint8, method, path string) {
		if !validMethod(method) {
			return
		}
		v := list[int(pick)%len(list)]
		req, err := http.NewRequest(method, "http://127.0.0.1/"+v.Name()+"/"+strings.TrimLeft(path, "/"), nil)
		if err != nil {
			return
		}
		vendor.ProbeOf(v).Authorize(req, "neg-key")
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if w.Code >= 500 && w.Code != http.StatusServiceUnavailable {
			t.Fatalf("%s %s: %d %s", method, path, w.Code, w.Body)
		}
		checkExplained(t, w)
	})
}

func validMethod(m string) bool {
	if m == "" || len(m) > 16 {
		return false
	}
	for _, c := range m {
		if c < 'A' || c > 'Z' {
			return false
		}
	}
	return true
}

// fuzzOps lists a vendor's spec operations, in a fixed order.
func fuzzOps(f *testing.F, v vendor.Vendor) []fuzzOp {
	spec, err := openapi.Load(v.Name())
	if err != nil {
		f.Fatal(err)
	}
	authorize := vendor.ProbeOf(v).Authorize
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
			ops = append(ops, fuzzOp{api: v.Name(), method: m, path: fillPath(p, append(item.Parameters, op.Parameters...)), example: bodyExample(op), authorize: authorize})
		}
	}
	return ops
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
