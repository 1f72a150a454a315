package llamadapro

import (
	"encoding/json"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/switchboard-sim/switchboard/simulator/gateway"
)

func (a *API) createConversation(c *gin.Context) {
	var in NewConversation
	if !decode(c, &in) {
		return
	}
	conv, err := a.state(c).CreateConversation(in)
	respond(c, conv, err)
}

func (a *API) getConversation(c *gin.Context) {
	conv, err := a.state(c).GetConversation(numParam(c, "id"))
	respond(c, conv, err)
}

type bulkBody struct {
	Conversations []json.RawMessage `json:"conversations"`
}

func (a *API) bulkCreate(c *gin.Context) {
	var in bulkBody
	if !decode(c, &in) {
		return
	}
	gateway.JSON(c, http.StatusOK, a.state(c).BulkCreate(in.Conversations))
}

func (a *API) bulkUpdate(c *gin.Context) {
	var in bulkBody
	if !decode(c, &in) {
		return
	}
	gateway.JSON(c, http.StatusOK, a.state(c).BulkUpdate(in.Conversations))
}
