package llamadapro

import (
	"encoding/json"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/switchboard-sim/switchboard/simulator/gateway"
)

func (a *API) createMessage(c *gin.Context) {
	var in MessageInput
	if !decode(c, &in) {
		return
	}
	m, err := a.state(c).CreateMessage(in, baseURL(c))
	respond(c, m, err)
}

func (a *API) createTemplateMessage(c *gin.Context) {
	var in TemplateInput
	var keys map[string]json.RawMessage
	if !decode(c, &in) || !decode(c, &keys) {
		return
	}
	present := func(k string) bool { v, ok := keys[k]; return ok && string(v) != "null" }
	m, err := a.state(c).CreateTemplateMessage(in, present("variables"), present("components"))
	respond(c, m, err)
}

func (a *API) getMessage(c *gin.Context) {
	m, err := a.state(c).GetMessage(c.Param("messageId"))
	respond(c, m, err)
}

func (a *API) uploadMedia(c *gin.Context) {
	var in UploadInput
	if !decode(c, &in) {
		return
	}
	u, err := a.state(c).UploadMedia(in, baseURL(c))
	respond(c, u, err)
}

func (a *API) getMediaContent(c *gin.Context) {
	ct, name, data, err := a.state(c).MediaContent(c.Param("mediaId"))
	if err != nil {
		gateway.Fail(c, err)
		return
	}
	c.Header("Content-Disposition", `inline; filename="`+name+`"`)
	c.Data(http.StatusOK, ct, data)
}
