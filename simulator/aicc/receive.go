package aicc

import (
	"encoding/json"
	"strings"

	"github.com/switchboard-sim/switchboard/simulator/aicc/authv2"
	"github.com/switchboard-sim/switchboard/simulator/errs"
)

// verifyPush checks a push's Authorization against the subscription.
func verifyPush(sub Subscription, req authv2.Request) error {
	h := req.Header.Get("Authorization")
	switch sub.Auth.Mode {
	case AuthV2:
		p, err := authv2.Verify(h, req, sub.Auth.SecretKey)
		if err == nil && p.AccessKey != sub.Auth.AccessKey {
			return errs.New(errs.Unauthorized, "auth-v2 access key %q is not the subscription's", p.AccessKey)
		}
		return err
	case AuthBearer:
		if h != "Bearer "+sub.Auth.Token {
			return errs.New(errs.Unauthorized, "the bearer token is not the subscription's")
		}
	}
	return nil
}

// InjectedFailure is the outcome of a push that met a failure rule the
// control plane queued (POST /aicc/receivers/{name}/fail): the receiver
// answers with the rule's status and resultCode.
type InjectedFailure struct {
	Status     int // as the rule gave it; the rule may ask for 200 with a failing resultCode
	ResultCode string
}

func (f *InjectedFailure) Error() string {
	return "failure injected by the control plane"
}

// Receive handles one push to the named receiver: verify, maybe fail as
// told, record. It returns the receiver's answer and, unless the push is
// accepted, why not:
//   - an *errs.Error with code Unauthorized when no subscription pushes to
//     the receiver or the push's credentials do not verify;
//   - an *InjectedFailure when a queued failure rule applied.
//
// answered maps that outcome to the status the receiver replies with (the
// HTTP adapter's receiveStatus); Receive records it with the push, in the
// same critical section, so a reader never sees a push without its answer.
func (s *State) Receive(name string, sub *Subscription, req authv2.Request, body []byte, answered func(error) int) (Ack, error) {
	verr := error(nil)
	if sub != nil {
		verr = verifyPush(*sub, req)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	r := s.receiverLocked(name)
	r.Count++
	rec := Received{Seq: r.Count, Time: s.now(), Headers: map[string]string{}, Verified: sub != nil && verr == nil}
	if sub != nil {
		rec.SubscriptionID = sub.ID
	}
	for k := range req.Header {
		rec.Headers[k] = req.Header.Get(k)
	}
	if json.Valid(body) {
		rec.Body = append(json.RawMessage(nil), body...)
	} else {
		rec.Body, _ = json.Marshal(string(body))
	}
	ack, err := Ack{ResultCode: "0", ResultDesc: "success."}, error(nil)
	switch {
	case sub == nil:
		ack = Ack{"401", "no subscription in this tenant pushes to receiver " + name}
		err = errs.New(errs.Unauthorized, "%s", ack.ResultDesc)
		rec.VerifyError = ack.ResultDesc
	case verr != nil:
		ack, err = Ack{"401", verr.Error()}, &errs.Error{Code: errs.Unauthorized, Message: verr.Error()}
		rec.VerifyError = verr.Error()
	case len(r.FailPlan) > 0:
		f := &r.FailPlan[0]
		ack = Ack{f.ResultCode, "failure injected by the control plane"}
		if ack.ResultCode == "" {
			ack.ResultCode = "1"
		}
		err = &InjectedFailure{Status: f.Status, ResultCode: ack.ResultCode}
		if f.Count--; f.Count == 0 {
			r.FailPlan = r.FailPlan[1:]
		}
	}
	rec.Status, rec.ResultCode = answered(err), ack.ResultCode
	r.Received = append(r.Received, rec)
	if n := len(r.Received); n > maxReceived+maxReceived/4 {
		r.Received = append([]Received(nil), r.Received[n-maxReceived:]...)
	}
	return ack, err
}

// subscriptionFor finds the subscription pushing to the named receiver
// whose credentials match the request: the access key for auth-v2, the
// token for bearer. The first in id order wins.
func (s *State) subscriptionFor(name string, req authv2.Request) *Subscription {
	s.mu.Lock()
	defer s.mu.Unlock()
	suffix := "/receiver/" + name
	var fallback *Subscription
	for _, sub := range s.sortedSubsLocked() {
		if !strings.HasSuffix(sub.basePath(), suffix) {
			continue
		}
		c := *sub
		if verifyPush(c, req) == nil {
			return &c
		}
		if fallback == nil {
			fallback = &c
		}
	}
	return fallback
}

// receiverTarget finds the tenant state and subscription a push to the named
// built-in receiver belongs to: the tenant named by tenantID when there is
// one, or else the tenant whose subscription pushing to /receiver/{name}
// verifies the push (the first that merely points there, if none verifies).
// st is nil when no tenant has such a subscription.
func (a *API) receiverTarget(name, tenantID string, req authv2.Request) (st *State, sub *Subscription) {
	if tenantID != "" {
		if t, ok := a.tenants.Lookup(tenantID); ok {
			st = a.stateOf(t)
			sub = st.subscriptionFor(name, req)
		}
		return st, sub
	}
	for _, t := range a.tenants.All() {
		v, ok := t.Peek(apiName)
		if !ok {
			continue
		}
		s := v.(*State)
		if found := s.subscriptionFor(name, req); found != nil && (sub == nil || verifyPush(*found, req) == nil) {
			st, sub = s, found
			if verifyPush(*found, req) == nil {
				break
			}
		}
	}
	return st, sub
}
