package server

import (
	"fmt"

	"github.com/switchboard-sim/switchboard/openapi"
	"github.com/switchboard-sim/switchboard/simulator/gateway"
	"github.com/switchboard-sim/switchboard/simulator/vendor"
)

// buildAPIs constructs every vendor's API, in the order they are listed.
func (s *Server) buildAPIs(list []vendor.Vendor) ([]gateway.API, error) {
	if len(list) == 0 {
		// The control plane's merged spec (openapi/admin.gen.yaml) holds
		// the shipped vendors' operations, so it cannot be served alone.
		return nil, fmt.Errorf("server: Config.Vendors is empty; simulator/vendors.All lists the shipped APIs")
	}
	env := vendor.Env{Tenants: s.tenants, Metrics: s.metrics}
	apis := make([]gateway.API, 0, len(list))
	s.ownSpecs = map[string]*openapi.Spec{}
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
		if sp, ok := v.(vendor.Specifier); ok {
			spec, err := openapi.Parse(v.Name(), sp.Spec())
			if err != nil {
				return nil, err
			}
			s.ownSpecs[v.Name()] = spec
		}
		apis = append(apis, api)
	}
	return apis, nil
}

// loadSpec is the spec of an API (its own, vendor.Specifier, or the
// embedded one) or of the control plane.
func (s *Server) loadSpec(name string) (*openapi.Spec, error) {
	if sp, ok := s.ownSpecs[name]; ok {
		return sp, nil
	}
	return openapi.Load(name)
}

// hasSpec reports whether loadSpec knows name.
func (s *Server) hasSpec(name string) bool {
	_, own := s.ownSpecs[name]
	return own || openapi.Has(name)
}
