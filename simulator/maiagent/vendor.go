package maiagent

import (
	_ "embed"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/switchboard-sim/switchboard/simulator/cli"
	"github.com/switchboard-sim/switchboard/simulator/gateway"
	"github.com/switchboard-sim/switchboard/simulator/vendor"
)

//go:embed scenario.schema.json
var scenarioSchema []byte

// Vendor is MaiAgent as the core sees it (see package vendor): its options
// and flags, scenario schema, feature auth and steps.
type Vendor struct {
	Options Options
}

// NewVendor is MaiAgent with default options.
func NewVendor() *Vendor { return &Vendor{} }

// Name is the API's id.
func (v *Vendor) Name() string { return apiName }

// Build constructs the API.
func (v *Vendor) Build(env vendor.Env) (gateway.API, error) { return New(env.Tenants, v.Options) }

// Flags declares MaiAgent's serve flags.
func (v *Vendor) Flags(fs *pflag.FlagSet) {
	cli.DurationVar(fs, &v.Options.TokenDelay, "maiagent-token-delay", 30*time.Millisecond, "MaiAgent: wall-clock pause between streamed reply tokens (0 for none)")
	cli.DurationVar(fs, &v.Options.WebhookTimeout, "maiagent-webhook-timeout", DefaultWebhookTimeout, "MaiAgent: wall-clock timeout of one webhook delivery attempt")
}

// TuneForTests streams replies without pauses between tokens.
func (v *Vendor) TuneForTests() { v.Options.TokenDelay = 0 }

// ScenarioSchema is MaiAgent's fragment of the scenario schema.
func (v *Vendor) ScenarioSchema() []byte { return scenarioSchema }

// Probe authenticates generated bad input as MaiAgent's clients do:
// `Authorization: Api-Key <key>`.
func (v *Vendor) Probe() vendor.Probe {
	return vendor.Probe{Authorize: func(r *http.Request, credential string) {
		r.Header.Set("Authorization", "Api-Key "+credential)
	}}
}

// FeatureAuth is the same header for feature steps.
func (v *Vendor) FeatureAuth(credential string) map[string]string {
	return map[string]string{"Authorization": "Api-Key " + credential}
}

// FeatureSteps binds the steps that only maiagent flows need (see
// docs/steps.md); everything else uses the generic library. A MaiAgent
// stream's events carry the reply's deltas and end with a done event.
func (v *Vendor) FeatureSteps(sc vendor.Steps, s vendor.FeatureScenario) {
	sc.Step(`^the stream ends with done true after (at least )?(\d+) deltas?$`, func(atLeast string, n int) error {
		deltas, err := streamDeltas(s)
		if err != nil {
			return err
		}
		if len(deltas) < n || atLeast == "" && len(deltas) != n {
			return fmt.Errorf("the stream has %d content events before done, want %s%d: %q", len(deltas), atLeast, n, deltas)
		}
		return nil
	})
	sc.Step(`^the streamed deltas join to "([^"]*)"$`, func(want string) error {
		deltas, err := streamDeltas(s)
		if err != nil {
			return err
		}
		x, err := s.Expand(want)
		if err != nil {
			return err
		}
		if got := strings.Join(deltas, ""); got != x {
			return fmt.Errorf("the streamed deltas join to %q, want %q", got, x)
		}
		return nil
	})
}

// streamWait bounds, on the wall clock, the wait for a MaiAgent stream's
// done event.
const streamWait = 5 * time.Second

// streamDeltas waits for the stream's done event and returns the content
// of the events before it.
func streamDeltas(s vendor.FeatureScenario) ([]string, error) {
	evs, err := s.AwaitEvents(streamWait, "stream: start with `the client listens to events at ... with POST and JSON:`", isDone)
	if err != nil {
		return nil, err
	}
	return deltasOf(evs)
}

func isDone(v any) bool {
	m, ok := v.(map[string]any)
	return ok && m["done"] == true
}

func deltasOf(evs []any) ([]string, error) {
	var out []string
	conv := ""
	for i, e := range evs {
		m, ok := e.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("event %d is not a JSON object: %v", i+1, e)
		}
		c, _ := m["conversationId"].(string)
		if i == 0 {
			conv = c
		}
		if c == "" || c != conv || m["conversation_id"] != c {
			return nil, fmt.Errorf("event %d names conversation %q/%v, want %q under both keys", i+1, c, m["conversation_id"], conv)
		}
		text, _ := m["content"].(string)
		last := i == len(evs)-1
		if isDone(m) != last {
			return nil, fmt.Errorf("event %d has done %v; only the last event is done", i+1, m["done"])
		}
		if last {
			if text != "" {
				return nil, fmt.Errorf("the done event has content %q, want none", text)
			}
			break
		}
		out = append(out, text)
	}
	return out, nil
}

// Outbound is MaiAgent's queued outbound work, for --drain-timeout's help.
func (v *Vendor) Outbound() string { return "MaiAgent webhook replies" }
