package ringotel

import (
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/switchboard-sim/switchboard/simulator/errs"
	"github.com/switchboard-sim/switchboard/simulator/gateway"
)

// rpcRequest is the envelope {"method": ..., "params": {...}}.
type rpcRequest struct {
	Method string          `json:"method"`
	Params json.RawMessage `json:"params"`
}

// call is POST /api: a JSON RPC call, or the multipart file send.
func (a *API) call(c *gin.Context) {
	mt, _, _ := mime.ParseMediaType(c.GetHeader("Content-Type"))
	if mt == "multipart/form-data" {
		a.upload(c)
		return
	}
	var req rpcRequest
	if err := json.Unmarshal(gateway.Body(c), &req); err != nil || strings.TrimSpace(req.Method) == "" {
		gateway.Fail(c, &errs.Error{Code: errs.Invalid, Message: "the body must be a JSON object with a method",
			Fields: []errs.Field{{Name: "method", In: "body", Reason: "is required: the body must be a JSON object with a method", Rule: "required"}}})
		return
	}
	gateway.SetOperation(c, req.Method)
	result, err := a.state(c).Call(req.Method, req.Params)
	if err != nil {
		gateway.Fail(c, err)
		return
	}
	if r, ok := result.(MessageResult); ok {
		a.emit(gateway.Tenant(c), r.triggers)
	}
	gateway.JSON(c, http.StatusOK, gin.H{"result": result})
}

// upload is the multipart file send: orgid, from, to and a file part.
func (a *API) upload(c *gin.Context) {
	gateway.SetOperation(c, "file")
	form := map[string]string{}
	var file *File
	mr, err := c.Request.MultipartReader()
	if err != nil {
		gateway.Fail(c, &errs.Error{Code: errs.Invalid, Message: "malformed multipart body: " + err.Error(),
			Fields: []errs.Field{{Name: "body", In: "body", Reason: err.Error(), Rule: "syntax"}}})
		return
	}
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			gateway.Fail(c, &errs.Error{Code: errs.Invalid, Message: "malformed multipart body: " + err.Error(),
				Fields: []errs.Field{{Name: "body", In: "body", Reason: err.Error(), Rule: "syntax"}}})
			return
		}
		if name := part.FormName(); name == "file" || part.FileName() != "" {
			size, _ := io.Copy(io.Discard, part)
			file = &File{Name: part.FileName(), Size: size, MimeType: part.Header.Get("Content-Type")}
			if file.Name == "" {
				file.Name = "file"
			}
		} else {
			v, _ := io.ReadAll(io.LimitReader(part, 64<<10))
			form[name] = string(v)
		}
		_ = part.Close()
	}
	res, err := a.state(c).Upload(form, file)
	if err != nil {
		gateway.Fail(c, err)
		return
	}
	gateway.JSON(c, http.StatusOK, gin.H{"result": res})
}
