package gateway

import (
	"errors"
	"fmt"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"

	"github.com/switchboard-sim/switchboard/simulator/errs"
)

// Explain turns a kin-openapi validation error into an *errs.Error that names
// every wrong field: Invalid for schema and parameter errors, MediaType for an
// unsupported Content-Type, Unauthorized for a missing credential.
func Explain(err error) error {
	x := &explainer{code: errs.Invalid}
	x.walk(err, "", "")
	if len(x.fields) == 0 {
		x.fields = append(x.fields, errs.Field{Name: "request", Reason: err.Error()})
	}
	names := make([]string, 0, len(x.fields))
	seen := map[string]bool{}
	for _, f := range x.fields {
		if !seen[f.Name] {
			seen[f.Name] = true
			names = append(names, f.Name)
		}
	}
	msg := "Validation failed for " + strings.Join(names, ", ")
	switch x.code {
	case errs.MediaType:
		msg = x.fields[0].Reason
	case errs.Unauthorized:
		msg = "missing or malformed credentials"
	}
	return &errs.Error{Code: x.code, Message: msg, Fields: x.fields}
}

type explainer struct {
	code   errs.Code
	fields []errs.Field
}

func (x *explainer) add(f errs.Field) { x.fields = append(x.fields, f) }

func (x *explainer) walk(err error, in, prefix string) {
	var multi openapi3.MultiError
	var reqErr *openapi3filter.RequestError
	var schemaErr *openapi3.SchemaError
	var secErr *openapi3filter.SecurityRequirementsError
	var respErr *openapi3filter.ResponseError
	switch {
	case errors.As(err, &multi) && isMulti(err):
		for _, e := range multi {
			x.walk(e, in, prefix)
		}
	case errors.As(err, &secErr):
		x.code = errs.Unauthorized
		x.add(errs.Field{Name: "Authorization", In: "header", Reason: "missing or malformed credentials", Rule: "security"})
	case errors.As(err, &reqErr):
		switch {
		case reqErr.Parameter != nil:
			p := reqErr.Parameter
			if reqErr.Err != nil && hasSchemaError(reqErr.Err) {
				x.walk(reqErr.Err, p.In, p.Name)
				return
			}
			x.add(errs.Field{Name: p.Name, In: p.In, Reason: reason(reqErr), Rule: "parameter"})
		case reqErr.RequestBody != nil:
			if reqErr.Err != nil && hasSchemaError(reqErr.Err) {
				x.walk(reqErr.Err, "body", "")
				return
			}
			r := reason(reqErr)
			if strings.Contains(r, "Content-Type") || strings.Contains(r, "content type") || strings.Contains(r, "unsupported") {
				x.code = errs.MediaType
				x.add(errs.Field{Name: "Content-Type", In: "header", Reason: "unsupported Content-Type: the body must be application/json" + mediaHint(r), Rule: "content-type"})
				return
			}
			if strings.Contains(r, "value is required") {
				x.add(errs.Field{Name: "body", In: "body", Reason: "a request body is required", Rule: "required"})
				return
			}
			x.add(errs.Field{Name: "body", In: "body", Reason: "malformed body: " + r, Rule: "syntax"})
		default:
			x.add(errs.Field{Name: "request", Reason: reason(reqErr)})
		}
	case errors.As(err, &respErr):
		if respErr.Err != nil && hasSchemaError(respErr.Err) {
			x.walk(respErr.Err, "response", "")
			return
		}
		x.add(errs.Field{Name: "response", In: "response", Reason: respErr.Error()})
	case errors.As(err, &schemaErr):
		ptr := schemaErr.JSONPointer()
		rule := schemaErr.SchemaField
		if key, ok := unsupportedProperty(schemaErr); ok {
			ptr, rule = append(ptr, key), "additionalProperties"
		}
		name := strings.Join(ptr, ".")
		switch {
		case prefix != "" && name != "":
			name = prefix + "." + name
		case prefix != "":
			name = prefix
		case name == "":
			name = "body"
		}
		f := errs.Field{Name: name, In: in, Reason: schemaReason(schemaErr), Rule: rule, Path: ptr}
		if rule == "type" && schemaErr.Schema != nil && schemaErr.Schema.Type != nil {
			f.Want = strings.Join(schemaErr.Schema.Type.Slice(), ",")
		} else if schemaErr.Schema != nil {
			f.Want = allowed(rule, schemaErr.Schema)
		}
		x.add(f)
	default:
		x.add(errs.Field{Name: orDefault(prefix, "request"), In: in, Reason: err.Error()})
	}
}

func isMulti(err error) bool {
	_, ok := err.(openapi3.MultiError)
	return ok
}

func hasSchemaError(err error) bool {
	var s *openapi3.SchemaError
	var m openapi3.MultiError
	return errors.As(err, &s) || errors.As(err, &m)
}

func reason(e *openapi3filter.RequestError) string {
	if e.Err != nil && e.Reason != "" {
		return e.Reason + ": " + e.Err.Error()
	}
	if e.Err != nil {
		return e.Err.Error()
	}
	return e.Reason
}

func schemaReason(e *openapi3.SchemaError) string {
	r := e.Reason
	if r == "" {
		r = e.Error()
	}
	if e.SchemaField == "required" {
		if name, ok := strings.CutPrefix(r, "property \""); ok {
			name, _, _ = strings.Cut(name, "\"")
			return name + " is required"
		}
	}
	return r
}

func mediaHint(r string) string {
	if i := strings.Index(r, "\""); i >= 0 {
		return " (got " + strings.TrimSpace(r[i:]) + ")"
	}
	return ""
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

// unsupportedProperty recognises kin-openapi's "additionalProperties: false"
// error, whose pointer names the parent object, and returns the extra key.
func unsupportedProperty(e *openapi3.SchemaError) (string, bool) {
	if e.SchemaField != "properties" {
		return "", false
	}
	rest, ok := strings.CutPrefix(e.Reason, "property \"")
	if !ok {
		return "", false
	}
	key, ok := strings.CutSuffix(rest, "\" is unsupported")
	return key, ok
}

// allowed describes what a schema allows under the rule that failed, for
// the near-miss explanation (Field.Want; --lenient reads Want only for type
// errors). It is capped: an enum may be long.
func allowed(rule string, s *openapi3.Schema) string {
	switch rule {
	case "enum":
		vals := make([]string, 0, min(len(s.Enum), 12))
		for i, v := range s.Enum {
			if i == 12 {
				vals = append(vals, "...")
				break
			}
			vals = append(vals, fmt.Sprint(v))
		}
		return "one of " + strings.Join(vals, ", ")
	case "pattern":
		return "matching " + s.Pattern
	case "format":
		return "format " + s.Format
	case "minLength":
		return fmt.Sprintf("at least %d characters", s.MinLength)
	case "maxLength":
		if s.MaxLength != nil {
			return fmt.Sprintf("at most %d characters", *s.MaxLength)
		}
	case "minimum":
		if s.Min != nil {
			return fmt.Sprintf(">= %v", *s.Min)
		}
	case "maximum":
		if s.Max != nil {
			return fmt.Sprintf("<= %v", *s.Max)
		}
	}
	return ""
}
