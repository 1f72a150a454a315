package gateway_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/gin-gonic/gin"

	"github.com/switchboard-sim/switchboard/simulator/contract"
	"github.com/switchboard-sim/switchboard/simulator/errs"
	"github.com/switchboard-sim/switchboard/simulator/gateway"
	"github.com/switchboard-sim/switchboard/simulator/journal"
	"github.com/switchboard-sim/switchboard/simulator/tenant"
)

const spec = `
openapi: 3.0.3
info: {title: fake, version: '1'}
servers: [{url: /fake}]
paths:
  /things:
    post:
      operationId: CreateThing
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [name, size]
              properties:
                name: {type: string}
                size: {type: integer, minimum: 1}
                kind: {type: string, enum: [a, b]}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {type: object, required: [id], properties: {id: {type: string}}}
        '400': {description: bad, content: {application/json: {schema: {type: object}}}}
  /flags:
    post:
      operationId: SetFlags
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              additionalProperties: false
              required: [on]
              properties:
                on: {type: boolean}
                count: {type: integer}
      responses:
        '200': {description: ok, content: {application/json: {schema: {type: object}}}}
        '400': {description: bad, content: {application/json: {schema: {type: object}}}}
  /boom:
    post:
      operationId: Boom
      responses:
        '200': {description: ok, content: {application/json: {schema: {type: object}}}}
  /stream:
    get:
      operationId: Stream
      responses:
        '200': {description: events, content: {text/event-stream: {schema: {type: string}}}}
`

type fakeAPI struct{ reply any }

func (f *fakeAPI) Name() string { return "fake" }
func (f *fakeAPI) Authenticate(c *gin.Context) (string, error) {
	if k := c.GetHeader("X-Key"); k != "" {
		return k, nil
	}
	return "", errs.New(errs.Unauthorized, "no key")
}
func (f *fakeAPI) WriteError(c *gin.Context, e *errs.Error) {
	c.JSON(gateway.Status(e.Code), gin.H{"oops": e.Message, "fields": e.Fields})
}
func (f *fakeAPI) Handlers() map[string]gin.HandlerFunc {
	return map[string]gin.HandlerFunc{
		"CreateThing": func(c *gin.Context) { c.JSON(200, f.reply) },
		"SetFlags": func(c *gin.Context) {
			var v map[string]any
			_ = json.Unmarshal(gateway.Body(c), &v)
			c.JSON(200, v)
		},
		"Boom": func(c *gin.Context) {
			c.JSON(200, gin.H{"half": "written"})
			panic("boom")
		},
		"Stream": func(c *gin.Context) {
			c.Header("Content-Type", "text/event-stream")
			c.Status(200)
			for i := 0; i < 3; i++ {
				_, _ = c.Writer.WriteString("data: {}\n\n")
				c.Writer.Flush()
			}
		},
	}
}

func mount(t *testing.T, api *fakeAPI, strict bool) (*httptest.Server, *journal.Journal) {
	return mountWith(t, api, &gateway.Deps{StrictResponses: strict})
}

func mountWith(t *testing.T, api *fakeAPI, deps *gateway.Deps) (*httptest.Server, *journal.Journal) {
	t.Helper()
	return mountSpec(t, spec, "/fake", api, api.Handlers(), deps)
}

