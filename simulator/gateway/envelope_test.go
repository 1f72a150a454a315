package gateway_test

import (
	"net/http"
	"testing"

	"github.com/gin-gonic/gin"

	"github.com/switchboard-sim/switchboard/simulator/errs"
	"github.com/switchboard-sim/switchboard/simulator/gateway"
)

const envelopeSpec = `
openapi: 3.0.3
info: {title: env, version: '1'}
servers: [{url: /env}]
security: [{bearer: []}]
components:
  securitySchemes:
    bearer: {type: http, scheme: bearer}
    key: {type: apiKey, in: header, name: X-Api-Key}
paths:
  /items/{id}:
    parameters:
      - {name: id, in: path, required: true, schema: {type: string, pattern: '^[a-z]+$'}}
    get:
      operationId: GetItem
      parameters:
        - {name: limit, in: query, schema: {type: integer, maximum: 10}}
        - {name: X-Trace, in: header, schema: {type: string, pattern: '^t[0-9]+$'}}
        - {name: session, in: cookie, schema: {type: string, pattern: '^s[0-9]+$'}}
      responses:
        '200': {description: ok, content: {application/json: {schema: {type: object}}}}
  /counted:
    get:
      operationId: GetCounted
      parameters:
        - {name: count, in: query, schema: {type: string}}
      responses:
        '200':
          description: ok
          headers:
            X-Count: {schema: {type: integer}}
          content: {application/json: {schema: {type: object}}}
  /keyed:
    get:
      operationId: GetKeyed
      security: [{key: []}]
      responses:
        '200': {description: ok, content: {application/json: {schema: {type: object}}}}
`

type envAPI struct{}

func (envAPI) Name() string                              { return "env" }
func (envAPI) Authenticate(*gin.Context) (string, error) { return "k", nil }
func (envAPI) WriteError(c *gin.Context, e *errs.Error) {
	c.JSON(gateway.Status(e.Code), gin.H{"oops": e.Message})
}
func (envAPI) Handlers() map[string]gin.HandlerFunc {
	ok := func(c *gin.Context) { c.JSON(200, gin.H{}) }
	counted := func(c *gin.Context) {
		c.Header("X-Count", c.Query("count"))
		c.JSON(200, gin.H{})
	}
	return map[string]gin.HandlerFunc{"GetItem": ok, "GetKeyed": ok, "GetCounted": counted}
}

// TestEnvelopeRepeatsStillCatchEveryViolation: once a request's envelope has
// passed validation it is remembered, so each variant below, differing from
// a remembered one in exactly one thing ValidateRequest reads, must still be
// refused. A key that left one of them out would let it through.
func TestEnvelopeRepeatsStillCatchEveryViolation(t *testing.T) {
	srv, _ := mountSpec(t, envelopeSpec, "/env", envAPI{}, envAPI{}.Handlers(), &gateway.Deps{StrictResponses: true})

	type req struct {
		path, auth, trace, cookie, key string
	}
	do := func(r req) int {
		t.Helper()
		hr, _ := http.NewRequest("GET", srv.URL+"/env"+r.path, nil)
		if r.auth != "" {
			hr.Header.Set("Authorization", r.auth)
		}
		if r.trace != "" {
			hr.Header.Set("X-Trace", r.trace)
		}
		if r.cookie != "" {
			hr.Header.Set("Cookie", r.cookie)
		}
		if r.key != "" {
			hr.Header.Set("X-Api-Key", r.key)
		}
		resp, err := http.DefaultClient.Do(hr)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	good := req{path: "/items/abc?limit=5", auth: "Bearer one", trace: "t1", cookie: "session=s1"}
	for i := range 3 { // the first fills the memo, the others use it
		if got := do(good); got != 200 {
			t.Fatalf("valid request, try %d: status %d", i, got)
		}
	}
	if got := do(req{path: "/items/abc?limit=5", auth: "Bearer two", trace: "t1", cookie: "session=s1"}); got != 200 {
		t.Errorf("another bearer token: status %d, want 200", got)
	}
	for name, r := range map[string]req{
		"path parameter": {path: "/items/ABC?limit=5", auth: good.auth, trace: good.trace, cookie: good.cookie},
		"query":          {path: "/items/abc?limit=50", auth: good.auth, trace: good.trace, cookie: good.cookie},
		"header":         {path: good.path, auth: good.auth, trace: "x1", cookie: good.cookie},
		"cookie":         {path: good.path, auth: good.auth, trace: good.trace, cookie: "session=x1"},
		"auth scheme":    {path: good.path, auth: "Basic b25lOnR3bw==", trace: good.trace, cookie: good.cookie},
		"no auth":        {path: good.path, trace: good.trace, cookie: good.cookie},
	} {
		if got := do(r); got < 400 {
			t.Errorf("%s broken after a valid request: status %d, want a refusal", name, got)
		}
	}
	if got := do(req{path: "/keyed", key: "k1"}); got != 200 {
		t.Fatalf("api key: status %d", got)
	}
	if got := do(req{path: "/keyed"}); got < 400 {
		t.Errorf("api key header missing after a valid request: status %d, want a refusal", got)
	}
	// The answer's envelope: a declared header that breaks its schema after
	// a valid one is still a broken response (a 500 under StrictResponses).
	for range 2 {
		if got := do(req{path: "/counted?count=5", auth: good.auth}); got != 200 {
			t.Fatalf("a valid response header: status %d", got)
		}
	}
	if got := do(req{path: "/counted?count=many", auth: good.auth}); got != 500 {
		t.Errorf("a response header breaking its schema after a valid one: status %d, want 500", got)
	}
}
