package gateway

import (
	"bufio"
	"bytes"
	"net"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
)

// recorder buffers a handler's response so it can be validated before it is
// sent. A handler that streams (text/event-stream) switches it to pass-through
// on its first flush; then only a capped copy is kept for the journal.
type recorder struct {
	gin.ResponseWriter
	status    int
	buf       bytes.Buffer
	streaming bool
	wrote     bool
	copyCap   int
	// onStream, when set, is told once as streaming starts, before anything
	// reaches the client.
	onStream streamWatcher
	// broken, when set, breaks the hijacked connection (a fault); release
	// runs it, after the exchange is journalled, so that a client that saw
	// the break can always read its request back.
	broken func()
	// facts are the request's (context.go), while this recorder is c.Writer.
	facts *facts
}

type streamWatcher interface{ streamStarted() }

// reset makes r buffer a new answer for w.
func (r *recorder) reset(w gin.ResponseWriter) {
	r.ResponseWriter = w
	r.status = http.StatusOK
	r.buf.Reset()
	r.streaming, r.wrote, r.onStream, r.broken = false, false, nil, nil
	r.copyCap = 64 << 10
}

// discard forgets what the handler wrote, so that another answer can be
// written in its place. The headers stay; the new answer sets its own.
func (r *recorder) discard() {
	r.buf.Reset()
	r.status = http.StatusOK
	r.wrote = false
}

func (r *recorder) release() {
	if r.broken != nil {
		r.broken()
	}
	r.ResponseWriter, r.onStream, r.broken, r.facts = nil, nil, nil, nil
	if r.buf.Cap() > 1<<20 {
		r.buf = bytes.Buffer{}
	}
}

func (r *recorder) WriteHeader(code int) {
	if !r.wrote {
		r.status = code
	}
}

func (r *recorder) WriteHeaderNow() {
	r.wrote = true
	if r.streaming {
		r.ResponseWriter.WriteHeader(r.status)
		r.ResponseWriter.WriteHeaderNow()
	}
}

func (r *recorder) Write(b []byte) (int, error) {
	r.wrote = true
	if !r.streaming && isStream(r.Header()) {
		r.startStreaming()
	}
	if r.streaming {
		if r.buf.Len() < r.copyCap {
			r.buf.Write(b[:min(len(b), r.copyCap-r.buf.Len())])
		}
		return r.ResponseWriter.Write(b)
	}
	return r.buf.Write(b)
}

func (r *recorder) WriteString(s string) (int, error) { return r.Write([]byte(s)) }

func (r *recorder) Status() int { return r.status }

func (r *recorder) Size() int { return r.buf.Len() }

func (r *recorder) Written() bool { return r.wrote }

// Flush starts pass-through streaming: whatever was buffered goes out now.
func (r *recorder) Flush() {
	if !r.streaming {
		r.startStreaming()
	}
	r.ResponseWriter.Flush()
}

func (r *recorder) startStreaming() {
	r.streaming = true
	r.wrote = true
	if w := r.onStream; w != nil {
		r.onStream = nil
		w.streamStarted()
	}
	r.ResponseWriter.WriteHeader(r.status)
	if r.buf.Len() > 0 {
		_, _ = r.ResponseWriter.Write(r.buf.Bytes())
	}
}

// Hijack lets fault injection reset a connection.
func (r *recorder) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	r.streaming = true
	r.status = 0 // the journal shows no HTTP status: the connection was taken
	return r.ResponseWriter.Hijack()
}

func isStream(h http.Header) bool {
	return strings.HasPrefix(first(h, "Content-Type"), "text/event-stream")
}
