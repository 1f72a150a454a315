package gateway

import (
	"bytes"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/gin-gonic/gin"

	"github.com/switchboard-sim/switchboard/simulator/tenant"
)

// exchange is one request on its way through a route's pipeline: what the
// stages learn and hand on. Exchanges and their recorders are pooled.
type exchange struct {
	rt    *route
	c     *gin.Context
	rec   recorder
	facts facts
	start time.Time

	body  []byte
	t     *tenant.Tenant
	input *openapi3filter.RequestValidationInput
	kin   openapi3filter.RequestValidationInput // input's storage
	// err is the gateway's own refusal (body, auth, validation); the request
	// stages after it are skipped and the refusal is the answer.
	err error
	// restoring: the request rebuilds an evicted tenant from the state file;
	// it was journalled, counted and persisted when it was first served.
	restoring bool
	obs       Observer
	took      time.Duration // when the answer was journalled; the observer's too, unless streamed
	streamed  bool
	streamSeq uint64
	// reread is the body again, for kin-openapi and the handler.
	reread bodyReader
}

// bodyReader reads a body already read; Close does nothing.
type bodyReader struct{ bytes.Reader }

func (*bodyReader) Close() error { return nil }

var exchangePool = sync.Pool{New: func() any { return new(exchange) }}

// serve is the per-request pipeline. Each stage is one method below, in
// this order.
func (rt *route) serve(c *gin.Context) {
	x := rt.begin(c)
	defer x.release()
	x.readBody()
	x.authorize()
	x.runHooks()
	x.validateRequest()
	x.watchStreams()
	x.handle()
	switch {
	case !x.rec.streaming:
		x.persist()
		x.validateResponse()
		x.observe()
		x.send()
	case x.streamed:
		x.endStream()
	default:
		x.observe() // the connection was hijacked (a reset fault): nothing was answered
	}
	x.tell()
}

// begin names the request's API and operation and starts buffering its answer.
func (rt *route) begin(c *gin.Context) *exchange {
	x := exchangePool.Get().(*exchange)
	*x = exchange{rt: rt, c: c, start: time.Now(), rec: x.rec}
	// (reread is zero again: a bytes.Reader over nothing.)
	x.facts = facts{api: rt.api, operation: rt.opID}
	if f := peekFacts(c); f != nil { // a hook before the route (a preflight path) learnt something
		x.facts.tenant = f.tenant
	}
	x.rec.reset(c.Writer)
	x.rec.facts = &x.facts
	c.Writer = &x.rec
	x.restoring = tenant.IsRestoring(c.Request.Context())
	if !x.restoring {
		x.obs = rt.deps.Observer
	}
	return x
}

func (x *exchange) release() {
	// gin's recovery, and anything after this route, write to the
	// connection again, not to the pooled recorder.
	x.c.Writer = x.rec.ResponseWriter
	x.rec.release()
	*x = exchange{rec: x.rec}
	exchangePool.Put(x)
}

// readBody reads the body once, within the operation's size limit.
func (x *exchange) readBody() {
	x.body, x.err = readBody(x.c, x.rt.maxBody)
	if x.body != nil {
		x.rereadBody()
	}
}

// rereadBody hands the request's body (perhaps fixed by lenient) to the
// next reader from its start.
func (x *exchange) rereadBody() {
	x.reread.Reset(x.body)
	x.c.Request.Body = &x.reread
}

// authorize checks the credential and resolves the tenant.
func (x *exchange) authorize() {
	if x.err == nil && !x.rt.noAuth {
		x.t, x.err = x.rt.authorize(x.c)
	}
}

// runHooks runs the hooks (fault injection); one may abort the request.
func (x *exchange) runHooks() {
	if x.err != nil {
		return
	}
	for _, h := range x.rt.deps.Hooks {
		if h(x.c); x.c.IsAborted() {
			return
		}
	}
}

// validateRequest checks the request against the spec; with Lenient, a
// request whose violations are all recoverable is fixed and served.
func (x *exchange) validateRequest() {
	if x.err != nil || x.c.IsAborted() {
		return
	}
	x.input, x.err = x.rt.validateRequest(x.c, x.body, &x.kin)
	if x.err != nil && x.rt.deps.Lenient {
		x.input, x.body, x.err = x.rt.lenient(x.c, x.body, x.err)
	}
}

// watchStreams counts a long-poll while it is held, and arms the recorder
// to tell the exchange when the handler starts streaming.
func (x *exchange) watchStreams() {
	if x.obs != nil && x.rt.poll {
		x.obs.Stream(x.rt.api.Name(), "long-poll", 1)
	}
	x.rec.onStream = x
}

// streamStarted runs once as a streamed answer's headers leave: the write is
// made durable and journalled then, and its journal entry is completed when
// the stream ends.
func (x *exchange) streamStarted() {
	if x.obs != nil {
		x.obs.Stream(x.rt.api.Name(), "sse", 1)
	}
	x.streamed = true
	if err := x.persistErr(); err != nil {
		x.rt.deps.Logger.Error("a streamed write could not be made durable", "operation", Operation(x.c), "error", err)
	}
	x.streamSeq = x.record()
}

