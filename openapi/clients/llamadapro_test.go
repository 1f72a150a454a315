package clients_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/switchboard-sim/switchboard/openapi/clients/llamadapro"
)

// TestLlamadaProClient: a bridge call runs its documented lifecycle on the
// tenant's clock and leaves a recording; a destination that is not E.164 is
// the documented 400 naming the field.
func TestLlamadaProClient(t *testing.T) {
	sb, ac := start(t)
	ctx := context.Background()
	const key = "typed-llamadapro"
	c, err := llamadapro.NewClientWithResponses(sb.API("llamadapro"),
		llamadapro.WithHTTPClient(sb.Client),
		llamadapro.WithRequestEditorFn(header("Authorization", "Bearer "+key)))
	if err != nil {
		t.Fatal(err)
	}

	started, err := c.StartBridgeCallWithResponse(ctx, llamadapro.StartBridgeCallJSONRequestBody{To: "+14155552671"})
	if err != nil {
		t.Fatal(err)
	}
	wantStatus(t, "StartBridgeCall", started.StatusCode(), http.StatusOK, started.Body)
	if got := started.JSON200.Status; got != "queued" {
		t.Errorf("a new call is %q, want queued", got)
	}

	// Ringing 1 s, answered 3-8 s later, talking 20-180 s: 10 minutes always finish it.
	advance(t, ac, key, 10*time.Minute)
	call, err := c.GetCallWithResponse(ctx, started.JSON200.Id)
	if err != nil {
		t.Fatal(err)
	}
	wantStatus(t, "GetCall", call.StatusCode(), http.StatusOK, call.Body)
	if call.JSON200.Status != "completed" || call.JSON200.Duration == nil || *call.JSON200.Duration < 20 {
		t.Errorf("after 10 minutes the call is %q with duration %v, want completed after at least 20 s", call.JSON200.Status, call.JSON200.Duration)
	}
	rec, err := c.GetCallRecordingWithResponse(ctx, started.JSON200.Id)
	if err != nil {
		t.Fatal(err)
	}
	wantStatus(t, "GetCallRecording", rec.StatusCode(), http.StatusOK, rec.Body)
	if call.JSON200.Duration != nil && rec.JSON200.Duration != *call.JSON200.Duration {
		t.Errorf("the recording lasts %v s, the call %v s", rec.JSON200.Duration, *call.JSON200.Duration)
	}

	bad, err := c.StartBridgeCallWithResponse(ctx, llamadapro.StartBridgeCallJSONRequestBody{To: "0412 555 1234"})
	if err != nil {
		t.Fatal(err)
	}
	wantStatus(t, "StartBridgeCall to a local number", bad.StatusCode(), http.StatusBadRequest, bad.Body)
	if _, ok := bad.JSON400.Details["to"]; !ok || bad.JSON400.Code != 400 {
		t.Errorf("400 body = %+v, want code 400 with details naming to", bad.JSON400)
	}
}
