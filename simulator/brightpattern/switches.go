package brightpattern

import (
	"encoding/json"
	"fmt"
)

// optBool is a JSON field that may be absent, a boolean, or null (back to
// the fixtures).
type optBool struct {
	set bool
	v   *bool
}

// UnmarshalJSON records that the field was present.
func (o *optBool) UnmarshalJSON(b []byte) error {
	o.set = true
	if string(b) == "null" {
		o.v = nil
		return nil
	}
	var v bool
	if err := json.Unmarshal(b, &v); err != nil {
		return fmt.Errorf("want true, false or null")
	}
	o.v = &v
	return nil
}

// SwitchInput is the control plane's service switch body.
type SwitchInput struct {
	ServiceOpen     optBool `json:"service_open"`
	AgentsAvailable optBool `json:"agents_available"`
	AutoAgent       *bool   `json:"auto_agent"`
}