// mountSpec serves api's handlers for specYAML under prefix, with a fresh
// registry and a journal of 10 in deps.
func mountSpec(t *testing.T, specYAML, prefix string, api gateway.API, handlers map[string]gin.HandlerFunc, deps *gateway.Deps) (*httptest.Server, *journal.Journal) {
	t.Helper()
	doc, err := openapi3.NewLoader().LoadFromData([]byte(specYAML))
	if err != nil {
		t.Fatal(err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatal(err)
	}
	gin.SetMode(gin.ReleaseMode)
	e := gin.New()
	j := journal.New(10)
	deps.Tenants, deps.Journal = tenant.NewRegistry(tenant.Options{}), j
	if err := gateway.Mount(e.Group(prefix), api, handlers, doc, deps); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(e)
	t.Cleanup(srv.Close)
	return srv, j
}

func post(t *testing.T, url, body string) (int, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest("POST", url, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Key", "k")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var m map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&m)
	return resp.StatusCode, m
}

func TestRequestValidationNamesEveryWrongField(t *testing.T) {
	srv, j := mount(t, &fakeAPI{reply: map[string]any{"id": "1"}}, true)
	status, body := post(t, srv.URL+"/fake/things", `{"size": 0, "kind": "z"}`)
	if status != 400 {
		t.Fatalf("status %d, want 400", status)
	}
	got := map[string]bool{}
	for _, f := range body["fields"].([]any) {
		got[f.(map[string]any)["field"].(string)] = true
	}
	for _, want := range []string{"name", "size", "kind"} {
		if !got[want] {
			t.Errorf("violation for %q missing; got %v", want, got)
		}
	}
	if e := j.Find(journal.Filter{}); len(e) != 1 || len(e[0].Violations) != 3 || e[0].Operation != "CreateThing" {
		t.Fatalf("journal %+v", e)
	}
}

func TestStrictResponsesTurnAContractBreakIntoA500(t *testing.T) {
	bad := &fakeAPI{reply: map[string]any{"id": 7}}
	srv, _ := mount(t, bad, true)
	status, body := post(t, srv.URL+"/fake/things", `{"name":"x","size":1}`)
	if diag := diagnostic(t, status, body, 500, gateway.DiagResponseContract); diag["operation"] != "CreateThing" || diag["status"] != float64(200) {
		t.Fatalf("strict: %d %v", status, body)
	}

	lenient, _ := mount(t, bad, false)
	status, body = post(t, lenient.URL+"/fake/things", `{"name":"x","size":1}`)
	if status != 200 || body["id"] != float64(7) {
		t.Fatalf("non-strict should pass the response through: %d %v", status, body)
	}
}

func TestAuthFailureComesBeforeValidation(t *testing.T) {
	srv, _ := mount(t, &fakeAPI{reply: map[string]any{"id": "1"}}, true)
	resp, err := http.Post(srv.URL+"/fake/things", "application/json", strings.NewReader(`{}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 401 {
		t.Fatalf("status %d, want 401", resp.StatusCode)
	}
}

func TestEventStreamsPassThroughUnbuffered(t *testing.T) {
	srv, j := mount(t, &fakeAPI{}, true)
	req, _ := http.NewRequest("GET", srv.URL+"/fake/stream", nil)
	req.Header.Set("X-Key", "k")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	buf := new(strings.Builder)
	_, _ = bufioCopy(buf, resp)
	if resp.Header.Get("Content-Type") != "text/event-stream" || strings.Count(buf.String(), "data: {}") != 3 {
		t.Fatalf("stream: %q %q", resp.Header.Get("Content-Type"), buf.String())
	}
	if e := j.Find(journal.Filter{Operation: "Stream"}); len(e) != 1 || !strings.Contains(e[0].ResponseBody, "data: {}") {
		t.Fatalf("journal did not keep a copy of the stream: %+v", e)
	}
}

func TestMountRefusesASpecWithoutHandlers(t *testing.T) {
	doc, _ := openapi3.NewLoader().LoadFromData([]byte(spec))
	api := &fakeAPI{}
	h := api.Handlers()
	delete(h, "Stream")
	h["Orphan"] = func(*gin.Context) {}
	err := gateway.Mount(gin.New(), api, h, doc, &gateway.Deps{})
	if err == nil || !strings.Contains(err.Error(), "Stream") || !strings.Contains(err.Error(), "Orphan") {
		t.Fatalf("Mount error %v, want it to name Stream and Orphan", err)
	}
}

func bufioCopy(w *strings.Builder, resp *http.Response) (int64, error) {
	b := make([]byte, 4096)
	var n int64
	for {
		k, err := resp.Body.Read(b)
		w.Write(b[:k])
		n += int64(k)
		if err != nil {
			return n, nil
		}
	}
}

func TestValidationCacheNeverHidesADifferentInvalidResponse(t *testing.T) {
	api := &fakeAPI{reply: map[string]any{"id": "1"}}
	srv, _ := mount(t, api, true)
	for i := 0; i < 3; i++ {
		if status, _ := post(t, srv.URL+"/fake/things", `{"name":"x","size":1}`); status != 200 {
			t.Fatalf("valid reply %d: status %d", i, status)
		}
	}
	api.reply = map[string]any{"id": 1}
	if status, body := post(t, srv.URL+"/fake/things", `{"name":"x","size":1}`); status != 500 {
		t.Fatalf("an invalid reply after cached valid ones: %d %v", status, body)
	}
}

func TestLenientServesRecoverableViolationsAndRecordsThem(t *testing.T) {
	rec := contract.New(0)
	srv, _ := mountWith(t, &fakeAPI{}, &gateway.Deps{StrictResponses: true, Lenient: true, Contract: rec})
	status, body := post(t, srv.URL+"/fake/flags", `{"on":"true","count":"3","colour":"red"}`)
	if status != 200 || body["on"] != true || body["count"] != float64(3) || body["colour"] != nil {
		t.Fatalf("lenient: %d %v, want the fixed body served", status, body)
	}
	rep := rec.Report(contract.Filter{})
	if rep.Count != 3 || !rep.Violations[0].Served {
		t.Fatalf("violations %+v, want 3 recorded as served", rep.Violations)
	}
	for _, bad := range []string{`{"count":1}`, `{"on":"yes"}`, `{"on":true,"count":"many"}`} {
		if status, _ := post(t, srv.URL+"/fake/flags", bad); status != 400 {
			t.Errorf("%s: %d, want 400 (not recoverable)", bad, status)
		}
	}
	strict, _ := mount(t, &fakeAPI{}, true)
	if status, _ := post(t, strict.URL+"/fake/flags", `{"on":"true"}`); status != 400 {
		t.Fatalf("without --lenient: %d, want 400", status)
	}
}

// diagnostic reads a class (c) answer: the simulator's own failure.
func diagnostic(t *testing.T, status int, body map[string]any, wantStatus int, wantKind string) map[string]any {
	t.Helper()
	d, _ := body["switchboardError"].(map[string]any)
	if status != wantStatus || d["kind"] != wantKind || d["message"] == "" {
		t.Fatalf("got %d %v, want a %d %q diagnostic", status, body, wantStatus, wantKind)
	}
	return d
}

func TestAHandlerPanicIsAnInternalDiagnosticAndJournalled(t *testing.T) {
	srv, j := mount(t, &fakeAPI{reply: map[string]any{"id": "1"}}, true)
	for i := 0; i < 3; i++ { // the pooled recorder is fit for the next request
		status, body := post(t, srv.URL+"/fake/boom", `{}`)
		if d := diagnostic(t, status, body, 500, gateway.DiagInternal); d["operation"] != "Boom" || d["detail"] != "boom" {
			t.Fatalf("diagnostic %v", d)
		}
		if status, body := post(t, srv.URL+"/fake/things", `{"name":"x","size":1}`); status != 200 || body["id"] != "1" {
			t.Fatalf("after a panic: %d %v", status, body)
		}
	}
	e := j.Find(journal.Filter{Operation: "Boom"})
	if len(e) != 3 || e[0].Status != 500 || !strings.Contains(e[0].ResponseBody, `"internal"`) {
		t.Fatalf("journal %+v", e)
	}
}

func TestAWriteThatCannotBeMadeDurableIsAStateFileDiagnostic(t *testing.T) {
	deps := &gateway.Deps{StrictResponses: true, Persist: func(*gin.Context, *tenant.Tenant, []byte) error {
		return errors.New("disk full")
	}}
	srv, j := mountWith(t, &fakeAPI{reply: map[string]any{"id": "1"}}, deps)
	req, _ := http.NewRequest("POST", srv.URL+"/fake/things", strings.NewReader(`{"name":"x","size":1}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Key", "k")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&body)
	d := diagnostic(t, resp.StatusCode, body, 500, gateway.DiagStateFile)
	if !strings.Contains(d["message"].(string), "disk full") || resp.Header.Get(gateway.DiagnosticHeader) != gateway.DiagStateFile {
		t.Fatalf("diagnostic %v, header %q", d, resp.Header.Get(gateway.DiagnosticHeader))
	}
	if e := j.Find(journal.Filter{}); len(e) != 1 || e[0].Status != 500 {
		t.Fatalf("journal %+v", e)
	}
}

// A request body of a shape already validated is still checked value by
// value: the shape cache (shapes.go) never lets a bad value through.
func TestAKnownRequestShapeWithABadValueIsRefused(t *testing.T) {
	srv, _ := mount(t, &fakeAPI{reply: map[string]any{"id": "1"}}, true)
	for i := 0; i < 3; i++ {
		if status, body := post(t, srv.URL+"/fake/things", `{"name":"x","size":1,"kind":"a"}`); status != 200 {
			t.Fatalf("valid request %d: %d %v", i, status, body)
		}
	}
	for _, bad := range []string{`{"name":"x","size":0,"kind":"a"}`, `{"name":"x","size":1,"kind":"z"}`, `{"name":"x","size":1.5,"kind":"a"}`} {
		status, body := post(t, srv.URL+"/fake/things", bad)
		if status != 400 || len(body["fields"].([]any)) != 1 {
			t.Errorf("%s: %d %v, want a 400 naming one field", bad, status, body)
		}
	}
}
