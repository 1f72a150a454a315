package clients_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/switchboard-sim/switchboard/openapi/clients/admin"
	"github.com/switchboard-sim/switchboard/simulator/switchboardtest"
)

// header returns a request editor that sets one header, the way a user of
// a generated client adds the vendor's credentials.
func header(name, value string) func(context.Context, *http.Request) error {
	return func(_ context.Context, r *http.Request) error {
		r.Header.Set(name, value)
		return nil
	}
}

// start runs a simulator (loopback, strict response validation) and a
// typed control-plane client for it.
func start(t *testing.T) (*switchboardtest.Instance, *admin.ClientWithResponses) {
	t.Helper()
	sb := switchboardtest.Start(t)
	ac, err := admin.NewClientWithResponses(sb.Admin.URL(), admin.WithHTTPClient(sb.Client))
	if err != nil {
		t.Fatal(err)
	}
	return sb, ac
}

// advance moves one tenant's clock through the typed control-plane client.
func advance(t *testing.T, ac *admin.ClientWithResponses, tenant string, by time.Duration) {
	t.Helper()
	tp := admin.TenantParameter(tenant)
	r, err := ac.AdminAdvanceClockWithResponse(context.Background(), &admin.AdminAdvanceClockParams{Tenant: &tp}, admin.AdminAdvanceClockJSONRequestBody{By: by.String()})
	if err != nil {
		t.Fatal(err)
	}
	wantStatus(t, "advance "+tenant, r.StatusCode(), http.StatusOK, r.Body)
}

// wantStatus fails the test unless a typed response has the status.
func wantStatus(t *testing.T, what string, got int, want int, raw []byte) {
	t.Helper()
	if got != want {
		t.Fatalf("%s: status %d, want %d: %s", what, got, want, raw)
	}
}
