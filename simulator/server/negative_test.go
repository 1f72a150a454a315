package server_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/switchboard-sim/switchboard/openapi"
	"github.com/switchboard-sim/switchboard/simulator/switchboardtest"
	"github.com/switchboard-sim/switchboard/simulator/vendor"
	"github.com/switchboard-sim/switchboard/simulator/vendors"
)

type negCase struct {
	name, contentType string
	body              []byte
	want4xx           bool // false: any non-5xx answer in the vendor's shape is fine
}

// TestNoOperationAnswersBadInputWithA5xx sends every operation of every
// vendor spec malformed JSON, wrong types, a missing required field, an
// unknown enum value, an oversized body and a wrong content type. None may
// get a 5xx, and each answer must be a JSON (or vendor) error body.
func TestNoOperationAnswersBadInputWithA5xx(t *testing.T) {
	sb := switchboardtest.Start(t)
	client := &http.Client{}
	okErrors := map[string]bool{}
	for _, v := range vendors.All() {
		name, probe := v.Name(), vendor.ProbeOf(v)
		okErrors[name] = probe.ErrorsAnswerOK
		spec, err := openapi.Load(name)
		if err != nil {
			t.Fatal(err)
		}
		paths := spec.Doc.Paths.InMatchingOrder()
		sort.Strings(paths)
		for _, p := range paths {
			item := spec.Doc.Paths.Value(p)
			for method, op := range item.Operations() {
				target := sb.API(name) + fillPath(p, append(item.Parameters, op.Parameters...))
				for _, nc := range negativeCases(op) {
					t.Run(fmt.Sprintf("%s/%s/%s", name, op.OperationID, nc.name), func(t *testing.T) {
						req, _ := http.NewRequest(method, target, bytes.NewReader(nc.body))
						if nc.contentType != "" {
							req.Header.Set("Content-Type", nc.contentType)
						}
						probe.Authorize(req, "neg-key")
						resp, err := client.Do(req)
						if err != nil {
							t.Fatalf("%s %s: %v", method, target, err)
						}
						b, _ := io.ReadAll(resp.Body)
						resp.Body.Close()
						if resp.StatusCode >= 500 {
							t.Fatalf("%s %s (%s): %d %s", method, target, nc.name, resp.StatusCode, b)
						}
						if nc.want4xx && resp.StatusCode < 400 && !bytes.Contains(b, []byte(`"error`)) {
							t.Fatalf("%s %s (%s): %d %s, want a 4xx or the vendor's error envelope", method, target, nc.name, resp.StatusCode, b)
						}
					})
				}
			}
		}
	}
	// Nothing was half-applied: no bad request was acknowledged as a write,
	// in any tenant the requests reached. (A vendor whose refusals answer 200
	// with its error envelope, Probe.ErrorsAnswerOK, records them like
	// writes, so this check skips it.)
	var tenants struct {
		Tenants []struct {
			ID string `json:"id"`
		} `json:"tenants"`
	}
	sb.Admin.Do(t, "GET", "/tenants", nil).JSON(t, &tenants)
	if len(tenants.Tenants) == 0 {
		t.Fatal("no tenant was reached: the probes never got past authentication")
	}
	for _, tn := range tenants.Tenants {
		var snap struct {
			Records []struct {
				Method string `json:"method"`
				Target string `json:"target"`
			} `json:"records"`
		}
		sb.Admin.Do(t, "POST", "/snapshot?tenant="+url.QueryEscape(tn.ID), nil).JSON(t, &snap)
		for _, r := range snap.Records {
			api, _, _ := strings.Cut(strings.TrimPrefix(r.Target, "/"), "/")
			if !okErrors[api] {
				t.Errorf("a bad request was acknowledged as a write: %s %s", r.Method, r.Target)
			}
		}
	}
}

func negativeCases(op *openapi3.Operation) []negCase {
	var out []negCase
	if op.RequestBody == nil || op.RequestBody.Value == nil {
		return out
	}
	limit := 1 << 20
	if v, ok := op.Extensions["x-max-body-bytes"].(float64); ok {
		limit = int(v)
	}
	out = append(out, negCase{name: "oversized", contentType: "application/json", body: bytes.Repeat([]byte(" "), limit+1024), want4xx: true})
	mt := op.RequestBody.Value.Content.Get("application/json")
	if mt == nil || mt.Schema == nil || mt.Schema.Value == nil {
		return out
	}
	out = append(out,
		negCase{name: "malformed-json", contentType: "application/json", body: []byte(`{"unterminated`), want4xx: true},
		negCase{name: "wrong-content-type", contentType: "text/plain", body: []byte(`hello`), want4xx: true},
		negCase{name: "not-an-object", contentType: "application/json", body: []byte(`[1,2,3]`), want4xx: true},
	)
	s := mt.Schema.Value
	if len(s.Required) > 0 {
		out = append(out, negCase{name: "missing-required", contentType: "application/json", body: []byte(`{}`), want4xx: true})
	}
	names := make([]string, 0, len(s.Properties))
	for n := range s.Properties {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		ps := s.Properties[n].Value
		if ps == nil || ps.Type == nil || len(ps.Type.Slice()) == 0 {
			continue // an untyped property accepts any value: there is no wrong type to send
		}
		wrong := map[string]any{n: wrongValue(ps)}
		b, _ := json.Marshal(wrong)
		out = append(out, negCase{name: "wrong-type-" + n, contentType: "application/json", body: b})
		if len(ps.Enum) > 0 {
			b, _ := json.Marshal(map[string]any{n: "no-such-enum-value"})
			out = append(out, negCase{name: "unknown-enum-" + n, contentType: "application/json", body: b})
		}
	}
	return out
}

// wrongValue is a value of a type the schema does not allow.
func wrongValue(s *openapi3.Schema) any {
	if s.Type != nil && (s.Type.Is("string")) {
		return map[string]any{"not": "a string"}
	}
	return "not-" + strings.Join(typeNames(s), "-")
}

func typeNames(s *openapi3.Schema) []string {
	if s.Type == nil {
		return []string{"any"}
	}
	return s.Type.Slice()
}

// fillPath puts each path parameter's example (or a plausible id) in place.
func fillPath(p string, params openapi3.Parameters) string {
	for _, pr := range params {
		if pr.Value == nil || pr.Value.In != "path" {
			continue
		}
		v := "1"
		if pr.Value.Example != nil {
			v = fmt.Sprint(pr.Value.Example)
		} else if pr.Value.Schema != nil && pr.Value.Schema.Value != nil && pr.Value.Schema.Value.Example != nil {
			v = fmt.Sprint(pr.Value.Schema.Value.Example)
		}
		p = strings.ReplaceAll(p, "{"+pr.Value.Name+"}", url.PathEscape(v))
	}
	return p
}
