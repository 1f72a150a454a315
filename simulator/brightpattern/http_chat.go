package brightpattern

import (
	"encoding/json"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/switchboard-sim/switchboard/simulator/errs"
	"github.com/switchboard-sim/switchboard/simulator/gateway"
)

// respond writes v as 200 JSON, or err in the vendor's shape.
func respond(c *gin.Context, v any, err error) {
	if err != nil {
		gateway.Fail(c, err)
		return
	}
	gateway.JSON(c, http.StatusOK, v)
}

func (a *API) availability(c *gin.Context) {
	gateway.JSON(c, http.StatusOK, gin.H{"chat": a.state(c).Availability(identityOf(c).AppID)})
}

func (a *API) parameters(c *gin.Context) {
	ps := a.fixtures.app(identityOf(c).AppID).Parameters
	if ps == nil {
		ps = []Parameter{}
	}
	gateway.JSON(c, http.StatusOK, gin.H{"parameters": ps})
}

func (a *API) configuration(c *gin.Context) {
	app := a.fixtures.app(identityOf(c).AppID)
	def := gin.H{
		"title": app.Widget.Title, "color": app.Widget.Color, "greeting": app.Widget.Greeting,
		"service_name": app.ServiceName, "parameters": app.Parameters,
	}
	gateway.JSON(c, http.StatusOK, gin.H{"widgets": []gin.H{{"definition": def}}})
}

func decodeChatRequest(c *gin.Context) (ChatRequest, error) {
	var in ChatRequest
	if b := gateway.Body(c); len(b) > 0 {
		if err := json.Unmarshal(b, &in); err != nil {
			return in, errs.InvalidField("body", err.Error())
		}
	}
	return in, nil
}

func (a *API) requestChat(c *gin.Context) {
	in, err := decodeChatRequest(c)
	if err != nil {
		gateway.Fail(c, err)
		return
	}
	s := a.state(c)
	key := clientKey(c)
	if key == "" { // a web client's first chat: it gets its cookie now
		raw := s.NewClientKey()
		setWebCookie(c, raw)
		key = "web:" + raw
	}
	info, err := s.RequestChat(identityOf(c).AppID, key, "web", in)
	if err == nil && info.IsNewChat {
		s.noteCredential(info.ChatID, tenantURL(c.Request)+"/"+identityOf(c).AppID)
	}
	respond(c, info, err)
}

func (a *API) requestSMS(c *gin.Context) {
	in, err := decodeChatRequest(c)
	if err != nil {
		gateway.Fail(c, err)
		return
	}
	if in.PhoneNumber == "" {
		gateway.Fail(c, errs.InvalidField("phone_number", "the customer's SMS number is required"))
		return
	}
	if !phoneRe.MatchString(in.PhoneNumber) {
		gateway.JSON(c, http.StatusOK, gin.H{"sms_error_code": 1, "error_message": "phone_number is not a valid SMS number"})
		return
	}
	if _, err := a.state(c).RequestChat(identityOf(c).AppID, "sms:"+in.PhoneNumber, "sms", in); err != nil {
		gateway.Fail(c, err)
		return
	}
	gateway.JSON(c, http.StatusOK, gin.H{"sms_error_code": 0, "error_message": ""})
}

func (a *API) activeChat(c *gin.Context) {
	key := clientKey(c)
	if key == "" {
		gateway.Fail(c, errs.NotFoundf("no active chat"))
		return
	}
	v, err := a.state(c).Active(key)
	respond(c, v, err)
}

func (a *API) history(c *gin.Context) {
	evs, err := a.state(c).History(c.Param("chatId"))
	respond(c, gin.H{"events": evs}, err)
}
