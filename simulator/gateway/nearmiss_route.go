package gateway

import (
	"fmt"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/gin-gonic/gin"

	"github.com/switchboard-sim/switchboard/simulator/errs"
	"github.com/switchboard-sim/switchboard/simulator/journal"
	"github.com/switchboard-sim/switchboard/simulator/tenant"
)

// TenantKeyer is implemented by APIs whose tenant comes from more than a
// credential (Bright Pattern: the tenant URL and the appId), so that a
// failed resolution can say which keys were tried. Values are shown to the
// developer: secrets must come back redacted.
type TenantKeyer interface {
	TenantKeys(c *gin.Context) []string
}

// explanation builds the near-miss explanation of a request answered with
// 400, 401, 403, 404 or 405 and sets its header. Anything else costs one
// switch. It never fails the request: a panic inside gives no explanation.
func (rt *route) explanation(c *gin.Context, rec *recorder) (x *journal.Explanation) {
	if !explainable(rec.status) {
		return nil
	}
	defer func() {
		if v := recover(); v != nil {
			rt.deps.Logger.Error("building a near-miss explanation failed; the request is answered without one", "panic", fmt.Sprint(v))
			x = nil
		}
	}()
	x = rt.explain(c, rec.status)
	if x != nil && x.Summary != "" {
		rec.Header().Set(ExplainHeader, headerValue(x.Summary))
	}
	return x
}

func (rt *route) explain(c *gin.Context, status int) *journal.Explanation {
	e := failure(c)
	msg := ""
	if e != nil {
		msg = e.Message
	}
	op := rt.kin.Method + " " + rt.kin.Path
	switch status {
	case 400:
		fields := violations(c)
		if len(fields) == 0 && e != nil {
			fields = e.Fields
		}
		if len(fields) == 0 {
			return &journal.Explanation{Kind: "invalid", Summary: capText(op+" ("+rt.opID+"): "+msg, 400)}
		}
		return contractExplanation(op, rt.opID, fields)
	case 401, 403:
		return explainAuth(c, rt.api, rt.deps.Tenants, securityOf(rt.kin.Spec, rt.kin.Operation), status, msg)
	default: // 404, 405 inside a served route: the object or the state, not the path
		return &journal.Explanation{Kind: "not-found", Summary: capText(fmt.Sprintf("%s (%s) was matched; the vendor answered %d: %s", op, rt.opID, status, msg), 400)}
	}
}

// failure is the error Fail rendered, if the request failed through it.
func failure(c *gin.Context) *errs.Error {
	if f := peekFacts(c); f != nil {
		return f.err
	}
	return nil
}

func contractExplanation(op, opID string, fields []errs.Field) *journal.Explanation {
	x := &journal.Explanation{Kind: "contract"}
	parts := make([]string, 0, 3)
	for i, f := range fields {
		if i == 20 {
			break
		}
		ptr := "/" + strings.Join(f.Path, "/")
		if len(f.Path) == 0 {
			ptr = "/" + f.Name
		}
		if f.In != "" && f.In != "body" {
			ptr = f.In + ":" + ptr
		}
		r := journal.FieldRule{Pointer: ptr, In: f.In, Rule: f.Rule, Allowed: f.Want, Message: capText(f.Reason, 200)}
		if f.Rule == "type" && f.Want != "" {
			r.Allowed = "type " + f.Want
		}
		x.Fields = append(x.Fields, r)
		if i < 3 {
			s := ptr
			if r.Rule != "" {
				s += " (" + r.Rule + ")"
			}
			if r.Allowed != "" {
				s += ": " + r.Allowed
			} else {
				s += ": " + r.Message
			}
			parts = append(parts, s)
		}
	}
	x.Summary = capText(fmt.Sprintf("%s (%s) breaks its contract: %s", op, opID, strings.Join(parts, "; ")), 500)
	if len(fields) > 3 {
		x.Summary += fmt.Sprintf("; and %d more", len(fields)-3)
	}
	return x
}

// securityOf is the security requirements of op, or of the spec.
func securityOf(doc *openapi3.T, op *openapi3.Operation) []string {
	reqs := doc.Security
	if op != nil && op.Security != nil {
		reqs = *op.Security
	}
	var out []string
	for _, req := range reqs {
		for name := range req {
			ref := doc.Components.SecuritySchemes[name]
			if ref == nil || ref.Value == nil {
				continue
			}
			out = append(out, describeScheme(ref.Value))
		}
	}
	return out
}

func describeScheme(s *openapi3.SecurityScheme) string {
	var d string
	switch {
	case s.Type == "http":
		d = "Authorization: " + upperFirst(s.Scheme) + " <credential>"
	case s.Type == "apiKey":
		d = s.In + " " + s.Name
	default:
		d = s.Type
	}
	if s.Description != "" {
		d += " (" + capText(strings.TrimSpace(s.Description), 160) + ")"
	}
	return d
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// received names what credentials arrived, secrets redacted.
func received(c *gin.Context) []string {
	var out []string
	for _, h := range []string{"Authorization", "X-Api-Key", "X-App-Key", TenantHeader} {
		if v := c.GetHeader(h); v != "" {
			if h != TenantHeader {
				v = journal.RedactValue(v)
			}
			out = append(out, h+": "+capText(v, 80))
		}
	}
	if len(c.Request.Cookies()) > 0 {
		names := make([]string, 0, 4)
		for i, ck := range c.Request.Cookies() {
			if i == 4 {
				break
			}
			names = append(names, capText(ck.Name, 40))
		}
		out = append(out, "cookies: "+strings.Join(names, ", "))
	}
	if len(out) == 0 {
		out = append(out, "no credential header")
	}
	return out
}

// explainAuth tells a credential that was not accepted (auth) from one
// that was, but whose tenant refused the request (tenant).
func explainAuth(c *gin.Context, api API, reg *tenant.Registry, expected []string, status int, msg string) *journal.Explanation {
	got := received(c)
	cred, authErr := api.Authenticate(c)
	if authErr != nil || reg == nil {
		x := &journal.Explanation{Kind: "auth", Expected: expected, Received: got}
		want := "the API's credential"
		if len(expected) > 0 {
			want = strings.SplitN(expected[0], " (", 2)[0]
		}
		x.Summary = capText(fmt.Sprintf("%d: expected %s; got %s: %s", status, want, strings.Join(got, ", "), msg), 500)
		return x
	}
	x := &journal.Explanation{Kind: "tenant", Expected: expected, Received: got}
	if k, ok := api.(TenantKeyer); ok {
		x.Tried = k.TenantKeys(c)
	}
	x.Tried = append(x.Tried, "credential -> tenant "+tenant.ID(cred))
	if o := c.GetHeader(TenantHeader); o != "" {
		x.Tried = append(x.Tried, TenantHeader+": "+capText(o, 80))
	}
	x.Summary = capText(fmt.Sprintf("%d: the credential was read, but its tenant refused the request (%s); tried %s", status, msg, strings.Join(x.Tried, "; ")), 500)
	return x
}
