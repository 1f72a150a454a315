// Package vendors is the one list that wires the simulated APIs into the
// binary, its tests and the feature harness. Adding an API is one folder,
// simulator/<api>, and one line here (see docs/PRINCIPLES.md).
package vendors

import (
	"github.com/switchboard-sim/switchboard/simulator/aicc"
	"github.com/switchboard-sim/switchboard/simulator/brightpattern"
	"github.com/switchboard-sim/switchboard/simulator/llamadapro"
	"github.com/switchboard-sim/switchboard/simulator/maiagent"
	"github.com/switchboard-sim/switchboard/simulator/ringotel"
	"github.com/switchboard-sim/switchboard/simulator/vendor"
)

// Summary names the shipped APIs for `switchboard --help`.
const Summary = "Ringotel, Huawei AICC, LlamadaPro, Bright Pattern chat and MaiAgent"

// All returns the shipped APIs, in the order they are mounted and listed,
// each with default options (fresh values on every call, so a caller may
// set their options).
func All() []vendor.Vendor {
	return []vendor.Vendor{
		llamadapro.NewVendor(),
		ringotel.NewVendor(),
		brightpattern.NewVendor(),
		maiagent.NewVendor(),
		aicc.NewVendor(),
	}
}
