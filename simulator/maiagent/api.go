// Package maiagent simulates the MaiAgent API (seed 004, "Conversations and
// Messages"): chatbot completions streamed as Server-Sent Events,
// conversations and messages with cursor paging, webhook-delivered replies,
// conversation records with an Excel export, and the presigned upload flow
// the official examples use for attachments. Paths are served under /api/
// and /api/v1/, authenticated with `Authorization: Api-Key <key>`, and
// errors are Django REST Framework bodies.
package maiagent

import (
	"context"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/switchboard-sim/switchboard/scenarios"
	"github.com/switchboard-sim/switchboard/simulator/errs"
	"github.com/switchboard-sim/switchboard/simulator/tenant"
)

const apiName = "maiagent"

// Options configure the MaiAgent simulator.
type Options struct {
	// TokenDelay paces streamed reply tokens on the wall clock (zero in tests).
	TokenDelay time.Duration
	// WebhookTimeout bounds one webhook delivery on the wall clock
	// (DefaultWebhookTimeout when zero).
	WebhookTimeout time.Duration
}

// API is the MaiAgent simulator.
type API struct {
	opts     Options
	tenants  *tenant.Registry
	fixtures *fixtureFile
	hooks    *deliverer
	rt       *scenarios.Runtime // nil until the server binds it
}

// New loads the fixtures and returns the API.
func New(tenants *tenant.Registry, opts Options) (*API, error) {
	fx, err := loadFixtures()
	if err != nil {
		return nil, err
	}
	return &API{opts: opts, tenants: tenants, fixtures: fx, hooks: newDeliverer(opts.WebhookTimeout)}, nil
}

// Name is the API's id and URL prefix.
func (a *API) Name() string { return apiName }

// PathAliases serves every /api/ path under /api/v1/ too: the API reference
// writes /api/, the official examples and guides use /api/v1/.
func (a *API) PathAliases() map[string]string { return map[string]string{"/api/": "/api/v1/"} }

// Start runs the webhook deliverer.
func (a *API) Start() error {
	a.hooks.start()
	return nil
}

// Stop stops the webhook deliverer and waits for it.
func (a *API) Stop() { a.hooks.stop() }

// Drain delivers the webhook replies queued so far before the server stops,
// until ctx ends (gateway.Drainer); it returns how many were left.
func (a *API) Drain(ctx context.Context) int { return a.hooks.drainFor(ctx) }

// Authenticate reads `Authorization: Api-Key <key>` (djangorestframework-api-key).
func (a *API) Authenticate(c *gin.Context) (string, error) {
	h := strings.TrimSpace(c.GetHeader("Authorization"))
	if h == "" {
		return "", errs.New(errs.Unauthorized, "Authentication credentials were not provided.")
	}
	scheme, key, ok := strings.Cut(h, " ")
	key = strings.TrimSpace(key)
	if !ok || !strings.EqualFold(scheme, "Api-Key") || key == "" || strings.ContainsAny(key, " \t") {
		return "", errs.New(errs.Unauthorized, "Invalid API key format.")
	}
	return key, nil
}

// Handlers binds every operationId of openapi/maiagent.yaml.
func (a *API) Handlers() map[string]gin.HandlerFunc {
	return map[string]gin.HandlerFunc{
		"CreateCompletion":   a.createCompletion,
		"CreateMessage":      a.createMessage,
		"ListMessages":       a.listMessages,
		"GetMessage":         a.getMessage,
		"CreateConversation": a.createConversation,
		"ListConversations":  a.listConversations,
		"GetConversation":    a.getConversation,
		"ListRecords":        a.listRecords,
		"ExportRecords":      a.exportRecords,
		"CreateUploadURL":    a.createUploadURL,
		"UploadFile":         a.uploadFile,
		"CreateAttachment":   a.createAttachment,
		"GetAttachmentFile":  a.getAttachmentFile,
		"ListInboxes":        a.listInboxes,
	}
}

// AdminHandlers binds openapi/admin-maiagent.yaml.
func (a *API) AdminHandlers() map[string]gin.HandlerFunc {
	return map[string]gin.HandlerFunc{
		"MaiAgentSetWebhook":     a.adminSetWebhook,
		"MaiAgentGetWebhook":     a.adminGetWebhook,
		"MaiAgentListDeliveries": a.adminDeliveries,
	}
}

// state is the request tenant's MaiAgent state.
func (a *API) stateOf(t *tenant.Tenant) *State {
	return t.State(apiName, func(t *tenant.Tenant) any { return newState(t, a.fixtures, a.tenants.Seed()) }).(*State)
}

// Fixtures lists the fixture ids a test needs: chatbots with their web
// chats, inboxes and knowledge-base questions, and the contacts.
func (a *API) Fixtures(*tenant.Tenant) any {
	type webChat struct {
		ID      string `json:"id"`
		Name    string `json:"name"`
		InboxID string `json:"inboxId"`
	}
	type bot struct {
		ID        string    `json:"id"`
		Name      string    `json:"name"`
		WebChats  []webChat `json:"webChats"`
		Questions []string  `json:"knowledgeBaseQuestions"`
	}
	var bots []bot
	for _, b := range a.fixtures.Chatbots {
		out := bot{ID: b.ID, Name: b.Name}
		for _, w := range b.WebChats {
			out.WebChats = append(out.WebChats, webChat{ID: w.ID, Name: w.Name, InboxID: w.Inbox.ID})
		}
		for _, e := range b.KnowledgeBase {
			out.Questions = append(out.Questions, e.Question)
		}
		bots = append(bots, out)
	}
	var contacts []string
	for _, c := range a.fixtures.Contacts {
		contacts = append(contacts, c.ID)
	}
	return map[string]any{"auth": "Authorization: Api-Key <key>", "chatbots": bots, "contactIds": contacts}
}
