package vendor

import (
	"encoding/json"
	"net/http"
	"time"
)

// What a vendor adds to the Gherkin harness (package features). These
// live here, free of godog, so that a vendor package can implement them
// without linking the harness into the serve binary; the harness looks for
// them on the vendors it is given.

// FeatureStepper binds a vendor's own feature steps (see docs/steps.md)
// for one scenario.
type FeatureStepper interface {
	FeatureSteps(steps Steps, s FeatureScenario)
}

// Steps registers steps: godog's *ScenarioContext, whose Step takes a
// regular expression and a function of the captured groups.
type Steps interface {
	Step(expr, stepFunc any)
}

// FeatureScenario is one running feature scenario as a vendor's steps see
// it (the harness implements it).
type FeatureScenario interface {
	// Credential is the scenario's own credential (hence its tenant).
	Credential() string
	// Expand replaces ${name} references with the scenario's saved values.
	Expand(s string) (string, error)
	// Admin sends a control-plane request (path under /__admin) and returns
	// the answer's body; a status other than 200 is an error.
	Admin(method, path string, body any) ([]byte, error)
	// Body is the last response's body; an error when there is none.
	Body() ([]byte, error)
	// AwaitEvents waits, up to wait on the wall clock, until done reports
	// the last event received on the scenario's event source as the final
	// one, and returns the data of every event; what names the source for
	// the error when there is none.
	AwaitEvents(wait time.Duration, what string, done func(last any) bool) ([]any, error)
	// SecondPoll sends the long-poll source's request a second time while
	// held reports the source's own poll held, and makes the answer the last
	// response.
	SecondPoll(held func() (bool, error)) error
}

// FeatureAuthenticator turns a scenario's credential into the request
// headers the vendor's clients send. A vendor without one gets
// `Authorization: Bearer <credential>`.
type FeatureAuthenticator interface {
	FeatureAuth(credential string) map[string]string
}

// FeatureVerifiers names the signature schemes a vendor adds to the step
// `every delivery to "x" has a valid "<name>" signature with secret "..."`.
type FeatureVerifiers interface {
	FeatureVerifiers() map[string]func(d Delivery, secret string) error
}

// Delivery is one request a feature's webhook receiver recorded.
type Delivery struct {
	Method string
	Path   string
	Query  string
	Header http.Header
	Body   []byte
	// At is the wall-clock arrival, for ordering only.
	At time.Time
}

// JSON decodes the body, or returns nil.
func (d Delivery) JSON() any {
	var v any
	if json.Unmarshal(d.Body, &v) != nil {
		return nil
	}
	return v
}
