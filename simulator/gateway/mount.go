package gateway

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/gin-gonic/gin"

	"github.com/switchboard-sim/switchboard/simulator/contract"
	"github.com/switchboard-sim/switchboard/simulator/errs"
	"github.com/switchboard-sim/switchboard/simulator/journal"
	"github.com/switchboard-sim/switchboard/simulator/tenant"
)

// DefaultMaxBody is the request body limit when an operation sets none
// (x-max-body-bytes in the spec raises it, e.g. for file uploads).
const DefaultMaxBody = 1 << 20

// TenantHeader lets a request pick its tenant explicitly.
const TenantHeader = "X-Switchboard-Tenant"

// Deps are what the pipeline needs. Tenants and Journal are nil on the
// control plane, which has no tenants and is not journalled.
type Deps struct {
	Tenants *tenant.Registry
	Journal *journal.Journal
	// StrictResponses turns a response that breaks its own spec into a 500
	// with a diagnostic, so tests fail loudly.
	StrictResponses bool
	Logger          *slog.Logger
	// Hooks run after tenant resolution and before validation (fault injection).
	Hooks []gin.HandlerFunc
	// Contract, when set, records exercised operations and violations.
	Contract *contract.Recorder
	// Lenient serves requests whose only violations are recoverable (see
	// recoverable), fixing the values, and records the violations.
	Lenient bool
	// Persist, when set, is called for every write the handler accepted
	// (a non-GET answered below 400) before the answer leaves; an error turns
	// the answer into a 500, because the write is not durable.
	Persist func(c *gin.Context, t *tenant.Tenant, body []byte) error
	// Observer, when set, is told about every answered request and open stream.
	Observer Observer
}

// route is one spec operation bound to its handler.
type route struct {
	api       API
	deps      *Deps
	kin       *routers.Route
	opID      string
	maxBody   int64
	handler   gin.HandlerFunc
	noAuth    bool // x-switchboard-auth: none (the control plane)
	valid     *validCache
	shapes    *shapes // response bodies
	reqShapes *shapes // request bodies
	envelopes *envelopes
	poll      bool // the operation long-polls (LongPoller)
}

var pathParam = regexp.MustCompile(`\{([^}]+)\}`)

// GinPath converts an OpenAPI path template to gin's syntax.
func GinPath(p string) string { return pathParam.ReplaceAllString(p, ":$1") }

