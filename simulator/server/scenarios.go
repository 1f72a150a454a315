package server

import (
	"github.com/switchboard-sim/switchboard/scenarios"
	"github.com/switchboard-sim/switchboard/simulator/admin"
)

// buildScenarios loads the scenario library (built-in, plus cfg.Scenarios),
// registers every vendor API that performs scenario actions, hands the
// runtime to every API that emits triggers, and adds the scenario
// operations to the control plane. A bad scenario file fails start-up.
func (s *Server) buildScenarios(lib *scenarios.Library) error {
	rt := scenarios.NewRuntime(lib, s.log)
	for _, api := range s.apis {
		if a, ok := api.(scenarios.Actor); ok {
			rt.Register(api.Name(), a)
		}
		if b, ok := api.(scenarios.Binder); ok {
			b.BindScenarios(rt)
		}
	}
	s.scenarios = rt
	s.extraAdmins = append(s.extraAdmins, admin.NewScenarios(rt, s.tenants))
	return nil
}

// Scenarios is the scenario runtime.
func (s *Server) Scenarios() *scenarios.Runtime { return s.scenarios }
