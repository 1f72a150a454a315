package brightpattern

import (
	_ "embed"
	"encoding/json"
	"net/http"
	"net/url"
	"time"

	"github.com/spf13/pflag"

	"github.com/switchboard-sim/switchboard/simulator/cli"
	"github.com/switchboard-sim/switchboard/simulator/gateway"
	"github.com/switchboard-sim/switchboard/simulator/vendor"
)

//go:embed scenario.schema.json
var scenarioSchema []byte

// Vendor is Bright Pattern as the core sees it (see package vendor): its
// options and flags, scenario schema, feature auth and steps.
type Vendor struct {
	Options Options
}

// NewVendor is Bright Pattern with default options.
func NewVendor() *Vendor { return &Vendor{} }

// Name is the API's id.
func (v *Vendor) Name() string { return apiName }

// Build constructs the API.
func (v *Vendor) Build(env vendor.Env) (gateway.API, error) { return New(env.Tenants, v.Options) }

// Flags declares Bright Pattern's serve flags.
func (v *Vendor) Flags(fs *pflag.FlagSet) {
	cli.DurationVar(fs, &v.Options.PollHold, "brightpattern-poll-hold", 10*time.Second, "Bright Pattern: how long Get New Chat Events holds a request with no events (keep under 13s)")
}

// TuneForTests answers a long-poll with no events after 500 ms instead of 10 s.
func (v *Vendor) TuneForTests() { v.Options.PollHold = 500 * time.Millisecond }

// ScenarioSchema is Bright Pattern's fragment of the scenario schema.
func (v *Vendor) ScenarioSchema() []byte { return scenarioSchema }

// featureApp is the app (widget) features and negative tests chat with;
// its Expected Parameters have nothing required and its service hours
// cover the virtual clock's start.
const featureApp = "SwitchboardWebChat"

// Probe authenticates generated bad input as the widget does: the
// Mobile/Web API's header, with the credential as the device's clientId,
// and the tenant URL.
func (v *Vendor) Probe() vendor.Probe {
	return vendor.Probe{Authorize: func(r *http.Request, credential string) {
		r.Header.Set("Authorization", authScheme+` appId="`+featureApp+`", clientId="`+credential+`"`)
		q := r.URL.Query()
		q.Set("tenantUrl", "demo.brightpattern.com")
		r.URL.RawQuery = q.Encode()
	}}
}

// FeatureAuth is the Mobile/Web API's header for the scenario's
// credential: the credential is the device's clientId, and the tenant
// header pins the scenario's own tenant whatever the Host.
func (v *Vendor) FeatureAuth(credential string) map[string]string {
	return map[string]string{
		"Authorization":        authScheme + ` appId="` + featureApp + `", clientId="` + credential + `"`,
		"X-Switchboard-Tenant": credential,
	}
}

// FeatureSteps binds the steps that only brightpattern flows need (see
// docs/steps.md); everything else uses the generic library.
func (v *Vendor) FeatureSteps(sc vendor.Steps, s vendor.FeatureScenario) {
	sc.Step(`^a second long-poll is sent while the client's long-poll is held$`, func() error {
		return s.SecondPoll(func() (bool, error) { return pollHeld(s) })
	})
}

// pollHeld reports whether the control plane shows a poll held on one of
// the scenario's chats.
func pollHeld(s vendor.FeatureScenario) (bool, error) {
	body, err := s.Admin(http.MethodGet, "/brightpattern/chats?tenant="+url.QueryEscape(s.Credential()), nil)
	if err != nil {
		return false, err
	}
	var out struct {
		Chats []struct {
			Polling bool `json:"polling"`
		} `json:"chats"`
	}
	if err := json.Unmarshal(body, &out); err != nil {
		return false, err
	}
	for _, c := range out.Chats {
		if c.Polling {
			return true, nil
		}
	}
	return false, nil
}
