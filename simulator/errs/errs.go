// Package errs is the one error vocabulary of the simulator. Domain code
// returns *Error values; each vendor package renders them in that vendor's
// own error shape in exactly one function. The package knows nothing of HTTP:
// gateway.Status maps a Code to its conventional status.
package errs

import (
	"errors"
	"fmt"
	"strings"
)

// Code is a machine-readable error class.
type Code string

// The error classes. Vendor renderers map each to their own status and body;
// the statuses noted here are gateway.Status's defaults.
const (
	Invalid      Code = "invalid"      // the request broke a documented rule (400)
	Unauthorized Code = "unauthorized" // missing, malformed or revoked credential (401)
	Forbidden    Code = "forbidden"    // the credential may not do this (403)
	NotFound     Code = "not_found"    // the addressed object does not exist (404)
	Method       Code = "method"       // wrong HTTP method (405)
	Conflict     Code = "conflict"     // state conflict, e.g. a duplicate key (409)
	TooLarge     Code = "too_large"    // body over the size limit (413)
	MediaType    Code = "media_type"   // unsupported Content-Type (415)
	RateLimited  Code = "rate_limited" // too many requests (429)
	Unavailable  Code = "unavailable"  // service closed or unavailable (503)
	Internal     Code = "internal"     // the simulator itself failed (500)
	Contract     Code = "contract"     // the simulator's response broke its own spec (500)
)

// Field names one wrong input and why it is wrong.
type Field struct {
	Name   string `json:"field"`
	In     string `json:"in,omitempty"` // body, query, path, header
	Reason string `json:"message"`
	Rule   string `json:"rule,omitempty"` // the schema keyword that failed: required, enum, type...
	// Path is the JSON pointer of the value within its body or parameter, and
	// Want the type the schema wanted (for type errors); --lenient uses them.
	Path []string `json:"-"`
	Want string   `json:"-"`
}

// Error is the domain error.
type Error struct {
	Code    Code
	Message string
	Fields  []Field
}

func (e *Error) Error() string {
	if len(e.Fields) == 0 {
		return fmt.Sprintf("%s: %s", e.Code, e.Message)
	}
	parts := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		parts[i] = f.Name + ": " + f.Reason
	}
	return fmt.Sprintf("%s: %s (%s)", e.Code, e.Message, strings.Join(parts, "; "))
}

// New builds an Error with a formatted message.
func New(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// InvalidField builds an Invalid error naming one field.
func InvalidField(field, reason string) *Error {
	return &Error{Code: Invalid, Message: field + ": " + reason, Fields: []Field{{Name: field, In: "body", Reason: reason}}}
}

// NotFoundf builds a NotFound error.
func NotFoundf(format string, args ...any) *Error { return New(NotFound, format, args...) }

// As extracts an *Error from err, wrapping any other error as Internal.
func As(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return &Error{Code: Internal, Message: err.Error()}
}

// Collector gathers field errors so that a request names every wrong field.
type Collector struct{ fields []Field }

// Add records a wrong field.
func (c *Collector) Add(field, reason string) {
	c.fields = append(c.fields, Field{Name: field, In: "body", Reason: reason})
}

// Err returns an Invalid error naming every recorded field, or nil.
func (c *Collector) Err() error {
	if len(c.fields) == 0 {
		return nil
	}
	names := make([]string, len(c.fields))
	for i, f := range c.fields {
		names[i] = f.Name
	}
	return &Error{Code: Invalid, Message: "invalid fields: " + strings.Join(names, ", "), Fields: c.fields}
}
