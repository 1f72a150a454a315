// Package aicc plays Huawei Cloud AICC pushing signed webhook messages
// (seed 001): subscriptions, AICC-side conversations that push DownLinkMsg
// batches, ordered at-least-once delivery with retries on the virtual clock
// and a dead-letter list, the customer's up-link (CC-Messaging send and
// downloadFileStream) and a built-in test receiver.
package aicc

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/switchboard-sim/switchboard/scenarios"
	"github.com/switchboard-sim/switchboard/simulator/errs"
	"github.com/switchboard-sim/switchboard/simulator/gateway"
	"github.com/switchboard-sim/switchboard/simulator/tenant"
)

const apiName = "aicc"

// Workers is how many push attempts run at once across all tenants.
const Workers = 32

// Options configure the AICC simulator. The zero value gives the defaults.
type Options struct {
	// DeliveryTimeout is the wall-clock timeout of one push attempt (default 5s).
	DeliveryTimeout time.Duration
	// Backoff is the first retry delay on the virtual clock, doubling per attempt (default 1s).
	Backoff time.Duration
	// Attempts is how many attempts before a push is dead-lettered (default 8).
	Attempts int
	// OnAttempt, when set, is told about every finished push attempt (metrics).
	OnAttempt func(attempt int, deadLettered bool)
}

func (o Options) withDefaults() Options {
	if o.DeliveryTimeout <= 0 {
		o.DeliveryTimeout = 5 * time.Second
	}
	if o.Backoff <= 0 {
		o.Backoff = time.Second
	}
	if o.Attempts <= 0 {
		o.Attempts = 8
	}
	return o
}

// API is the AICC simulator.
type API struct {
	opts     Options
	tenants  *tenant.Registry
	fixtures *fixtureFile
	sender   *sender
	// dispatch hands an attempt to the sender (sender.send). The delivery
	// queue calls it with the state's lock held; unit tests replace it to
	// run the queue without HTTP.
	dispatch func(*State, job)
	ctx      context.Context
	stop     context.CancelFunc
	// rt runs scenarios (scenario.go); nil until the server binds it.
	rt atomic.Pointer[scenarios.Runtime]
}

// New loads the fixtures and returns the API. Pushes start as soon as a
// conversation emits; Stop cancels the ones in flight.
func New(reg *tenant.Registry, opts Options) (*API, error) {
	fx, err := loadFixtures()
	if err != nil {
		return nil, err
	}
	opts = opts.withDefaults()
	ctx, stop := context.WithCancel(context.Background())
	a := &API{opts: opts, tenants: reg, fixtures: fx, sender: newSender(Workers, opts.DeliveryTimeout), ctx: ctx, stop: stop}
	a.dispatch = a.sender.send
	return a, nil
}

// Start is part of gateway.Starter: the sender needs no warm-up.
func (a *API) Start() error { return nil }

// Drain lets the pushes being sent, and the ones queued behind them, go out
// before the server stops, until ctx ends (gateway.Drainer). Pushes waiting
// for a retry on the virtual clock stay queued; with a state file they are
// made again when it is replayed. It returns the attempts cut short.
func (a *API) Drain(ctx context.Context) int { return a.sender.drain(ctx) }

// Stop cancels every attempt in flight and waits for the senders to return.
func (a *API) Stop() {
	a.stop()
	a.sender.stop()
}

// Name is the API's id and URL prefix.
func (a *API) Name() string { return apiName }

// Authenticate reads the up-link's `Authorization: Bearer <AccessToken>`;
// the token names the tenant. (The receiver resolves its tenant itself.)
func (a *API) Authenticate(c *gin.Context) (string, error) {
	h := c.GetHeader("Authorization")
	scheme, token, ok := strings.Cut(h, " ")
	token = strings.TrimSpace(token)
	if !ok || !strings.EqualFold(scheme, "Bearer") || token == "" {
		return "", errs.New(errs.Unauthorized, "send Authorization: Bearer <AccessToken> (the tokenByAKSK AccessToken)")
	}
	return token, nil
}

// WriteError renders CC-Messaging's {resultCode, resultDesc}; resultCode is
// "2" for a parameter error, otherwise the HTTP status as a string.
func (a *API) WriteError(c *gin.Context, e *errs.Error) {
	status := gateway.Status(e.Code)
	code := strconv.Itoa(status)
	if status == http.StatusBadRequest {
		code = "2"
	}
	body := gin.H{"resultCode": code, "resultDesc": e.Message}
	if len(e.Fields) > 0 {
		body["fields"] = e.Fields
	}
	gateway.JSON(c, status, body)
}

// Handlers binds every operationId of openapi/aicc.yaml.
func (a *API) Handlers() map[string]gin.HandlerFunc {
	return map[string]gin.HandlerFunc{
		"SendMessage":           a.sendMessage,
		"DownloadFileStream":    a.downloadFileStream,
		"DownloadFileStreamRaw": a.downloadFileRaw,
		"ReceiverPushMessages":  a.receive,
	}
}

func (a *API) stateOf(t *tenant.Tenant) *State {
	return t.State(apiName, func(t *tenant.Tenant) any { return newState(a, t) }).(*State)
}

// Fixtures lists the values tests need: flows, names, auth.
func (a *API) Fixtures(t *tenant.Tenant) any {
	names := make([]string, 0, len(a.fixtures.Flows))
	for n := range a.fixtures.Flows {
		names = append(names, n)
	}
	out := map[string]any{
		"auth":       []string{"Authorization: Bearer <AccessToken>", "x-app-key: <appKey>"},
		"flows":      names,
		"robotName":  a.fixtures.RobotName,
		"agentNames": a.fixtures.AgentNames,
	}
	if t != nil {
		out["subscriptions"] = a.stateOf(t).Subscriptions()
	}
	return out
}
