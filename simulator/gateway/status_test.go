package gateway_test

import (
	"testing"

	"github.com/switchboard-sim/switchboard/simulator/errs"
	"github.com/switchboard-sim/switchboard/simulator/gateway"
)

func TestStatusMapsEachCode(t *testing.T) {
	for code, want := range map[errs.Code]int{
		errs.Invalid: 400, errs.Unauthorized: 401, errs.Forbidden: 403, errs.NotFound: 404,
		errs.Method: 405, errs.Conflict: 409, errs.TooLarge: 413, errs.MediaType: 415,
		errs.RateLimited: 429, errs.Unavailable: 503, errs.Internal: 500, errs.Contract: 500,
		errs.Code("unheard-of"): 500,
	} {
		if got := gateway.Status(code); got != want {
			t.Errorf("Status(%q) = %d, want %d", code, got, want)
		}
	}
}
