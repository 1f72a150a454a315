// Package switchboardtest runs a Switchboard simulator inside a Go test. It
// binds 127.0.0.1:0, validates its own responses strictly, and closes when
// the test ends.
//
//	sb := switchboardtest.Start(t)
//	resp := sb.Do(t, "GET", sb.API("llamadapro")+"/api/v1/tasks", nil, switchboardtest.Bearer("k1"))
//	sb.Admin.Advance(t, "k1", time.Hour)
package switchboardtest

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/switchboard-sim/switchboard/simulator/server"
	"github.com/switchboard-sim/switchboard/simulator/vendor"
	"github.com/switchboard-sim/switchboard/simulator/vendors"
)

// Option changes the server's configuration.
type Option func(*server.Config)

// WithSeed sets the fake-data seed.
func WithSeed(seed int64) Option { return func(c *server.Config) { c.Seed = seed } }

// WithVendor replaces the vendor of v's name (or adds v), e.g. to set its
// options: WithVendor(&ringotel.Vendor{Options: ...}).
func WithVendor(v vendor.Vendor) Option {
	return func(c *server.Config) { c.Vendors = vendor.Replace(c.Vendors, v) }
}

// WithConfig edits the whole configuration.
func WithConfig(f func(*server.Config)) Option { return func(c *server.Config) { f(c) } }

// Instance is a running in-process simulator.
type Instance struct {
	Server *server.Server
	// URL is the base URL, e.g. http://127.0.0.1:41234.
	URL string
	// Admin drives the control plane.
	Admin *AdminClient
	// Client is an HTTP client for the test's requests.
	Client *http.Client
}

// Start runs a simulator for the rest of the test. Response validation is
// strict: a response that breaks its own spec becomes a 500.
func Start(t testing.TB, opts ...Option) *Instance {
	t.Helper()
	cfg := server.Config{Addr: "127.0.0.1:0", StrictResponses: true, Vendors: vendors.All()}
	for _, o := range opts {
		o(&cfg)
	}
	srv, err := server.New(cfg)
	if err != nil {
		t.Fatalf("switchboardtest: build server: %v", err)
	}
	if err := srv.Ready(); err != nil {
		t.Fatalf("switchboardtest: start: %v", err)
	}
	if err := srv.Open(); err != nil {
		t.Fatalf("switchboardtest: open: %v", err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	client := &http.Client{Timeout: 60 * time.Second}
	in := &Instance{Server: srv, URL: srv.URL(), Client: client}
	in.Admin = &AdminClient{base: srv.ControlPlaneURL(), client: client}
	return in
}

// API is the base URL of one vendor API, e.g. sb.API("llamadapro").
func (in *Instance) API(name string) string { return in.Server.APIURL(name) }

// Header is a request header for Do.
type Header [2]string

// Bearer is an `Authorization: Bearer <key>` header.
func Bearer(key string) Header { return Header{"Authorization", "Bearer " + key} }

// Response is a fully read HTTP response.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}

// JSON decodes the body into v, failing the test when it is not JSON.
func (r *Response) JSON(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal(r.Body, v); err != nil {
		t.Fatalf("response %d is not JSON (%v): %s", r.Status, err, r.Body)
	}
}

// Map decodes the body as a JSON object.
func (r *Response) Map(t testing.TB) map[string]any {
	t.Helper()
	var m map[string]any
	r.JSON(t, &m)
	return m
}

// Do sends a request. body may be nil, a []byte, a string or any value
// marshalled as JSON (then Content-Type is application/json).
func (in *Instance) Do(t testing.TB, method, url string, body any, headers ...Header) *Response {
	t.Helper()
	return do(t, in.Client, method, url, body, headers...)
}

func do(t testing.TB, client *http.Client, method, url string, body any, headers ...Header) *Response {
	t.Helper()
	var rd io.Reader
	isJSON := false
	switch b := body.(type) {
	case nil:
	case []byte:
		rd = bytes.NewReader(b)
	case string:
		rd = bytes.NewReader([]byte(b))
	default:
		js, err := json.Marshal(b)
		if err != nil {
			t.Fatalf("marshal body: %v", err)
		}
		rd, isJSON = bytes.NewReader(js), true
	}
	req, err := http.NewRequest(method, url, rd)
	if err != nil {
		t.Fatalf("new request: %v", err)
	}
	if isJSON || (rd != nil && method != http.MethodGet) {
		req.Header.Set("Content-Type", "application/json")
	}
	for _, h := range headers {
		req.Header.Set(h[0], h[1])
	}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("read %s %s: %v", method, url, err)
	}
	return &Response{Status: resp.StatusCode, Header: resp.Header, Body: b}
}
