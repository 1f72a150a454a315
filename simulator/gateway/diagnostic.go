package gateway

import (
	"encoding/json"
	"net/http"
	"strconv"

	"github.com/switchboard-sim/switchboard/simulator/errs"
)

// DiagnosticHeader names the kind of a Diagnostic on its answer, so a client
// can tell the simulator's own failure from a vendor's error without reading
// the body.
const DiagnosticHeader = "X-Switchboard-Error"

// The kinds of Diagnostic.
const (
	// DiagStartUp: the API's engine could not be built from its spec.
	DiagStartUp = "start-up"
	// DiagNoSuchAPI: the path is under no vendor API and not the control plane.
	DiagNoSuchAPI = "no-such-api"
	// DiagInternal: a handler panicked.
	DiagInternal = "internal"
	// DiagStateFile: an accepted write could not be made durable.
	DiagStateFile = "state-file"
	// DiagResponseContract: the simulator's answer breaks its own spec
	// (only with strict responses).
	DiagResponseContract = "response-contract"
)

// Diagnostic is the simulator's own failure: class (c) of the three failure
// classes (a vendor's documented error, a client that broke the contract, the
// simulator that could not serve). It is never written in a vendor's shape,
// so it cannot be mistaken for the vendor's behaviour. WriteDiagnostic is its
// one writer: {"switchboardError":{"kind":...,"message":...}} with the kind in
// the X-Switchboard-Error header.
type Diagnostic struct {
	Kind    string `json:"kind"`
	Message string `json:"message"`
	// Status is the HTTP status of the answer (500 when zero); it is not
	// part of the body.
	Status int `json:"-"`

	// Optional context, written when set.
	API        string       `json:"api,omitempty"`
	Operation  string       `json:"operation,omitempty"`
	Violations []errs.Field `json:"violations,omitempty"`
	// Answer is the status and body the simulator would have sent.
	AnswerStatus int    `json:"status,omitempty"`
	Body         string `json:"body,omitempty"`
	Detail       string `json:"detail,omitempty"`
}

func (d *Diagnostic) Error() string { return d.Kind + ": " + d.Message }

func (d *Diagnostic) status() int {
	if d.Status == 0 {
		return http.StatusInternalServerError
	}
	return d.Status
}

// WriteDiagnostic writes d as the whole answer on w.
func WriteDiagnostic(w http.ResponseWriter, d *Diagnostic) {
	b, err := json.Marshal(struct {
		D *Diagnostic `json:"switchboardError"`
	}{d})
	if err != nil { // only a Violation with an unencodable value could do this
		b = []byte(`{"switchboardError":{"kind":` + strconv.Quote(d.Kind) + `,"message":"the diagnostic could not be encoded"}}`)
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set(DiagnosticHeader, d.Kind)
	h.Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(d.status())
	_, _ = w.Write(b)
}
