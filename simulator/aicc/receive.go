package aicc

import (
	"encoding/json"
	"net/http"
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

// Receive handles one push to the named receiver: verify, maybe fail as
// told, record. It returns the status and answer to send.
func (s *State) Receive(name string, sub *Subscription, req authv2.Request, body []byte) (int, Ack) {
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
	status, ack := http.StatusOK, Ack{ResultCode: "0", ResultDesc: "success."}
	switch {
	case sub == nil:
		status, ack = http.StatusUnauthorized, Ack{"401", "no subscription in this tenant pushes to receiver " + name}
		rec.VerifyError = ack.ResultDesc
	case verr != nil:
		status, ack = http.StatusUnauthorized, Ack{"401", verr.Error()}
		rec.VerifyError = verr.Error()
	case len(r.FailPlan) > 0:
		f := &r.FailPlan[0]
		status, ack = f.Status, Ack{f.ResultCode, "failure injected by the control plane"}
		if ack.ResultCode == "" {
			ack.ResultCode = "1"
		}
		if f.Count--; f.Count == 0 {
			r.FailPlan = r.FailPlan[1:]
		}
	}
	rec.Status, rec.ResultCode = status, ack.ResultCode
	r.Received = append(r.Received, rec)
	if n := len(r.Received); n > maxReceived+maxReceived/4 {
		r.Received = append([]Received(nil), r.Received[n-maxReceived:]...)
	}
	return status, ack
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
