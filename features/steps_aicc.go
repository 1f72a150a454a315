package features

import (
	"fmt"

	"github.com/cucumber/godog"

	"github.com/switchboard-sim/switchboard/simulator/aicc/authv2"
)

// aiccSteps binds the steps that only aicc flows need (see docs/steps.md);
// everything else uses the generic library. AICC adds no step: it
// registers the "aicc-auth-v2" signature scheme for the generic
// `every delivery to "x" has a valid "aicc-auth-v2" signature` step.
func (w *world) aiccSteps(*godog.ScenarioContext) {
	RegisterVerifier("aicc-auth-v2", VerifierFunc(verifyAICCAuthV2))
}

// verifyAICCAuthV2 checks a push's `Authorization: auth-v2/...` header
// against its method, path, query, signed headers and body with the push
// key. net/http moves Host out of the header map and Delivery does not
// keep it, so a missing Host is taken as 127.0.0.1: the only host a
// feature's receiver listens on, and the bare host AICC signs.
func verifyAICCAuthV2(d Delivery, secret string) error {
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
