package llamadapro

import (
	"encoding/json"

	"github.com/gin-gonic/gin"
)

func (a *API) getContacts(c *gin.Context) {
	r, err := a.state(c).ListContacts(listQuery(c))
	writeList(c, r, err)
}

func (a *API) createContact(c *gin.Context) {
	var body map[string]json.RawMessage
	if !decode(c, &body) {
		return
	}
	ct, err := a.state(c).CreateContact(body)
	respond(c, ct, err)
}

func (a *API) getContact(c *gin.Context) {
	ct, err := a.state(c).GetContact(numParam(c, "id"))
	respond(c, ct, err)
}

func (a *API) updateContact(c *gin.Context) {
	var body map[string]json.RawMessage
	if !decode(c, &body) {
		return
	}
	ct, err := a.state(c).UpdateContact(numParam(c, "id"), body)
	respond(c, ct, err)
}

func (a *API) deleteContact(c *gin.Context) {
	ct, err := a.state(c).DeleteContact(numParam(c, "id"))
	respond(c, ct, err)
}

func (a *API) searchContacts(c *gin.Context) {
	var in SearchRequest
	if !decode(c, &in) {
		return
	}
	r, err := a.state(c).SearchContacts(in)
	respond(c, r, err)
}
