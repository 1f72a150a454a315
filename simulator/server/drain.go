package server

import (
	"context"

	"github.com/switchboard-sim/switchboard/simulator/gateway"
)

// drain lets every started API deliver its queued outbound work, all at
// once, within Config.DrainTimeout.
func (s *Server) drain() {
	if s.cfg.DrainTimeout <= 0 || len(s.started) == 0 {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), s.cfg.DrainTimeout)
	defer cancel()
	type result struct {
		api  string
		left int
	}
	results := make(chan result)
	n := 0
	for _, st := range s.started {
		d, ok := st.(gateway.Drainer)
		if !ok {
			continue
		}
		n++
		name := ""
		if a, ok := st.(gateway.API); ok {
			name = a.Name()
		}
		go func() { results <- result{name, d.Drain(ctx)} }()
	}
	for ; n > 0; n-- {
		r := <-results
		if r.left > 0 {
			msg := "outbound deliveries still queued when the drain time ran out"
			if s.cfg.StateFile != "" {
				msg += "; the state file makes them again at the next start"
			}
			s.log.Warn(msg, "api", r.api, "left", r.left, "drain", s.cfg.DrainTimeout)
		} else {
			s.log.Info("outbound deliveries drained", "api", r.api)
		}
	}
}
