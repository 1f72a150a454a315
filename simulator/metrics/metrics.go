// Package metrics exposes what the simulator is doing in the Prometheus
// text format: requests, latency, violations, faults, streams, the
// vendors' own counters, tenants, the journal and the state store. Each server has
// its own registry, so in-process test servers never share counters.
package metrics

import (
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

const ns = "switchboard"

// Metrics is one server's registry and the instruments the request path
// and the vendors feed.
type Metrics struct {
	reg        *prometheus.Registry
	requests   *prometheus.CounterVec
	latency    *prometheus.HistogramVec
	violations *prometheus.CounterVec
	faults     *prometheus.CounterVec
	streams    *prometheus.GaugeVec

	// per is each (api, operation, status)'s instruments, found once:
	// WithLabelValues hashes its labels and takes a lock on every call. It
	// is copied on write (a first request of a kind) and read without a
	// lock; a typed map hashes its key directly, where a sync.Map hashes
	// it through an interface.
	per   atomic.Pointer[map[opKey]*opInstruments]
	perMu sync.Mutex // serialises the copies
}

type opKey struct {
	api, operation string
	status         int
}

type opInstruments struct {
	requests prometheus.Counter
	latency  prometheus.Observer
}

// New builds a registry with the Go runtime and process collectors.
func New() *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: ns, Name: "requests_total",
			Help: "Vendor API requests answered, by API, operation (operationId) and HTTP status (0: the connection was reset by a fault)."},
			[]string{"api", "operation", "status"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{Namespace: ns, Name: "request_duration_seconds",
			Help:    "Time to serve a vendor API request (a streamed answer: until the stream ended; a long poll: its hold), by API and operation.",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30}},
			[]string{"api", "operation"}),
		violations: prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: ns, Name: "contract_violations_total",
			Help: "Contract violations found in vendor API requests (one per broken rule), by API and operation."},
			[]string{"api", "operation"}),
		faults: prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: ns, Name: "faults_fired_total",
			Help: "Injected faults that fired, by API and fault type."},
			[]string{"api", "type"}),
		streams: prometheus.NewGaugeVec(prometheus.GaugeOpts{Namespace: ns, Name: "open_streams",
			Help: "Requests held open now: sse (event streams) and long-poll, by API."},
			[]string{"api", "kind"}),
	}
	m.reg.MustRegister(m.requests, m.latency, m.violations, m.faults, m.streams,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Handler serves the registry in the Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{DisableCompression: true})
}

// Request counts one answered vendor API request. fault is what the
// journal shows ("rule-id type" or "rule-id delay 20ms"), empty for none.
func (m *Metrics) Request(api, operation string, status int, took time.Duration, violations int, fault string) {
	ops := m.instruments(opKey{api, operation, status})
	ops.requests.Inc()
	ops.latency.Observe(took.Seconds())
	if violations > 0 {
		m.violations.WithLabelValues(api, operation).Add(float64(violations))
	}
	if fault != "" {
		typ := fault
		if f := strings.Fields(fault); len(f) > 1 {
			typ = f[1]
		}
		m.faults.WithLabelValues(api, typ).Inc()
	}
}

// instruments finds or makes k's instruments.
func (m *Metrics) instruments(k opKey) *opInstruments {
	if p := m.per.Load(); p != nil {
		if in, ok := (*p)[k]; ok {
			return in
		}
	}
	m.perMu.Lock()
	defer m.perMu.Unlock()
	var cur map[opKey]*opInstruments
	if p := m.per.Load(); p != nil {
		cur = *p
	}
	if in, ok := cur[k]; ok {
		return in
	}
	next := make(map[opKey]*opInstruments, len(cur)+1)
	for k, in := range cur {
		next[k] = in
	}
	in := &opInstruments{
		requests: m.requests.WithLabelValues(k.api, k.operation, strconv.Itoa(k.status)),
		latency:  m.latency.WithLabelValues(k.api, k.operation),
	}
	next[k] = in
	m.per.Store(&next)
	return in
}

// Stream moves the gauge of open streams of a kind ("sse", "long-poll").
func (m *Metrics) Stream(api, kind string, delta int) {
	m.streams.WithLabelValues(api, kind).Add(float64(delta))
}

// CounterVec registers a counter with label names (a vendor's own, see
// vendor.Metrics) and returns the function that adds one to a label set.
func (m *Metrics) CounterVec(name, help string, labels ...string) func(values ...string) {
	c := prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: ns, Name: name, Help: help}, labels)
	m.reg.MustRegister(c)
	return func(values ...string) { c.WithLabelValues(values...).Inc() }
}

// Gauge registers a gauge read from fn at every scrape.
func (m *Metrics) Gauge(name, help string, fn func() float64) {
	m.reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{Namespace: ns, Name: name, Help: help}, fn))
}

// Counter registers a counter read from fn at every scrape.
func (m *Metrics) Counter(name, help string, fn func() float64) {
	m.reg.MustRegister(prometheus.NewCounterFunc(prometheus.CounterOpts{Namespace: ns, Name: name, Help: help}, fn))
}
