package maiagent

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/switchboard-sim/switchboard/simulator/gateway"
)

func (a *API) createConversation(c *gin.Context) {
	var in struct {
		WebChat string `json:"webChat"`
	}
	if !decode(c, &in) {
		return
	}
	conv, err := a.state(c).CreateConversation(in.WebChat)
	if err == nil {
		a.conversationStarted(gateway.Tenant(c), conv.ID)
	}
	respond(c, http.StatusCreated, conv, err)
}

func (a *API) getConversation(c *gin.Context) {
	conv, err := a.state(c).GetConversation(c.Param("id"))
	respond(c, http.StatusOK, conv, err)
}

func (a *API) listConversations(c *gin.Context) {
	cur, ok := cursorParam(c)
	if !ok {
		return
	}
	p, err := a.state(c).ListConversations(c.Query("inbox"), cur, pageSize(c))
	if err != nil {
		gateway.Fail(c, err)
		return
	}
	cursorList(c, p, false)
}

// createMessage stores the contact's message and queues the assistant's
// reply for the webhook deliverer.
func (a *API) createMessage(c *gin.Context) {
	var in NewMessage
	if !decode(c, &in) {
		return
	}
	st := a.state(c)
	m, turn, err := st.CreateMessage(in)
	if err != nil {
		gateway.Fail(c, err)
		return
	}
	text, scripted, driven := a.messageArrived(gateway.Tenant(c), st, turn, true)
	switch {
	case scripted:
		turn.source = fromScenario
		a.queueReply(st, st.addReply(turn, text))
	case driven: // the scenario answers later, on the clock
	default:
		a.queueReply(st, st.addReply(turn, turn.Answer))
	}
	gateway.JSON(c, http.StatusCreated, m)
}

func (a *API) getMessage(c *gin.Context) {
	m, err := a.state(c).GetMessage(c.Param("id"))
	respond(c, http.StatusOK, m, err)
}

func (a *API) listMessages(c *gin.Context) {
	cur, ok := cursorParam(c)
	if !ok {
		return
	}
	cursorList(c, a.state(c).ListMessages(c.Query("conversation"), cur, pageSize(c)), true)
}

// listInboxes answers GET /inboxes/ as one page (the fixtures are few).
func (a *API) listInboxes(c *gin.Context) {
	items := a.state(c).Inboxes()
	gateway.JSON(c, http.StatusOK, gin.H{"count": len(items), "next": nil, "previous": nil, "results": items})
}