// Mount registers every operation of doc on g, bound to handlers by
// operationId. It fails when an operation has no handler or a handler no
// operation, so the spec and the code cannot drift apart.
func Mount(g gin.IRoutes, api API, handlers map[string]gin.HandlerFunc, doc *openapi3.T, deps *Deps) error {
	if deps.Logger == nil {
		deps.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	used := map[string]bool{}
	var missing []string
	aliases := map[string]string{}
	if a, ok := api.(Aliaser); ok {
		aliases = a.PathAliases()
	}
	preflight, _ := api.(Preflighter)
	polls := map[string]bool{}
	if lp, ok := api.(LongPoller); ok {
		for _, id := range lp.LongPolls() {
			polls[id] = true
		}
	}
	paths := doc.Paths.InMatchingOrder()
	sort.Strings(paths)
	for _, path := range paths {
		item := doc.Paths.Value(path)
		for method, op := range item.Operations() {
			h, ok := handlers[op.OperationID]
			if !ok {
				missing = append(missing, op.OperationID)
				continue
			}
			used[op.OperationID] = true
			rt := &route{
				api: api, deps: deps, opID: op.OperationID, handler: h,
				kin:       &routers.Route{Spec: doc, Path: path, PathItem: item, Method: method, Operation: op},
				maxBody:   DefaultMaxBody,
				valid:     newValidCache(),
				shapes:    newShapes(false),
				reqShapes: newShapes(true),
				envelopes: newEnvelopes(doc, item, op),
				poll:      polls[op.OperationID],
			}
			if v, ok := op.Extensions["x-max-body-bytes"].(float64); ok {
				rt.maxBody = int64(v)
			}
			if v, ok := op.Extensions["x-switchboard-auth"].(string); ok && v == "none" {
				rt.noAuth = true
			}
			for _, p := range servedPaths(path, aliases) {
				g.Handle(method, GinPath(p), rt.serve)
			}
		}
		if preflight != nil {
			for _, p := range servedPaths(path, aliases) {
				g.Handle(http.MethodOptions, GinPath(p), journaledPreflight(api, preflight, deps))
			}
		}
	}
	var extra []string
	for id := range handlers {
		if !used[id] {
			extra = append(extra, id)
		}
	}
	if len(missing) > 0 || len(extra) > 0 {
		sort.Strings(missing)
		sort.Strings(extra)
		return fmt.Errorf("%s: spec operations without a handler: %v; handlers without an operation: %v", api.Name(), missing, extra)
	}
	return nil
}

func servedPaths(path string, aliases map[string]string) []string {
	out := []string{path}
	for from, to := range aliases {
		if strings.HasPrefix(path, from) {
			out = append(out, to+strings.TrimPrefix(path, from))
		}
	}
	return out
}

var (
	reqOpts = &openapi3filter.Options{
		MultiError:          true,
		SkipSettingDefaults: true,
		AuthenticationFunc:  checkSecurity,
	}
	reqOptsNoBody = &openapi3filter.Options{
		MultiError:          true,
		SkipSettingDefaults: true,
		AuthenticationFunc:  checkSecurity,
		ExcludeRequestBody:  true,
	}
)

func isWrite(m string) bool {
	return m != http.MethodGet && m != http.MethodHead && m != http.MethodOptions
}

func readBody(c *gin.Context, limit int64) ([]byte, error) {
	if c.Request.Body == nil || c.Request.Body == http.NoBody {
		return nil, nil
	}
	if c.Request.ContentLength > limit {
		return nil, errs.New(errs.TooLarge, "request body of %d bytes is over the limit of %d bytes", c.Request.ContentLength, limit)
	}
	b, err := readAll(c.Request.Body, c.Request.ContentLength, limit)
	if err != nil {
		return nil, errs.New(errs.Invalid, "could not read the request body: %v", err)
	}
	if int64(len(b)) > limit {
		return nil, errs.New(errs.TooLarge, "request body is over the limit of %d bytes", limit)
	}
	factsOf(c).body = b
	return b, nil
}

// readAll reads at most limit+1 bytes of body, as io.ReadAll over a
// LimitReader would. When the length is known it reads into a buffer of
// exactly that size: io.ReadAll starts at 512 bytes and doubles, copying as
// it goes, and its spare capacity stays pinned by whatever keeps the body.
func readAll(body io.Reader, length, limit int64) ([]byte, error) {
	if length < 0 || length > limit {
		return io.ReadAll(io.LimitReader(body, limit+1))
	}
	b := make([]byte, length)
	for read := 0; read < len(b); {
		n, err := body.Read(b[read:])
		read += n
		if err == io.EOF {
			return b[:read], nil
		}
		if err != nil {
			return nil, err
		}
	}
	// net/http ends the body at its Content-Length. Another reader may go
	// on: then read on as before, up to the limit.
	var one [1]byte
	n, err := body.Read(one[:])
	if n == 0 && err == io.EOF {
		return b, nil
	}
	if err != nil && err != io.EOF {
		return nil, err
	}
	rest, err := io.ReadAll(io.LimitReader(body, limit+1-length-int64(n)))
	if err != nil {
		return nil, err
	}
	return append(append(b, one[:n]...), rest...), nil
}

func (rt *route) authorize(c *gin.Context) (*tenant.Tenant, error) {
	if rt.deps.Tenants == nil {
		return nil, nil
	}
	if t := Tenant(c); t != nil { // a Preflight/cookie path already resolved it
		return t, nil
	}
	cred, err := rt.api.Authenticate(c)
	if err != nil {
		return nil, err
	}
	t, err := rt.deps.Tenants.Resolve(cred, first(c.Request.Header, TenantHeader), isWrite(c.Request.Method))
	if err != nil {
		return nil, err
	}
	rt.deps.Tenants.Await(c.Request.Context(), t)
	WithTenant(c, t)
	return t, nil
}

// validateRequest checks c's request, in input (the caller's storage, so
// that a request costs no allocation here), and returns input.
func (rt *route) validateRequest(c *gin.Context, body []byte, input *openapi3filter.RequestValidationInput) (*openapi3filter.RequestValidationInput, error) {
	*input = openapi3filter.RequestValidationInput{Request: c.Request, Route: rt.kin, Options: reqOpts}
	validate := func() error {
		if input.PathParams == nil {
			input.PathParams = make(map[string]string, len(c.Params))
			for _, p := range c.Params {
				input.PathParams[p.Key] = p.Value
			}
		}
		return openapi3filter.ValidateRequest(c.Request.Context(), input)
	}
	var shape shapeCheck
	if schema := rt.requestSchema(c.Request, body); schema != nil {
		// Security and parameters (envelope.go), then the body by its
		// shape (shapes.go). kin-openapi's security check would copy the
		// body only to hand it on; it reads none of it here (checkSecurity).
		key := rt.envelopes.key(c, 'j')
		var err error
		if !rt.envelopes.has(key) {
			input.Options = reqOptsNoBody
			reader := c.Request.Body
			c.Request.Body = http.NoBody
			if err = validate(); err == nil {
				rt.envelopes.add(key)
			}
			c.Request.Body = reader
			input.Options = reqOpts
		}
		if err == nil {
			shape = rt.reqShapes.check(0, "application/json", body, schema)
			if shape.sound && shape.scalarsOK && rt.reqShapes.has(shape.shape) {
				return input, nil
			}
		}
	} else if len(body) == 0 {
		// No body: the envelope is all ValidateRequest reads.
		key := rt.envelopes.key(c, 'e')
		if rt.envelopes.has(key) {
			return input, nil
		}
		if err := validate(); err != nil {
			return input, Explain(err)
		}
		rt.envelopes.add(key)
		return input, nil
	}
	if err := validate(); err != nil {
		return input, Explain(err)
	}
	if shape.sound && shape.scalarsOK {
		rt.reqShapes.add(shape.shape)
	}
	return input, nil
}

// requestSchema is the schema kin-openapi's ValidateRequest would check this
// JSON body against, or nil when the body is empty, not application/json
// (which kin-openapi decodes with its JSONBodyDecoder), or has no schema.
func (rt *route) requestSchema(r *http.Request, body []byte) *openapi3.Schema {
	rb := rt.kin.Operation.RequestBody
	if len(body) == 0 || rb == nil || rb.Value == nil || rt.kin.Spec.IsOpenAPI31OrLater() {
		return nil
	}
	ct := first(r.Header, "Content-Type")
	mediaType, _, _ := strings.Cut(ct, ";")
	if !strings.EqualFold(strings.TrimSpace(mediaType), "application/json") {
		return nil
	}
	mt := rb.Value.Content.Get(ct)
	if mt == nil || mt.Schema == nil {
		return nil
	}
	return mt.Schema.Value
}

// lenient retries a request whose violations are all recoverable with its
// values fixed. On success the violations are still reported, marked served.
func (rt *route) lenient(c *gin.Context, body []byte, verr error) (*openapi3filter.RequestValidationInput, []byte, error) {
	e, ok := verr.(*errs.Error)
	if !ok || e.Code != errs.Invalid || !recoverable(e.Fields) {
		return nil, body, verr
	}
	fixed, ok := coerce(body, e.Fields)
	if !ok {
		return nil, body, verr
	}
	c.Request.Body = io.NopCloser(bytes.NewReader(fixed))
	c.Request.ContentLength = int64(len(fixed))
	input, err := rt.validateRequest(c, fixed, new(openapi3filter.RequestValidationInput))
	if err != nil {
		c.Request.Body = io.NopCloser(bytes.NewReader(body))
		return nil, body, verr
	}
	f := factsOf(c)
	f.body, f.violations, f.served = fixed, e.Fields, true
	c.Header(ViolationsHeader, summarize(e.Fields)+" (served leniently)")
	return input, fixed, nil
}

func (rt *route) validateResponse(c *gin.Context, rec *recorder, input *openapi3filter.RequestValidationInput) {
	ct := first(rec.Header(), "Content-Type")
	ek := rt.envelopes.answerKey(rec.status, ct, rec.Header())
	key := rt.valid.key(ek, ct, rec.buf.Bytes())
	if rt.valid.has(key) {
		return
	}
	isJSON := strings.Contains(ct, "json")
	var shape shapeCheck
	if schema := rt.responseSchema(c.Request.Method, rec.status, ct); isJSON && schema != nil {
		// Status and headers in full, then the body by its shape (shapes.go).
		// The envelope is remembered as a request's is (envelope.go).
		ok := rt.envelopes.has(ek)
		if !ok && kinValidateResponse(input, rec, false) == nil {
			ok = true
			rt.envelopes.add(ek)
		}
		if ok {
			shape = rt.shapes.check(rec.status, ct, rec.buf.Bytes(), schema)
			if shape.sound && shape.scalarsOK && rt.shapes.has(shape.shape) {
				return
			}
		}
	}
	err := kinValidateResponse(input, rec, isJSON)
	if err == nil {
		rt.valid.add(key)
		if shape.sound && shape.scalarsOK {
			rt.shapes.add(shape.shape)
		}
		return
	}
	fields := Explain(err).(*errs.Error).Fields
	rt.deps.Logger.Warn("response breaks its own spec", "api", rt.api.Name(), "operation", Operation(c), "status", rec.status, "error", err.Error())
	if !rt.deps.StrictResponses {
		return
	}
	status, body := rec.status, rec.buf.String()
	rec.discard()
	WriteDiagnostic(rec, &Diagnostic{
		Kind:         DiagResponseContract,
		Message:      "the simulator's response breaks its own OpenAPI spec; this is a Switchboard bug",
		API:          rt.api.Name(),
		Operation:    Operation(c),
		AnswerStatus: status,
		Violations:   fields,
		Body:         body,
	})
}

// kinValidateResponse is kin-openapi's verdict on the buffered answer, its
// body included when withBody.
func kinValidateResponse(input *openapi3filter.RequestValidationInput, rec *recorder, withBody bool) error {
	out := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: input,
		Status:                 rec.status,
		Header:                 rec.Header(),
		Options:                &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true, ExcludeResponseBody: !withBody},
	}
	if withBody {
		out.SetBodyBytes(rec.buf.Bytes())
	}
	return openapi3filter.ValidateResponse(context.Background(), out)
}

