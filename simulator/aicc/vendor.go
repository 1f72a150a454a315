package aicc

import (
	_ "embed"
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/switchboard-sim/switchboard/simulator/aicc/authv2"
	"github.com/switchboard-sim/switchboard/simulator/cli"
	"github.com/switchboard-sim/switchboard/simulator/gateway"
	"github.com/switchboard-sim/switchboard/simulator/vendor"
)

//go:embed scenario.schema.json
var scenarioSchema []byte

// Vendor is Huawei AICC as the core sees it (see package vendor): its
// options and flags, delivery metrics, the `aicc sign|verify` command,
// scenario schema and the auth-v2 signature scheme of feature steps.
type Vendor struct {
	Options Options
}

// NewVendor is AICC with default options.
func NewVendor() *Vendor { return &Vendor{} }

// Name is the API's id.
func (v *Vendor) Name() string { return apiName }

// Build constructs the API, counting its push attempts in the server's
// metrics (switchboard_aicc_deliveries_total).
func (v *Vendor) Build(env vendor.Env) (gateway.API, error) {
	opts := v.Options
	count := env.Metrics.CounterVec("aicc_deliveries_total",
		"AICC webhook push attempts by outcome: attempt (every try), retry (a try after a failed one), dead-letter (given up).", "outcome")
	next := opts.OnAttempt
	opts.OnAttempt = func(attempt int, deadLettered bool) {
		countAttempt(count, attempt, deadLettered)
		if next != nil {
			next(attempt, deadLettered)
		}
	}
	return New(env.Tenants, opts)
}

// countAttempt counts one finished push attempt (attempt 0: a push
// dead-lettered without one, its queue being full).
func countAttempt(count func(...string), attempt int, deadLettered bool) {
	if attempt > 0 {
		count("attempt")
	}
	if attempt > 1 {
		count("retry")
	}
	if deadLettered {
		count("dead-letter")
	}
}

// Flags declares AICC's serve flags.
func (v *Vendor) Flags(fs *pflag.FlagSet) {
	o := &v.Options
	cli.DurationVar(fs, &o.DeliveryTimeout, "aicc-delivery-timeout", 5*time.Second, "AICC: wall-clock timeout of one webhook push attempt")
	cli.DurationVar(fs, &o.Backoff, "aicc-backoff", time.Second, "AICC: first retry delay on the virtual clock, doubling per attempt")
	cli.IntVar(fs, &o.Attempts, "aicc-attempts", 8, 1, "AICC: attempts before a push is dead-lettered")
}

// Commands is `switchboard aicc sign|verify`.
func (v *Vendor) Commands(stdout, stderr io.Writer) []*cobra.Command {
	return []*cobra.Command{command(stdout, stderr)}
}

// ScenarioSchema is AICC's fragment of the scenario schema.
func (v *Vendor) ScenarioSchema() []byte { return scenarioSchema }

// FeatureVerifiers adds the "aicc-auth-v2" signature scheme to the generic
// `every delivery to "x" has a valid "aicc-auth-v2" signature` step. AICC
// adds no step of its own.
func (v *Vendor) FeatureVerifiers() map[string]func(d vendor.Delivery, secret string) error {
	return map[string]func(d vendor.Delivery, secret string) error{"aicc-auth-v2": verifyAuthV2}
}

// verifyAuthV2 checks a push's `Authorization: auth-v2/...` header
// against its method, path, query, signed headers and body with the push
// key. net/http moves Host out of the header map and Delivery does not
// keep it, so a missing Host is taken as 127.0.0.1: the only host a
// feature's receiver listens on, and the bare host AICC signs.
func verifyAuthV2(d vendor.Delivery, secret string) error {
	h := d.Header.Clone()
	if h.Get("Host") == "" {
		h.Set("Host", "127.0.0.1")
	}
	auth := h.Get("Authorization")
	if auth == "" {
		return fmt.Errorf("no Authorization header")
	}
	req := authv2.Request{Method: d.Method, Path: d.Path, RawQuery: d.Query, Header: h, Body: d.Body}
	_, err := authv2.Verify(auth, req, secret)
	return err
}

// Outbound is AICC's queued outbound work, for --drain-timeout's help.
func (v *Vendor) Outbound() string { return "AICC pushes" }
