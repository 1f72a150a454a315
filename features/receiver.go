package features

import (
	"github.com/switchboard-sim/switchboard/simulator/vendor"

	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"time"
)

// Delivery is one request a webhook receiver recorded.
type Delivery = vendor.Delivery

// answer is one programmed reply.
type answer struct {
	status int
	body   string
}

// receiver is an in-test loopback HTTP server that records deliveries and
// answers as programmed (200 {"resultCode":"0","resultDesc":"success."} by default).
type receiver struct {
	srv *httptest.Server

	mu         sync.Mutex
	deliveries []Delivery
	script     []answer // next answers, consumed in order
	fallback   answer
	notify     chan struct{}
}

func newReceiver() *receiver {
	r := &receiver{notify: make(chan struct{}, 1), fallback: answer{status: 200, body: `{"resultCode":"0","resultDesc":"success."}`}}
	r.srv = httptest.NewServer(http.HandlerFunc(r.serve))
	return r
}

func (r *receiver) url() string { return r.srv.URL }

func (r *receiver) close() { r.srv.Close() }

func (r *receiver) serve(w http.ResponseWriter, req *http.Request) {
	body, _ := io.ReadAll(req.Body)
	r.mu.Lock()
	r.deliveries = append(r.deliveries, Delivery{Method: req.Method, Path: req.URL.Path, Query: req.URL.RawQuery, Header: req.Header.Clone(), Body: body, At: time.Now()})
	a := r.fallback
	if len(r.script) > 0 {
		a, r.script = r.script[0], r.script[1:]
	}
	r.mu.Unlock()
	select {
	case r.notify <- struct{}{}:
	default:
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(a.status)
	_, _ = io.WriteString(w, a.body)
}

// program makes the next n answers (or every answer, when n is 0) a.
func (r *receiver) program(a answer, n int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if n == 0 {
		r.fallback, r.script = a, nil
		return
	}
	for range n {
		r.script = append(r.script, a)
	}
}

func (r *receiver) received() []Delivery {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Delivery(nil), r.deliveries...)
}

// wait blocks up to d (wall time) for a new delivery.
func (r *receiver) wait(d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-r.notify:
	case <-t.C:
	}
}

// Verifier checks a delivery's signature. A vendor adds its schemes
// through vendor.FeatureVerifiers.
type Verifier interface {
	Verify(d Delivery, secret string) error
}

// VerifierFunc adapts a function to Verifier.
type VerifierFunc func(d Delivery, secret string) error

// Verify calls f.
func (f VerifierFunc) Verify(d Delivery, secret string) error { return f(d, secret) }
