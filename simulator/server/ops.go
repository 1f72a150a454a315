package server

import (
	"net/http/pprof"

	"github.com/gin-gonic/gin"

	"github.com/switchboard-sim/switchboard/simulator/metrics"
)

// opsAdmin serves the control plane's operations endpoints: metrics and
// the Go profiler.
type opsAdmin struct{ s *Server }

func (o opsAdmin) AdminHandlers() map[string]gin.HandlerFunc {
	return map[string]gin.HandlerFunc{
		"AdminMetrics":         gin.WrapH(o.s.metrics.Handler()),
		"AdminPprofIndex":      gin.WrapF(pprof.Index),
		"AdminPprof":           o.pprof,
		"AdminReloadScenarios": o.s.reloadHandler,
	}
}

// pprof dispatches by name: pprof.Index finds the profile only under
// /debug/pprof/, not under the control plane's prefix.
func (o opsAdmin) pprof(c *gin.Context) {
	switch name := c.Param("profile"); name {
	case "cmdline":
		pprof.Cmdline(c.Writer, c.Request)
	case "profile":
		pprof.Profile(c.Writer, c.Request)
	case "symbol":
		pprof.Symbol(c.Writer, c.Request)
	case "trace":
		pprof.Trace(c.Writer, c.Request)
	default:
		pprof.Handler(name).ServeHTTP(c.Writer, c.Request)
	}
}

// instrument builds the server's metrics: the request path and the vendors
// feed it; the rest is read at each scrape.
func (s *Server) instrument() {
	m := metrics.New()
	s.metrics = m
	m.Gauge("tenants", "Tenants held in memory now.", func() float64 { return float64(s.tenants.Len()) })
	m.Gauge("journal_entries", "Requests held in the journal now.", func() float64 { return float64(s.journal.Len()) })
	m.Counter("journal_dropped_total", "Journal entries the ring overwrote to make room (reset when the journal is cleared).",
		func() float64 { return float64(s.journal.Dropped()) })
	m.Gauge("state_records", "Records in the write history (the state file, or the in-memory history).",
		func() float64 { return float64(s.StateHealth().Records) })
	m.Gauge("state_bytes", "Size of the state file, or of the in-memory history.",
		func() float64 { return float64(s.StateHealth().Bytes) })
	m.Gauge("state_load_seconds", "Start-up: opening the state file and checking every page and record.",
		func() float64 { return s.StateHealth().LoadMS / 1000 })
	m.Gauge("state_replay_seconds", "Start-up: serving every record of the state file again.",
		func() float64 { return s.StateHealth().ReplayMS / 1000 })
}
