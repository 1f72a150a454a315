package clients_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/switchboard-sim/switchboard/openapi/clients/admin"
)

// TestAdminClient: the control plane's documented clock move, and its
// documented 400 for a negative duration, through the generated client.
func TestAdminClient(t *testing.T) {
	_, ac := start(t)
	ctx := context.Background()
	tenant := admin.TenantParameter("typed-admin")

	before, err := ac.AdminGetClockWithResponse(ctx, &admin.AdminGetClockParams{Tenant: &tenant})
	if err != nil {
		t.Fatal(err)
	}
	wantStatus(t, "GetClock", before.StatusCode(), http.StatusOK, before.Body)

	moved, err := ac.AdminAdvanceClockWithResponse(ctx, &admin.AdminAdvanceClockParams{Tenant: &tenant}, admin.AdminAdvanceClockJSONRequestBody{By: "90s"})
	if err != nil {
		t.Fatal(err)
	}
	wantStatus(t, "AdvanceClock", moved.StatusCode(), http.StatusOK, moved.Body)
	if got, want := moved.JSON200.Now.Sub(before.JSON200.Now), 90*time.Second; got != want {
		t.Errorf("the clock moved %s, want %s", got, want)
	}
	if moved.JSON200.Mode != admin.ClockModeVirtual {
		t.Errorf("mode = %q, want virtual", moved.JSON200.Mode)
	}

	bad, err := ac.AdminAdvanceClockWithResponse(ctx, &admin.AdminAdvanceClockParams{Tenant: &tenant}, admin.AdminAdvanceClockJSONRequestBody{By: "-1s"})
	if err != nil {
		t.Fatal(err)
	}
	wantStatus(t, "AdvanceClock -1s", bad.StatusCode(), http.StatusBadRequest, bad.Body)
	if e := bad.JSON400.Error; e.Code != "invalid" || e.Fields == nil || len(*e.Fields) == 0 || (*e.Fields)[0].Field != "by" {
		t.Errorf("400 body = %+v, want code invalid naming the field by", e)
	}
}