// responseSchema is the schema kin-openapi's ValidateResponse would check a
// body of this status and content type against, or nil when it checks none
// (or when the spec is one whose schemas shapes cannot vouch for).
func (rt *route) responseSchema(method string, status int, contentType string) *openapi3.Schema {
	switch status {
	case http.StatusNotModified, http.StatusPermanentRedirect, http.StatusTemporaryRedirect, http.StatusMovedPermanently:
		return nil
	}
	if method == http.MethodHead || rt.kin.Spec.IsOpenAPI31OrLater() || rt.kin.Operation.Responses.Len() == 0 {
		return nil
	}
	ref := rt.kin.Operation.Responses.Status(status)
	if ref == nil {
		ref = rt.kin.Operation.Responses.Default()
	}
	if ref == nil || ref.Value == nil {
		return nil
	}
	mt := ref.Value.Content.Get(contentType)
	if mt == nil || mt.Schema == nil {
		return nil
	}
	return mt.Schema.Value
}

func (rt *route) record(c *gin.Context, t *tenant.Tenant, took time.Duration, body []byte, rec *recorder, violations []errs.Field) uint64 {
	e := journal.Entry{
		Operation:   Operation(c),
		Violations:  violations,
		Fault:       factsOf(c).fault,
		Explanation: rt.explanation(c, rec), // nearmiss_route.go; nil unless 400/401/403/404/405
	}
	return journalAnswer(rt.deps, rt.api, c, t, e, took, body, rec)
}

