package server

import (
	"fmt"

	"github.com/switchboard-sim/switchboard/simulator/gateway"
	"github.com/switchboard-sim/switchboard/simulator/vendor"
)

// buildAPIs constructs every vendor's API, in the order they are listed.
func (s *Server) buildAPIs(list []vendor.Vendor) ([]gateway.API, error) {
	env := vendor.Env{Tenants: s.tenants, Metrics: s.metrics}
	apis := make([]gateway.API, 0, len(list))
	seen := map[string]bool{}
	for _, v := range list {
		if seen[v.Name()] {
			return nil, fmt.Errorf("server: two vendors are called %q", v.Name())
		}
		seen[v.Name()] = true
		api, err := v.Build(env)
		if err != nil {
			return nil, err
		}
		if api.Name() != v.Name() {
			return nil, fmt.Errorf("server: vendor %q built an API called %q", v.Name(), api.Name())
		}
		apis = append(apis, api)
	}
	return apis, nil
}
