package server

import (
	"github.com/switchboard-sim/switchboard/simulator/gateway"
	"github.com/switchboard-sim/switchboard/simulator/llamadapro"
)

// VendorOptions carries each vendor package's own options.
type VendorOptions struct{}

// buildAPIs constructs every vendor API, in URL-prefix order.
func buildAPIs(cfg Config) ([]gateway.API, error) {
	lp, err := llamadapro.New()
	if err != nil {
		return nil, err
	}
	return []gateway.API{lp}, nil
}