// handle runs the handler, or answers the gateway's refusal. A panic in the
// handler becomes an internal Diagnostic, journalled like any answer.
func (x *exchange) handle() {
	defer func() {
		x.rec.onStream = nil
		if x.obs != nil && x.rt.poll {
			x.obs.Stream(x.rt.api.Name(), "long-poll", -1)
		}
	}()
	switch {
	case x.err != nil:
		Fail(x.c, x.err)
	case !x.c.IsAborted():
		defer x.recoverPanic()
		x.rereadBody()
		x.rt.handler(x.c)
	}
}

func (x *exchange) recoverPanic() {
	v := recover()
	if v == nil {
		return
	}
	if v == http.ErrAbortHandler {
		panic(v)
	}
	x.rt.deps.Logger.Error("handler panic", "api", x.rt.api.Name(), "operation", Operation(x.c), "path", x.c.Request.URL.Path, "panic", fmt.Sprint(v))
	x.c.Abort()
	if x.rec.streaming {
		return // the answer is under way; the stream just ends
	}
	x.input = nil
	x.rec.discard()
	WriteDiagnostic(&x.rec, &Diagnostic{Kind: DiagInternal, Message: "the simulator failed to serve this request; this is a Switchboard bug",
		API: x.rt.api.Name(), Operation: Operation(x.c), Detail: fmt.Sprint(v)})
}

// persist makes an accepted write durable before its answer leaves. When it
// cannot, the answer becomes a state-file Diagnostic.
func (x *exchange) persist() {
	err := x.persistErr()
	if err == nil {
		return
	}
	x.input = nil
	x.rec.discard()
	WriteDiagnostic(&x.rec, &Diagnostic{Kind: DiagStateFile, Message: "the write could not be made durable: " + err.Error(),
		API: x.rt.api.Name(), Operation: Operation(x.c)})
}

func (x *exchange) persistErr() error {
	rec := &x.rec
	if x.rt.deps.Persist == nil || x.restoring || x.err != nil || !isWrite(x.c.Request.Method) || rec.status <= 0 || rec.status >= 400 {
		return nil
	}
	return x.rt.deps.Persist(x.c, x.t, x.body)
}

// validateResponse checks the buffered answer against the spec.
func (x *exchange) validateResponse() {
	if x.err == nil && x.input != nil {
		x.rt.validateResponse(x.c, &x.rec, x.input)
	}
}

// observe feeds the contract report and the journal. It runs before the
// answer's first byte leaves, so a client that has its answer can always
// read its own request back from the journal.
func (x *exchange) observe() { x.record() }

func (x *exchange) record() uint64 {
	if x.restoring {
		return 0
	}
	if x.t == nil {
		x.t = Tenant(x.c) // routes that resolve their tenant in the handler (cookie, signed URL)
	}
	v := violations(x.c)
	if x.rt.deps.Contract != nil {
		x.rt.report(x.c, x.t, x.body, v)
	}
	if x.rt.deps.Journal != nil {
		x.took = time.Since(x.start)
		return x.rt.record(x.c, x.t, x.took, x.body, &x.rec, v)
	}
	return 0
}

// chunkingBuffer is net/http's bufferBeforeChunkingSize: an answer no longer
// than this, written whole by a handler that then returns, is sent with a
// Content-Length that net/http computes.
const chunkingBuffer = 2048

// send writes the buffered answer, whole or dripped by a fault.
func (x *exchange) send() {
	rec := &x.rec
	if act := x.facts.drip; act != nil {
		drip(x.c, rec, *act)
		return
	}
	// The whole body is known. net/http declares the length of a body that
	// fits its 2 KB chunking buffer itself, outside the header map; a longer
	// one is declared here, so that it too leaves in one piece, unchunked.
	if rec.buf.Len() > chunkingBuffer && rec.status != http.StatusNoContent && rec.status != http.StatusNotModified && rec.status >= 200 {
		rec.Header().Set("Content-Length", strconv.Itoa(rec.buf.Len()))
	}
	rec.ResponseWriter.WriteHeader(rec.status)
	_, _ = rec.ResponseWriter.Write(rec.buf.Bytes())
}

// endStream completes a streamed answer's journal entry.
func (x *exchange) endStream() {
	if x.obs != nil {
		x.obs.Stream(x.rt.api.Name(), "sse", -1)
	}
	if x.rt.deps.Journal != nil && !x.restoring {
		x.rt.deps.Journal.Complete(x.streamSeq, x.rec.status, capString(x.rec.buf.Bytes(), 4<<10), float64(time.Since(x.start).Microseconds())/1000)
	}
}

// tell reports the answered request to the observer and the debug log.
func (x *exchange) tell() {
	c, rt := x.c, x.rt
	took := x.took
	if took == 0 || x.streamed {
		took = time.Since(x.start)
	}
	if x.obs != nil {
		x.obs.Request(rt.api.Name(), rt.opID, x.rec.status, took, len(x.facts.violations), x.facts.fault)
	}
	if rt.deps.Logger.Enabled(c, slog.LevelDebug) {
		rt.deps.Logger.Debug("request", "api", rt.api.Name(), "operation", Operation(c), "method", c.Request.Method,
			"path", c.Request.URL.Path, "status", x.rec.status, "violations", len(x.facts.violations), "latency", took)
	}
}
