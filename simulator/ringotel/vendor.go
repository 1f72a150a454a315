package ringotel

import (
	_ "embed"
	"time"

	"github.com/spf13/pflag"

	"github.com/switchboard-sim/switchboard/simulator/cli"
	"github.com/switchboard-sim/switchboard/simulator/gateway"
	"github.com/switchboard-sim/switchboard/simulator/vendor"
)

//go:embed scenario.schema.json
var scenarioSchema []byte

// Vendor is Ringotel as the core sees it (see package vendor): its options,
// flags and scenario schema. Its steps are the generic library's.
type Vendor struct {
	Options Options
}

// NewVendor is Ringotel with default options.
func NewVendor() *Vendor { return &Vendor{} }

// Name is the API's id.
func (v *Vendor) Name() string { return apiName }

// Build constructs the API.
func (v *Vendor) Build(env vendor.Env) (gateway.API, error) { return New(env.Tenants, v.Options) }

// Flags declares Ringotel's serve flags.
func (v *Vendor) Flags(fs *pflag.FlagSet) {
	cli.DurationVar(fs, &v.Options.SessionTimeout, "ringotel-session-timeout", 24*time.Hour, "Ringotel: close a session after this inactivity on the virtual clock")
}

// Probe: Ringotel answers every failed call with HTTP 200 and its error
// envelope (clients authenticate with the default Bearer).
func (v *Vendor) Probe() vendor.Probe { return vendor.Probe{ErrorsAnswerOK: true} }

// ScenarioSchema is Ringotel's fragment of the scenario schema.
func (v *Vendor) ScenarioSchema() []byte { return scenarioSchema }
