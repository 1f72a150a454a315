package llamadapro

import (
	"github.com/gin-gonic/gin"
)

func (a *API) getDefinitions(c *gin.Context) {
	if !checkTenantParam(c) {
		return
	}
	r, err := a.state(c).ListDefinitions(listQuery(c))
	writeList(c, r, err)
}

func (a *API) createDefinition(c *gin.Context) {
	var in DefinitionInput
	if !decode(c, &in) {
		return
	}
	d, err := a.state(c).CreateDefinition(in)
	respond(c, d, err)
}

func (a *API) getDefinition(c *gin.Context) {
	d, err := a.state(c).GetDefinition(numParam(c, "id"))
	respond(c, d, err)
}

func (a *API) updateDefinition(c *gin.Context) {
	var in DefinitionInput
	if !decode(c, &in) {
		return
	}
	d, err := a.state(c).UpdateDefinition(numParam(c, "id"), in)
	respond(c, d, err)
}

func (a *API) deleteDefinition(c *gin.Context) {
	d, err := a.state(c).DeleteDefinition(numParam(c, "id"), c.Query("force") == "true")
	respond(c, d, err)
}

func (a *API) getOptions(c *gin.Context) {
	if !checkTenantParam(c) {
		return
	}
	r, err := a.state(c).ListOptions(numParam(c, "id"), listQuery(c))
	writeList(c, r, err)
}

func (a *API) createOption(c *gin.Context) {
	var in OptionInput
	if !decode(c, &in) {
		return
	}
	o, err := a.state(c).CreateOption(numParam(c, "id"), in)
	respond(c, o, err)
}

func (a *API) getOption(c *gin.Context) {
	o, err := a.state(c).GetOption(numParam(c, "id"), numParam(c, "optionId"))
	respond(c, o, err)
}

func (a *API) updateOption(c *gin.Context) {
	var in OptionInput
	if !decode(c, &in) {
		return
	}
	o, err := a.state(c).UpdateOption(numParam(c, "id"), numParam(c, "optionId"), in)
	respond(c, o, err)
}

func (a *API) deleteOption(c *gin.Context) {
	o, err := a.state(c).DeleteOption(numParam(c, "id"), numParam(c, "optionId"))
	respond(c, o, err)
}
