package llamadapro

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/switchboard-sim/switchboard/simulator/gateway"
)

func (a *API) startAgentCallV2(c *gin.Context) {
	var in AgentCallV2
	if !decode(c, &in) {
		return
	}
	call, err := a.state(c).StartAgentCallV2(in, baseURL(c))
	respond(c, call, err)
}

func (a *API) startAgentCallV1(c *gin.Context) {
	var in AgentCallV1
	if !decode(c, &in) {
		return
	}
	call, err := a.state(c).StartAgentCallV1(in, baseURL(c))
	respond(c, call, err)
}

func (a *API) startBridgeCall(c *gin.Context) {
	var in BridgeCall
	if !decode(c, &in) {
		return
	}
	call, err := a.state(c).StartBridgeCall(in, baseURL(c))
	respond(c, call, err)
}

func (a *API) createCall(c *gin.Context) {
	var in ExternalCall
	if !decode(c, &in) {
		return
	}
	call, err := a.state(c).CreateCall(in, baseURL(c))
	respond(c, call, err)
}

func (a *API) getCall(c *gin.Context) {
	call, err := a.state(c).GetCall(numParam(c, "callId"))
	respond(c, call, err)
}

func (a *API) getCallRecording(c *gin.Context) {
	r, err := a.state(c).CallRecording(numParam(c, "callId"))
	respond(c, r, err)
}

func (a *API) getCallTranscription(c *gin.Context) {
	t, err := a.state(c).CallTranscription(numParam(c, "callId"))
	respond(c, t, err)
}

func (a *API) loadRecording(c *gin.Context) {
	var in LoadInput
	if !decode(c, &in) {
		return
	}
	r, err := a.state(c).LoadRecording(in, baseURL(c))
	respond(c, r, err)
}

func (a *API) getRecording(c *gin.Context) {
	r, err := a.state(c).GetRecording(numParam(c, "id"))
	respond(c, r, err)
}

func (a *API) getRecordingAudio(c *gin.Context) {
	b, err := a.state(c).RecordingAudio(numParam(c, "id"))
	if err != nil {
		gateway.Fail(c, err)
		return
	}
	c.Data(http.StatusOK, "audio/wav", b)
}
