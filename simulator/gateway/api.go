// Package gateway turns a vendor's OpenAPI spec into served routes. Every
// operation in the spec is bound to the vendor's handler of the same
// operationId (start-up fails when one is missing), and every request runs
// the same pipeline: body limit, the vendor's auth, tenant resolution,
// request validation, the handler, response validation and the journal.
package gateway

import (
	"context"
	"github.com/gin-gonic/gin"
	"time"

	"github.com/switchboard-sim/switchboard/simulator/errs"
	"github.com/switchboard-sim/switchboard/simulator/tenant"
)

// API is one simulated vendor API.
type API interface {
	// Name is the API's id: its URL prefix (/name) and its spec's file name.
	Name() string
	// Authenticate extracts the request's credential in the vendor's own
	// scheme, or returns an errs.Unauthorized error.
	Authenticate(c *gin.Context) (credential string, err error)
	// WriteError renders err in the vendor's error shape and status.
	WriteError(c *gin.Context, err *errs.Error)
	// Handlers maps every operationId of the spec to its handler.
	Handlers() map[string]gin.HandlerFunc
}

// Fixturer is implemented by APIs that can list a tenant's fixture values
// (ids, numbers, magic values) for the control plane. t may be nil, for the
// values every tenant shares.
type Fixturer interface {
	Fixtures(t *tenant.Tenant) any
}

// Admin is implemented by APIs that add control-plane operations. Their
// operationIds are declared in openapi/admin-<name>.yaml.
type Admin interface {
	AdminHandlers() map[string]gin.HandlerFunc
}

// Preflighter is implemented by APIs that answer CORS preflights. The
// gateway routes OPTIONS on every path of the spec to it.
type Preflighter interface {
	Preflight(c *gin.Context)
}

// Aliaser is implemented by APIs whose vendor serves the same operations
// under a second path prefix (MaiAgent's /api/ and /api/v1/).
type Aliaser interface {
	// PathAliases maps a spec path prefix to another prefix it is also served under.
	PathAliases() map[string]string
}

// Starter is implemented by APIs that run background work (webhook
// senders). Start is called once when the server opens and Stop when it closes.
type Starter interface {
	Start() error
	Stop()
}

// LongPoller is implemented by APIs whose operations hold a request open
// until something happens (Bright Pattern's Get New Chat Events), so
// metrics can count open long polls.
type LongPoller interface {
	// LongPolls names the operations (operationIds) that long-poll.
	LongPolls() []string
}

// Observer is told about every answered vendor request and every stream
// held open (the server's metrics).
type Observer interface {
	Request(api, operation string, status int, took time.Duration, violations int, fault string)
	// Stream moves the count of open streams of a kind: "sse" or "long-poll".
	Stream(api, kind string, delta int)
}

// Drainer is a Starter with outbound work queued (webhook replies, pushes)
// that it can finish before it stops: Drain returns when the work is done
// or ctx ends, with how much was left.
type Drainer interface {
	Drain(ctx context.Context) int
}
