// Package llamadapro simulates the LlamadaPro REST API (seed 002): tasks,
// contacts, conversations, WhatsApp messages, custom fields, calls and
// recordings, each stateful per tenant and timed by the tenant's clock.
package llamadapro

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/switchboard-sim/switchboard/scenarios"
	"github.com/switchboard-sim/switchboard/simulator/errs"
	"github.com/switchboard-sim/switchboard/simulator/gateway"
	"github.com/switchboard-sim/switchboard/simulator/tenant"
)

const apiName = "llamadapro"

// API is the LlamadaPro simulator.
type API struct {
	fixtures *fixtureFile
	rt       *scenarios.Runtime // set once by BindScenarios
}

// New loads the fixtures and returns the API.
func New() (*API, error) {
	fx, err := loadFixtures()
	if err != nil {
		return nil, err
	}
	return &API{fixtures: fx}, nil
}

// Name is the API's id and URL prefix.
func (a *API) Name() string { return apiName }

// Authenticate accepts `Authorization: Bearer <key>` or `x-api-key: <key>`.
func (a *API) Authenticate(c *gin.Context) (string, error) {
	// Canonical spelling: Header.Get allocates to canonicalize any other.
	if k := strings.TrimSpace(c.GetHeader("X-Api-Key")); k != "" {
		return k, nil
	}
	h := c.GetHeader("Authorization")
	if h == "" {
		return "", errs.New(errs.Unauthorized, "missing API key: send Authorization: Bearer <key> or x-api-key: <key>")
	}
	scheme, key, ok := strings.Cut(h, " ")
	key = strings.TrimSpace(key)
	if !ok || !strings.EqualFold(scheme, "Bearer") || key == "" {
		return "", errs.New(errs.Unauthorized, "malformed Authorization header: expected Bearer <key>")
	}
	return key, nil
}

// WriteError renders the seed's error body {code, error, message, details}.
func (a *API) WriteError(c *gin.Context, e *errs.Error) {
	status := gateway.Status(e.Code)
	details := map[string]any{}
	for _, f := range e.Fields {
		d := map[string]any{"message": f.Reason}
		if f.In != "" {
			d["in"] = f.In
		}
		if f.Rule != "" {
			d["rule"] = f.Rule
		}
		details[f.Name] = d
	}
	gateway.JSON(c, status, gin.H{"code": status, "error": http.StatusText(status), "message": e.Message, "details": details})
}

// Handlers binds every operationId of openapi/llamadapro.yaml.
func (a *API) Handlers() map[string]gin.HandlerFunc {
	return map[string]gin.HandlerFunc{
		"GetTasks":   a.getTasks,
		"CreateTask": a.createTask,
		"GetTask":    a.getTask,
		"UpdateTask": a.updateTask,
		"DeleteTask": a.deleteTask,

		"GetContacts":    a.getContacts,
		"CreateContact":  a.createContact,
		"GetContact":     a.getContact,
		"UpdateContact":  a.updateContact,
		"DeleteContact":  a.deleteContact,
		"SearchContacts": a.searchContacts,

		"Create":          a.createConversation,
		"GetConversation": a.getConversation,
		"BulkCreate":      a.bulkCreate,
		"BulkUpdate":      a.bulkUpdate,

		"GetMessage":            a.getMessage,
		"CreateMessage":         a.createMessage,
		"CreateTemplateMessage": a.createTemplateMessage,
		"UploadMedia":           a.uploadMedia,
		"GetMediaContent":       a.getMediaContent,

		"GetCustomFieldDefinitions":   a.getDefinitions,
		"CreateCustomFieldDefinition": a.createDefinition,
		"GetCustomFieldDefinition":    a.getDefinition,
		"UpdateCustomFieldDefinition": a.updateDefinition,
		"DeleteCustomFieldDefinition": a.deleteDefinition,
		"GetCustomFieldListOptions":   a.getOptions,
		"CreateCustomFieldListOption": a.createOption,
		"GetCustomFieldListOption":    a.getOption,
		"UpdateCustomFieldListOption": a.updateOption,
		"DeleteCustomFieldListOption": a.deleteOption,

		"StartAgentCall":       a.startAgentCallV2,
		"StartAgentCallV1":     a.startAgentCallV1,
		"StartBridgeCall":      a.startBridgeCall,
		"CreateCall":           a.createCall,
		"GetCall":              a.getCall,
		"GetCallRecording":     a.getCallRecording,
		"GetCallTranscription": a.getCallTranscription,
		"LoadRecording":        a.loadRecording,
		"GetRecording":         a.getRecording,
		"GetRecordingAudio":    a.getRecordingAudio,
	}
}

// state is the request tenant's LlamadaPro state.
func (a *API) state(c *gin.Context) *State { return a.stateOf(gateway.Tenant(c)) }

func (a *API) stateOf(t *tenant.Tenant) *State {
	return t.State(apiName, func(t *tenant.Tenant) any {
		s := newState(t, a.fixtures)
		s.script = scripting{rt: a.rt, t: t}
		return s
	}).(*State)
}

// Fixtures lists the values tests need: stable ids and, for a tenant, its
// generated task ids by status.
func (a *API) Fixtures(t *tenant.Tenant) any {
	out := map[string]any{"auth": []string{"Authorization: Bearer <key>", "x-api-key: <key>"}}
	var fixed []string
	for _, f := range a.fixtures.Tasks.Fixed {
		fixed = append(fixed, f.ID)
	}
	out["taskIds"] = fixed
	fx := a.fixtures
	var contacts []int64
	for _, c := range fx.Contacts.Fixed {
		contacts = append(contacts, c.ID)
	}
	out["contactIds"] = contacts
	out["generatedContactIds"] = map[string]int64{"first": fx.Contacts.Generated.FirstID, "last": fx.Contacts.Generated.FirstID + int64(fx.Contacts.Generated.Count) - 1}
	var convs []int64
	for _, c := range fx.Conversations {
		convs = append(convs, c.ID)
	}
	out["conversationIds"] = convs
	out["funnels"] = fx.Funnels
	fields := map[string]int64{}
	for _, f := range fx.CustomFields {
		fields[f.EntityType+"."+f.FieldKey] = f.ID
	}
	out["customFieldDefinitionIds"] = fields
	out["whatsappTemplates"] = fx.Templates
	var files []string
	for _, f := range fx.Files {
		files = append(files, f.ID)
	}
	out["fileIds"] = files
	out["voiceAgents"] = fx.VoiceAgents
	out["magicNumbers"] = fx.Calls.Magic
	out["defaultFromNumber"] = fx.Calls.DefaultFrom
	if t != nil {
		out["tasksByStatus"] = a.stateOf(t).taskIDsByStatus()
	}
	return out
}
