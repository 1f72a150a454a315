package aicc

import (
	"encoding/json"
	"net/http"
	"time"

	"github.com/switchboard-sim/switchboard/simulator/errs"
)

// Receiver is a built-in test receiver at
// /aicc/receiver/{name}/webhooks/v1/messages in one tenant.
type Receiver struct {
	Name     string        `json:"name"`
	FailPlan []FailRequest `json:"failPlan"`
	Count    int           `json:"count"`
	Received []Received    `json:"received"`
}

// Received is one push as the built-in receiver saw it.
type Received struct {
	Seq            int               `json:"seq"`
	Time           time.Time         `json:"time"`
	SubscriptionID string            `json:"subscriptionId"`
	Headers        map[string]string `json:"headers"`
	Body           json.RawMessage   `json:"body"`
	Verified       bool              `json:"verified"`
	VerifyError    string            `json:"verifyError,omitempty"`
	Status         int               `json:"status"`
	ResultCode     string            `json:"resultCode"`
}

// FailRequest tells a receiver to fail its next Count pushes with Status
// and ResultCode. Requests queue up: "3 with 500, then 1 with resultCode 1"
// is two requests. Count 0 clears the plan.
type FailRequest struct {
	Count      int    `json:"count"`
	Status     int    `json:"status"`
	ResultCode string `json:"resultCode"`
}

const maxFailPlan = 100

// Ack is the receiver's answer.
type Ack struct {
	ResultCode string `json:"resultCode"`
	ResultDesc string `json:"resultDesc"`
}

func (s *State) receiverLocked(name string) *Receiver {
	r := s.receivers[name]
	if r == nil {
		r = &Receiver{Name: name, FailPlan: []FailRequest{}, Received: []Received{}}
		s.receivers[name] = r
	}
	return r
}

// SetFailure queues a failure rule: the next Count pushes (after the rules
// already queued) fail with Status (default 200) and ResultCode (default
// "1"; the injected body's resultCode also defaults to "1" for other statuses).
func (s *State) SetFailure(name string, f FailRequest) (Receiver, error) {
	var c errs.Collector
	if f.Count < 0 {
		c.Add("count", "must be 0 or more")
	}
	if f.Status == 0 {
		f.Status = http.StatusOK
	}
	if f.Status < 200 || f.Status > 599 {
		c.Add("status", "must be an HTTP status from 200 to 599")
	}
	if f.Status == http.StatusOK && f.ResultCode == "" {
		f.ResultCode = "1"
	}
	if f.Status == http.StatusOK && f.ResultCode == "0" {
		c.Add("resultCode", "\"0\" is success; a failing 200 needs another resultCode")
	}
	if err := c.Err(); err != nil {
		return Receiver{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	r := s.receiverLocked(name)
	switch {
	case f.Count == 0:
		r.FailPlan = []FailRequest{}
	case len(r.FailPlan) >= maxFailPlan:
		return Receiver{}, errs.InvalidField("count", "the receiver already has 100 failure rules queued; send count 0 to clear them")
	default:
		r.FailPlan = append(r.FailPlan, f)
	}
	return r.copy(), nil
}

// ReceiverInfo returns what a receiver got so far.
func (s *State) ReceiverInfo(name string) Receiver {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.receiverLocked(name).copy()
}

func (r *Receiver) copy() Receiver {
	out := *r
	out.Received = append([]Received{}, r.Received...)
	out.FailPlan = append([]FailRequest{}, r.FailPlan...)
	return out
}
