package brightpattern

import (
	"regexp"
	"strings"

	"github.com/switchboard-sim/switchboard/simulator/errs"
)

var (
	emailRe = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[^@\s]+$`)
	phoneRe = regexp.MustCompile(`^\+?[0-9 ()\-.]{3,20}$`)
)

// checkParameters checks Request Chat's parameters against the app's
// expected ones: required ones must be present and non-empty, and a string
// value must suit its type. Unknown names and nested objects (the widget's
// location and user_platform) pass through untouched. Every wrong
// parameter is named.
func checkParameters(expected []Parameter, given map[string]any) error {
	var bad errs.Collector
	for _, p := range expected {
		v, ok := given[p.Name]
		str, isStr := v.(string)
		switch {
		case !ok || v == nil || (isStr && strings.TrimSpace(str) == ""):
			if p.Required {
				bad.Add("parameters."+p.Name, "is required")
			}
		case !isStr:
			bad.Add("parameters."+p.Name, "must be a string")
		case p.Type == "EMAIL" && !emailRe.MatchString(str):
			bad.Add("parameters."+p.Name, "is not an e-mail address")
		case p.Type == "PHONE" && !phoneRe.MatchString(str):
			bad.Add("parameters."+p.Name, "is not a phone number")
		}
	}
	return bad.Err()
}

// firstName is the customer's first name from the chat parameters, or "there".
func firstName(params map[string]any) string {
	for _, k := range []string{"first_name", "firstName", "name"} {
		if v, ok := params[k].(string); ok && strings.TrimSpace(v) != "" {
			return strings.TrimSpace(v)
		}
	}
	return "there"
}
