// Package brightpattern simulates the Bright Pattern Mobile/Web chat API v1
// (seed 003): availability, parameters, chats, client and server events
// with a real long poll, files and profile photos, played against a
// simulated agent timed by the tenant's virtual clock.
package brightpattern

import (
	"time"

	"github.com/gin-gonic/gin"

	"github.com/switchboard-sim/switchboard/scenarios"
	"github.com/switchboard-sim/switchboard/simulator/gateway"
	"github.com/switchboard-sim/switchboard/simulator/tenant"
)

const apiName = "brightpattern"

// Options configure the Bright Pattern simulator.
type Options struct {
	// PollHold is how long Get New Chat Events holds a request with no events (default 10s, under the widget's 13s abort).
	PollHold time.Duration
}

// API is the Bright Pattern simulator.
type API struct {
	opts     Options
	tenants  *tenant.Registry
	fixtures *fixtureFile
	rt       *scenarios.Runtime // set by BindScenarios at start-up
}

// New loads the fixtures and returns the API.
func New(tenants *tenant.Registry, opts Options) (*API, error) {
	if opts.PollHold <= 0 {
		opts.PollHold = 10 * time.Second
	}
	fx, err := loadFixtures()
	if err != nil {
		return nil, err
	}
	return &API{opts: opts, tenants: tenants, fixtures: fx}, nil
}

// Name is the API's id and URL prefix.
func (a *API) Name() string { return apiName }

// LongPolls names the long-polling operation, for the open-streams metric.
func (a *API) LongPolls() []string { return []string{"GetNewChatEvents"} }

// Handlers binds every operationId of openapi/brightpattern.yaml. Every
// answer carries the CORS headers the web widget needs.
func (a *API) Handlers() map[string]gin.HandlerFunc {
	h := map[string]gin.HandlerFunc{
		"CheckAvailability":     a.availability,
		"GetExpectedParameters": a.parameters,
		"GetConfiguration":      a.configuration,
		"RequestChat":           a.requestChat,
		"RequestSMSChat":        a.requestSMS,
		"GetActiveChat":         a.activeChat,
		"SendEvents":            a.sendEvents,
		"GetNewChatEvents":      a.pollEvents,
		"GetChatHistory":        a.history,
		"UploadFile":            a.upload,
		"GetFile":               a.getFile,
		"GetProfilePhoto":       a.profilePhoto,
	}
	for id, fn := range h {
		h[id] = withCORS(fn)
	}
	return h
}

// AdminHandlers binds the operations of openapi/admin-brightpattern.yaml.
func (a *API) AdminHandlers() map[string]gin.HandlerFunc {
	return map[string]gin.HandlerFunc{
		"BrightPatternListChats":  a.adminChats,
		"BrightPatternDriveAgent": a.adminDrive,
		"BrightPatternGetService": a.adminGetService,
		"BrightPatternSetService": a.adminSetService,
	}
}

// state is the request tenant's Bright Pattern state.
func (a *API) state(c *gin.Context) *State { return a.stateOf(gateway.Tenant(c)) }

func (a *API) stateOf(t *tenant.Tenant) *State {
	return t.State(apiName, func(t *tenant.Tenant) any {
		s := newState(t, a.fixtures)
		if a.rt != nil {
			s.sp = &scripting{rt: a.rt, t: t}
		}
		return s
	}).(*State)
}

// Fixtures lists what tests need: the auth header, app ids, agents and,
// for a tenant, its chats' ids.
func (a *API) Fixtures(t *tenant.Tenant) any {
	apps := make([]string, 0, len(a.fixtures.Apps))
	for id := range a.fixtures.Apps {
		apps = append(apps, id)
	}
	sortStrings(apps)
	out := map[string]any{
		"auth":       `Authorization: MOBILE-API-140-327-PLAIN appId="<appId>", clientId="<device id or WebChat>"; tenant = tenantUrl + "/" + appId`,
		"appIds":     apps,
		"agents":     a.fixtures.Agents,
		"bot":        a.fixtures.Bot,
		"cookieName": cookieName,
	}
	if t != nil {
		if s, ok := t.Peek(apiName); ok {
			var ids []string
			for _, v := range s.(*State).Chats(t.ID()) {
				ids = append(ids, v.ChatID)
			}
			out["chatIds"] = ids
		}
	}
	return out
}
