package aicc

import (
	"encoding/json"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/switchboard-sim/switchboard/simulator/errs"
	"github.com/switchboard-sim/switchboard/simulator/gateway"
)

// AdminHandlers binds the operations of openapi/admin-aicc.yaml.
func (a *API) AdminHandlers() map[string]gin.HandlerFunc {
	return map[string]gin.HandlerFunc{
		"AiccListSubscriptions": a.withState(func(c *gin.Context, s *State) {
			gateway.JSON(c, http.StatusOK, gin.H{"subscriptions": s.Subscriptions()})
		}),
		"AiccCreateSubscription": a.withState(a.createSubscription),
		"AiccDeleteSubscription": a.withState(func(c *gin.Context, s *State) {
			respond(c, gin.H{"deleted": c.Param("id")}, s.Unsubscribe(c.Param("id")))
		}),
		"AiccListConversations": a.withState(func(c *gin.Context, s *State) {
			gateway.JSON(c, http.StatusOK, gin.H{"conversations": s.Conversations()})
		}),
		"AiccStartConversation": a.withState(a.startConversation),
		"AiccGetConversation": a.withState(func(c *gin.Context, s *State) {
			conv, err := s.Conversation(c.Param("id"))
			respond(c, conv, err)
		}),
		"AiccPushMessages":   a.withState(a.pushMessages),
		"AiccListDeliveries": a.withState(a.listDeliveries),
		"AiccListDeadLetters": a.withState(func(c *gin.Context, s *State) {
			gateway.JSON(c, http.StatusOK, gin.H{"deadLetters": s.DeadLetters()})
		}),
		"AiccRedeliver": a.withState(func(c *gin.Context, s *State) {
			r, err := s.Redeliver(c.Param("id"))
			respond(c, r, err)
		}),
		"AiccGetReceiver": a.withState(func(c *gin.Context, s *State) { gateway.JSON(c, http.StatusOK, s.ReceiverInfo(c.Param("name"))) }),
		"AiccFailReceiver": a.withState(func(c *gin.Context, s *State) {
			var in FailRequest
			if !decode(c, &in) {
				return
			}
			r, err := s.SetFailure(c.Param("name"), in)
			respond(c, r, err)
		}),
		"AiccListFlows": func(c *gin.Context) { gateway.JSON(c, http.StatusOK, gin.H{"flows": a.fixtures.Flows}) },
	}
}

// withState resolves ?tenant= (required) to the tenant's AICC state.
func (a *API) withState(h func(*gin.Context, *State)) gin.HandlerFunc {
	return func(c *gin.Context) {
		t := gateway.TenantParam(c, a.tenants)
		if t == nil {
			gateway.Fail(c, &errs.Error{Code: errs.Invalid, Message: "tenant: give ?tenant= (a tenant id or credential)",
				Fields: []errs.Field{{Name: "tenant", In: "query", Reason: "is required"}}})
			return
		}
		h(c, a.stateOf(t))
	}
}

func decode(c *gin.Context, v any) bool {
	if err := json.Unmarshal(gateway.Body(c), v); err != nil {
		gateway.Fail(c, errs.InvalidField("body", err.Error()))
		return false
	}
	return true
}

func respond(c *gin.Context, v any, err error) {
	if err != nil {
		gateway.Fail(c, err)
		return
	}
	gateway.JSON(c, http.StatusOK, v)
}

func (a *API) createSubscription(c *gin.Context, s *State) {
	var in Subscription
	if !decode(c, &in) {
		return
	}
	sub, err := s.Subscribe(in)
	respond(c, sub, err)
}

func (a *API) startConversation(c *gin.Context, s *State) {
	var in StartRequest
	if !decode(c, &in) {
		return
	}
	conv, err := s.StartConversation(in)
	respond(c, conv, err)
}

func (a *API) pushMessages(c *gin.Context, s *State) {
	var in struct {
		Messages []MessageSpec `json:"messages"`
	}
	if !decode(c, &in) {
		return
	}
	msgs, err := s.PushMessages(c.Param("id"), in.Messages)
	respond(c, gin.H{"messages": msgs}, err)
}

func (a *API) listDeliveries(c *gin.Context, s *State) {
	q := c.Request.URL.Query()
	f := AttemptFilter{
		SubscriptionID: q.Get("subscriptionId"), ConversationID: q.Get("conversationId"),
		PushID: q.Get("pushId"), Outcome: q.Get("outcome"),
	}
	gateway.JSON(c, http.StatusOK, gin.H{"deliveries": s.Deliveries(f)})
}
