package scenarios

import (
	"context"
	"time"

	"github.com/switchboard-sim/switchboard/simulator/tenant"
)

// Action is one action, due now, with its parameters rendered.
type Action struct {
	// API is the scenario's API; the Runtime gives it only to that API's Actor.
	API string
	// Name is the action's name in the API's vocabulary (its package's
	// constants, validated by its fragment of the schema).
	Name string
	// Params are the rendered `with` values: strings, float64/int64, bool,
	// nested maps and lists, exactly as the schema allows for Name.
	Params map[string]any
	// Session is the chat, call or conversation the trigger came from; empty
	// for a tenant-wide elapsed cue (the Actor applies it to every open session).
	Session string
	// Scenario names the scenario, for logs and diagnostics.
	Scenario string
	// At is the instant the action was due (the tenant clock's Now).
	At time.Time
}

// Actor performs a vendor's scenario actions. A vendor package implements
// it; the server registers it for the package's API name.
type Actor interface {
	// Do performs a on tenant t. It runs in a clock callback: it may take
	// state locks and schedule timers, but must not advance the clock. An
	// error (say, the session has already ended) is logged and skipped.
	Do(ctx context.Context, t *tenant.Tenant, a Action) error
}

// ActorFunc adapts a function to Actor.
type ActorFunc func(ctx context.Context, t *tenant.Tenant, a Action) error

// Do calls f.
func (f ActorFunc) Do(ctx context.Context, t *tenant.Tenant, a Action) error { return f(ctx, t, a) }

// Binder is implemented by a vendor API that emits triggers: the server
// hands it the Runtime once at start-up.
type Binder interface {
	BindScenarios(rt *Runtime)
}

// Event is a trigger reported by a vendor package.
type Event struct {
	// API is the vendor reporting it.
	API string
	// Trigger is what happened.
	Trigger Trigger
	// Session is the chat, call or conversation id.
	Session string
	// Text is the customer's message, matched against customerMessage patterns.
	Text string
	// Vars become {{.Trigger.name}} in templates (customer name, phone, ...).
	Vars map[string]string
}
