package aicc

import (
	"errors"
	"net/http"
	"testing"

	"github.com/switchboard-sim/switchboard/simulator/aicc/authv2"
	"github.com/switchboard-sim/switchboard/simulator/errs"
	"github.com/switchboard-sim/switchboard/simulator/tenant"
)

// unitState builds one tenant's State without a server or HTTP.
func unitState(t *testing.T, opts Options) *State {
	t.Helper()
	reg := tenant.NewRegistry(tenant.Options{})
	a, err := New(reg, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(a.Stop)
	return a.stateOf(reg.Ensure("unit-" + t.Name()))
}

func bearerPush(token string) authv2.Request {
	h := http.Header{}
	h.Set("Authorization", "Bearer "+token)
	return authv2.Request{Method: http.MethodPost, Path: "/aicc/receiver/r/webhooks/v1/messages", Header: h}
}

func TestReceiveIsADomainCall(t *testing.T) {
	t.Parallel()
	st := unitState(t, Options{})
	sub := &Subscription{ID: "sub-1", BaseURL: "http://x/aicc/receiver/r", Auth: AuthConfig{Mode: AuthBearer, Token: "tok"}}
	var seen []error
	record := func(err error) int { seen = append(seen, err); return 100 + len(seen) }

	ack, err := st.Receive("r", sub, bearerPush("tok"), []byte(`{"a":1}`), record)
	if err != nil || ack != (Ack{"0", "success."}) {
		t.Fatalf("verified push: ack %+v err %v, want success and no error", ack, err)
	}

	ack, err = st.Receive("r", sub, bearerPush("wrong"), []byte(`not json`), record)
	if e := errs.As(err); e.Code != errs.Unauthorized || ack.ResultCode != "401" {
		t.Fatalf("bad token: ack %+v err %v, want Unauthorized and resultCode 401", ack, err)
	}
	ack, err = st.Receive("r", nil, bearerPush("tok"), nil, record)
	if e := errs.As(err); e.Code != errs.Unauthorized || ack.ResultDesc != "no subscription in this tenant pushes to receiver r" {
		t.Fatalf("no subscription: ack %+v err %v", ack, err)
	}

	if _, err := st.SetFailure("r", FailRequest{Count: 2, Status: 503}); err != nil {
		t.Fatal(err)
	}
	for i := range 2 {
		ack, err = st.Receive("r", sub, bearerPush("tok"), nil, record)
		var inj *InjectedFailure
		if !errors.As(err, &inj) || inj.Status != 503 || inj.ResultCode != "1" || ack.ResultCode != "1" {
			t.Fatalf("injected failure %d: ack %+v err %#v, want status 503 resultCode 1", i, ack, err)
		}
	}
	if _, err = st.Receive("r", sub, bearerPush("tok"), nil, record); err != nil {
		t.Fatalf("after the plan ran out: %v, want success", err)
	}

	got := st.ReceiverInfo("r")
	if got.Count != 6 || len(got.Received) != 6 || len(got.FailPlan) != 0 {
		t.Fatalf("receiver count %d, kept %d, plan %v; want 6, 6, empty", got.Count, len(got.Received), got.FailPlan)
	}
	wantVerified := []bool{true, false, false, true, true, true}
	for i, r := range got.Received {
		if r.Status != 101+i {
			t.Errorf("push %d recorded status %d, want the adapter's answer %d", i, r.Status, 101+i)
		}
		if r.Verified != wantVerified[i] {
			t.Errorf("push %d verified %v, want %v", i, r.Verified, wantVerified[i])
		}
	}
	if string(got.Received[1].Body) != `"not json"` || got.Received[1].VerifyError == "" {
		t.Errorf("bad push recorded body %s, verifyError %q", got.Received[1].Body, got.Received[1].VerifyError)
	}
}

func TestReceiveStatusMapsOutcomes(t *testing.T) {
	t.Parallel()
	for name, c := range map[string]struct {
		err  error
		want int
	}{
		"accepted":      {nil, 200},
		"unauthorized":  {errs.New(errs.Unauthorized, "no"), 401},
		"injected 200":  {&InjectedFailure{Status: 200, ResultCode: "7"}, 200},
		"injected 502":  {&InjectedFailure{Status: 502}, 502},
		"anything else": {errors.New("boom"), 500},
	} {
		if got := receiveStatus(c.err); got != c.want {
			t.Errorf("%s: receiveStatus = %d, want %d", name, got, c.want)
		}
	}
}
