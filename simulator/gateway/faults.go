package gateway

import (
	"fmt"
	"net"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/switchboard-sim/switchboard/simulator/errs"
	"github.com/switchboard-sim/switchboard/simulator/faults"
)

// FaultHook applies the injector's rules to vendor requests. It runs after
// the tenant is known and before validation, so a fault hits a request
// whatever its shape, as a misbehaving vendor would.
func FaultHook(in *faults.Injector) gin.HandlerFunc {
	return func(c *gin.Context) {
		if in.Idle() {
			return
		}
		f := factsOf(c)
		req := faults.Request{Operation: f.operation, Method: c.Request.Method, Path: c.Request.URL.Path}
		if f.api != nil {
			req.API = f.api.Name()
		}
		if t := f.tenant; t != nil {
			req.Tenant, req.Now = t.ID(), t.Now()
		}
		rule, ok := in.Decide(req)
		if !ok {
			return
		}
		act := rule.Action
		f.fault = rule.ID + " " + act.Type
		switch act.Type {
		case faults.Delay:
			d := time.Duration(act.Ms * float64(time.Millisecond))
			f.fault = fmt.Sprintf("%s delay %s", rule.ID, d.Round(time.Millisecond))
			timer := time.NewTimer(d)
			defer timer.Stop()
			select {
			case <-timer.C:
			case <-c.Request.Context().Done():
				c.Abort()
			}
		case faults.Status:
			if act.RetryAfter > 0 {
				c.Header("Retry-After", strconv.Itoa(act.RetryAfter))
			}
			code := map[int]errs.Code{429: errs.RateLimited, 500: errs.Internal, 503: errs.Unavailable}[act.Status]
			msg := act.Message
			if msg == "" {
				msg = fmt.Sprintf("injected fault %s", rule.ID)
			}
			Fail(c, errs.New(code, "%s", msg))
		case faults.Drip:
			f.drip = &act
		default:
			breakConnection(c, act.Type)
			c.Abort()
		}
	}
}

// breakConnection takes the connection from net/http and breaks it the
// way the rule says: a reset (RST), an empty reply (FIN before any byte), or
// a chunked body whose chunk header is not hex.
func breakConnection(c *gin.Context, kind string) {
	conn, buf, err := c.Writer.Hijack()
	if err != nil {
		Fail(c, errs.New(errs.Internal, "could not inject %s: %v", kind, err))
		return
	}
	brk := func() {
		defer conn.Close()
		switch kind {
		case faults.Reset:
			if tcp, ok := conn.(*net.TCPConn); ok {
				_ = tcp.SetLinger(0)
			}
		case faults.Malformed:
			_, _ = buf.WriteString("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{\"truncated\r\n")
			_ = buf.Flush()
		}
	}
	// Through the gateway, the break waits until the request is journalled
	// (recorder.release): the client must not see it first.
	if r, ok := c.Writer.(*recorder); ok {
		r.broken = brk
		return
	}
	brk()
}

// drip writes body in small chunks with pauses, flushing each one.
func drip(c *gin.Context, rec *recorder, act faults.Action) {
	w := rec.ResponseWriter
	w.WriteHeader(rec.status)
	body := rec.buf.Bytes()
	every := time.Duration(act.IntervalMs * float64(time.Millisecond))
	for i := 0; i < len(body); i += act.ChunkBytes {
		end := min(i+act.ChunkBytes, len(body))
		if _, err := w.Write(body[i:end]); err != nil {
			return
		}
		w.Flush()
		if end == len(body) {
			return
		}
		select {
		case <-time.After(every):
		case <-c.Request.Context().Done():
			return
		}
	}
}
