package server_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"sort"
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
	})
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
