package maiagent

import (
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/switchboard-sim/switchboard/simulator/errs"
	"github.com/switchboard-sim/switchboard/simulator/gateway"
)

// WriteError renders Django REST Framework bodies: field errors as
// {"field": ["message"]} naming every wrong field (400), everything else as
// {"detail": "..."}.
func (a *API) WriteError(c *gin.Context, e *errs.Error) {
	status := gateway.Status(e.Code)
	if e.Code == errs.Invalid && len(e.Fields) > 0 {
		if body, ok := fieldErrors(e.Fields); ok {
			gateway.JSON(c, status, body)
			return
		}
	}
	msg := e.Message
	switch e.Code {
	case errs.Invalid:
		if len(e.Fields) > 0 {
			msg = e.Fields[0].Reason
		}
	case errs.Method:
		msg = `Method "` + c.Request.Method + `" not allowed.`
	case errs.MediaType:
		msg = `Unsupported media type "` + c.ContentType() + `" in request.`
	case errs.Forbidden:
		if !strings.HasSuffix(msg, ".") {
			msg = "You do not have permission to perform this action."
		}
	}
	gateway.JSON(c, status, gin.H{"detail": msg})
}

// fieldErrors maps validation fields to DRF's shape. A malformed JSON body
// is DRF's {"detail": "JSON parse error - ..."}: ok is false then.
func fieldErrors(fields []errs.Field) (map[string][]string, bool) {
	out := map[string][]string{}
	for _, f := range fields {
		name := strings.TrimPrefix(f.Name, "body.")
		reason := f.Reason
		switch {
		case f.Rule == "syntax":
			return nil, false
		case f.Rule == "required" && strings.HasSuffix(reason, " is required"):
			prop := strings.TrimSuffix(reason, " is required")
			switch {
			case name == "body" || name == "":
				name = prop
			case name != prop && !strings.HasSuffix(name, "."+prop):
				name += "." + prop
			}
			reason = "This field is required."
		case name == "body" || name == "request":
			name = "non_field_errors"
		}
		out[name] = append(out[name], reason)
	}
	return out, true
}
