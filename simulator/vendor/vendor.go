// Package vendor is the plug-in boundary of a simulated API: everything the
// core needs of one vendor, declared by the vendor's own package
// (simulator/<api>). The core (server, cmd, features, scenarios, metrics)
// never names a vendor; it is handed a list of Vendor values, and the one
// list the binary ships is simulator/vendors.
//
// A Vendor is mandatory only in Name and Build. Everything else is an
// optional interface the core looks for with a type assertion: Flagger
// (serve flags), Commander (CLI subcommands), Tuner (in-process test
// speed-ups), Prober (how negative tests and the fuzzer get in), Sender
// (outbound work a drain waits for), Specifier (a spec kept in the
// vendor's folder), ScenarioSchemer (its fragment of the scenario schema)
// and, for the feature harness, FeatureStepper, FeatureAuthenticator and
// FeatureVerifiers (feature.go). Scenario actions and triggers and
// control-plane operations come with the built API (scenarios.Actor,
// scenarios.Binder, gateway.Admin).
package vendor

import (
	"io"
	"net/http"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/switchboard-sim/switchboard/scenarios"
	"github.com/switchboard-sim/switchboard/simulator/gateway"
	"github.com/switchboard-sim/switchboard/simulator/tenant"
)

// Vendor is one simulated API as the core sees it. A Vendor value carries
// its own options (filled by its flags, or set by a test) and builds the
// API once per server.
type Vendor interface {
	// Name is the API's id: its URL prefix, spec (openapi/<name>.yaml) and
	// fixtures (fixtures/<name>.yaml).
	Name() string
	// Build constructs the API for one server.
	Build(env Env) (gateway.API, error)
}

// Env is what the server gives a vendor to build its API.
type Env struct {
	// Tenants is the server's tenant registry.
	Tenants *tenant.Registry
	// Metrics registers the vendor's own instruments; never nil.
	Metrics Metrics
}

// Metrics is the part of the server's metrics a vendor may extend.
type Metrics interface {
	// CounterVec registers a counter switchboard_<name> with the given
	// label names and returns the function that adds one to a label set.
	CounterVec(name, help string, labels ...string) func(values ...string)
}

// Flagger is a vendor with serve flags. Flags declares them on fs, bound to
// the vendor's own options; each is mirrored by SWITCHBOARD_<NAME> and
// listed in --help like every other serve flag.
type Flagger interface {
	Flags(fs *pflag.FlagSet)
}

// Commander is a vendor with CLI subcommands (`switchboard <name> ...`).
type Commander interface {
	Commands(stdout, stderr io.Writer) []*cobra.Command
}

// Tuner is a vendor whose wall-clock waits slow an in-process test run
// down (a long-poll hold, a streaming pace). TuneForTests shortens them;
// simulated time is unaffected.
type Tuner interface {
	TuneForTests()
}

// Sender is a vendor that queues outbound work (webhook replies, pushes)
// which a drain lets go out on SIGTERM. Outbound describes it for --help,
// e.g. "webhook pushes".
type Sender interface {
	Outbound() string
}

// Probe is how generated bad input (the negative tests and the fuzzer in
// simulator/server) reaches a vendor's validation rather than stopping at
// its door.
type Probe struct {
	// Authorize makes r carry credential the way the vendor's real clients
	// do; nil means `Authorization: Bearer <credential>`.
	Authorize func(r *http.Request, credential string)
	// ErrorsAnswerOK: the vendor answers a failed call with HTTP 200 and its
	// error envelope, so its refusals are recorded like writes and the check
	// that no bad request was acknowledged as one cannot apply.
	ErrorsAnswerOK bool
}

// Prober is a vendor whose Probe is not the zero one.
type Prober interface {
	Probe() Probe
}

// ProbeOf is v's Probe, with Authorize never nil.
func ProbeOf(v Vendor) Probe {
	var p Probe
	if x, ok := v.(Prober); ok {
		p = x.Probe()
	}
	if p.Authorize == nil {
		p.Authorize = func(r *http.Request, credential string) { r.Header.Set("Authorization", "Bearer "+credential) }
	}
	return p
}

// Specifier is a vendor whose OpenAPI spec lives in its own folder rather
// than as openapi/<name>.yaml (an API developed outside the shipped set,
// such as simulator/example). Spec is the spec's YAML.
type Specifier interface {
	Spec() []byte
}

// ScenarioSchemer is a vendor with scenario actions: ScenarioSchema is its
// fragment of the scenario JSON Schema, {"$defs": {...}} with one
// "<name>Action" definition (the action object, keyed on "do") and the
// definitions it refers to, each named "<name>.<something>". The merged
// schema (scenarios/schema.json) is generated from the fragments.
type ScenarioSchemer interface {
	ScenarioSchema() []byte
}

// Find returns the vendor called name, or nil.
func Find(list []Vendor, name string) Vendor {
	for _, v := range list {
		if v.Name() == name {
			return v
		}
	}
	return nil
}

// Names lists the vendors' names, in order.
func Names(list []Vendor) []string {
	out := make([]string, len(list))
	for i, v := range list {
		out[i] = v.Name()
	}
	return out
}

// Replace returns a copy of list with the vendor of v's name replaced by v
// (or v appended when there is none).
func Replace(list []Vendor, v Vendor) []Vendor {
	out := append([]Vendor(nil), list...)
	for i, x := range out {
		if x.Name() == v.Name() {
			out[i] = v
			return out
		}
	}
	return append(out, v)
}

// ScenarioSchema merges the scenario schema's core with the fragments of
// the vendors in list that have one (ScenarioSchemer), in list order.
func ScenarioSchema(list []Vendor) ([]byte, error) {
	var frags []scenarios.Fragment
	for _, v := range list {
		if s, ok := v.(ScenarioSchemer); ok {
			frags = append(frags, scenarios.Fragment{API: v.Name(), JSON: s.ScenarioSchema()})
		}
	}
	return scenarios.MergeSchema(scenarios.SchemaBase, frags)
}