// journalAnswer completes e with what every journalled answer carries (the
// request line, its headers, which the journal redacts as it packs, the
// status, latency, tenant and time) and adds it, its bodies copied, capped,
// straight into the entry.
func journalAnswer(deps *Deps, api API, c *gin.Context, t *tenant.Tenant, e journal.Entry, took time.Duration, body []byte, rec *recorder) uint64 {
	e.API, e.Method, e.Path, e.Query = api.Name(), c.Request.Method, c.Request.URL.Path, c.Request.URL.RawQuery
	e.Headers = c.Request.Header
	e.Status, e.LatencyMS = rec.status, float64(took.Microseconds())/1000
	if t != nil {
		e.Tenant, e.Time = t.ID(), t.Now()
	} else if deps.Tenants != nil {
		e.Time = deps.Tenants.BaseNow()
	}
	return deps.Journal.AddBodies(e, journal.Bodies{Request: body, RequestCap: 16 << 10, Response: rec.buf.Bytes(), ResponseCap: 4 << 10})
}

// report feeds the contract report: the operation was exercised, and broke these rules.
func (rt *route) report(c *gin.Context, t *tenant.Tenant, body []byte, violations []errs.Field) {
	op := Operation(c)
	rt.deps.Contract.Exercised(rt.api.Name(), op, rt.kin.Method, rt.kin.Path)
	if len(violations) == 0 {
		return
	}
	var tid string
	var at time.Time
	switch {
	case t != nil:
		tid, at = t.ID(), t.Now()
	case rt.deps.Tenants != nil:
		at = rt.deps.Tenants.BaseNow()
	}
	req := contract.Request{Method: c.Request.Method, Path: c.Request.URL.Path, Query: c.Request.URL.RawQuery, Body: capString(body, 4<<10)}
	rt.deps.Contract.Violated(at, tid, rt.api.Name(), op, rt.kin.Method, rt.kin.Path, req, violations, factsOf(c).served)
}

func capString(b []byte, n int) string {
	if len(b) > n {
		return string(b[:n]) + "…[truncated]"
	}
	return string(b)
}

// checkSecurity is the spec-level security check: the credential the scheme
// names must be present. The vendor's Authenticate has already parsed it.
func checkSecurity(_ context.Context, in *openapi3filter.AuthenticationInput) error {
	s := in.SecurityScheme
	r := in.RequestValidationInput.Request
	switch {
	case s.Type == "http":
		v := first(r.Header, "Authorization")
		if !strings.HasPrefix(strings.ToLower(v), strings.ToLower(s.Scheme)+" ") {
			return errors.New("missing " + s.Scheme + " authorization")
		}
	case s.Type == "apiKey" && s.In == "header":
		if r.Header.Get(s.Name) == "" {
			return errors.New("missing header " + s.Name)
		}
	case s.Type == "apiKey" && s.In == "cookie":
		if _, err := r.Cookie(s.Name); err != nil {
			return errors.New("missing cookie " + s.Name)
		}
	case s.Type == "apiKey" && s.In == "query":
		if r.URL.Query().Get(s.Name) == "" {
			return errors.New("missing query parameter " + s.Name)
		}
	}
	return nil
}
