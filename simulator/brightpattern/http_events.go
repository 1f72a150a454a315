package brightpattern

import (
	"encoding/json"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/switchboard-sim/switchboard/simulator/errs"
	"github.com/switchboard-sim/switchboard/simulator/gateway"
)

func (a *API) sendEvents(c *gin.Context) {
	var in struct {
		Events []map[string]any `json:"events"`
	}
	if err := json.Unmarshal(gateway.Body(c), &in); err != nil {
		gateway.Fail(c, errs.InvalidField("body", err.Error()))
		return
	}
	evs, err := a.state(c).SendEvents(c.Param("chatId"), in.Events)
	respond(c, gin.H{"events": evs}, err)
}

// pollEvents is the long poll. It watches the request's context so the
// poll lock goes the moment the client does.
func (a *API) pollEvents(c *gin.Context) {
	evs, err := a.state(c).Poll(c.Request.Context(), c.Param("chatId"), a.opts.PollHold)
	if err != nil {
		gateway.Fail(c, err)
		return
	}
	gateway.JSON(c, http.StatusOK, gin.H{"events": evs})
}
