package server

import (
	"github.com/switchboard-sim/switchboard/simulator/aicc"
	"github.com/switchboard-sim/switchboard/simulator/brightpattern"
	"github.com/switchboard-sim/switchboard/simulator/gateway"
	"github.com/switchboard-sim/switchboard/simulator/llamadapro"
	"github.com/switchboard-sim/switchboard/simulator/maiagent"
	"github.com/switchboard-sim/switchboard/simulator/ringotel"
	"github.com/switchboard-sim/switchboard/simulator/tenant"
)

// VendorOptions carries each vendor package's own options.
type VendorOptions struct {
	Ringotel      ringotel.Options
	BrightPattern brightpattern.Options
	MaiAgent      maiagent.Options
	AICC          aicc.Options
}

// buildAPIs constructs every vendor API, in the order they are listed.
func buildAPIs(cfg Config, reg *tenant.Registry) ([]gateway.API, error) {
	lp, err := llamadapro.New()
	if err != nil {
		return nil, err
	}
	rt, err := ringotel.New(reg, cfg.Vendors.Ringotel)
	if err != nil {
		return nil, err
	}
	bp, err := brightpattern.New(reg, cfg.Vendors.BrightPattern)
	if err != nil {
		return nil, err
	}
	ma, err := maiagent.New(reg, cfg.Vendors.MaiAgent)
	if err != nil {
		return nil, err
	}
	ai, err := aicc.New(reg, cfg.Vendors.AICC)
	if err != nil {
		return nil, err
	}
	return []gateway.API{lp, rt, bp, ma, ai}, nil
}
