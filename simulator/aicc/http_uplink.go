package aicc

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/switchboard-sim/switchboard/simulator/errs"
	"github.com/switchboard-sim/switchboard/simulator/gateway"
)

func (a *API) state(c *gin.Context) *State { return a.stateOf(gateway.Tenant(c)) }

func (a *API) sendMessage(c *gin.Context) {
	var in SendMsgReq
	if err := json.Unmarshal(gateway.Body(c), &in); err != nil {
		gateway.Fail(c, errs.InvalidField("body", err.Error()))
		return
	}
	res, err := a.state(c).CustomerSend(in)
	if err != nil {
		gateway.Fail(c, err)
		return
	}
	c.Header("ccmessaging-token", res.ConversationID)
	gateway.JSON(c, http.StatusOK, res)
}

// downloadRequest is downloadFileStream's ReqBody.
type downloadRequest struct {
	FileID     string `json:"fileId"`
	Channel    string `json:"channel"`
	FileType   string `json:"fileType"`
	MultiMedia string `json:"multiMedia"`
}

func (a *API) downloadFileStream(c *gin.Context) {
	var in downloadRequest
	if err := json.Unmarshal(gateway.Body(c), &in); err != nil {
		gateway.Fail(c, errs.InvalidField("body", err.Error()))
		return
	}
	r, err := a.state(c).Resource(strings.TrimPrefix(in.FileID, "local/"))
	if err != nil {
		gateway.Fail(c, err)
		return
	}
	gateway.JSON(c, http.StatusOK, gin.H{
		"resultCode": "0", "resultDesc": "success",
		"fileStream": base64.StdEncoding.EncodeToString(r.Bytes()),
	})
}

func (a *API) downloadFileRaw(c *gin.Context) {
	r, err := a.state(c).Resource(strings.TrimPrefix(c.Query("fileId"), "local/"))
	if err != nil {
		gateway.Fail(c, err)
		return
	}
	c.Header("Content-Disposition", `attachment; filename="`+r.ID+"."+r.FileType+`"`)
	c.Data(http.StatusOK, r.ContentType, r.Bytes())
}
