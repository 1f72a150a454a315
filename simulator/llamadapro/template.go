package llamadapro

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/switchboard-sim/switchboard/simulator/errs"
)

// TemplateParam is one parameter of a template component.
type TemplateParam struct {
	Type string `json:"type"`
	Text string `json:"text"`
}

// TemplateComponent is a header, body or button component.
type TemplateComponent struct {
	Type       string          `json:"type"`
	Parameters []TemplateParam `json:"parameters"`
}

// TemplateInput is CreateTemplateMessage's body.
type TemplateInput struct {
	FromPhoneNumber string                   `json:"fromPhoneNumber"`
	ToPhoneNumber   string                   `json:"toPhoneNumber"`
	UserID          *string                  `json:"userId"`
	TemplateName    string                   `json:"templateName"`
	LanguageCode    string                   `json:"languageCode"`
	Variables       []struct{ Value string } `json:"variables"`
	Components      []TemplateComponent      `json:"components"`
	CustomFields    map[string]any           `json:"customFields"`
}

func (s *State) template(name string) *templateFixture {
	for i := range s.fx.Templates {
		if s.fx.Templates[i].Name == name {
			return &s.fx.Templates[i]
		}
	}
	return nil
}

// CreateTemplateMessage sends a template: variables or components (never
// both), a known template, a language it has, and as many values as its placeholders.
func (s *State) CreateTemplateMessage(in TemplateInput, hasVars, hasComps bool) (Message, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var bad errs.Collector
	checkNumbers(in.FromPhoneNumber, in.ToPhoneNumber, &bad)
	if hasVars && hasComps {
		bad.Add("variables", "send either variables or components, not both")
		bad.Add("components", "send either variables or components, not both")
	}
	t := s.template(in.TemplateName)
	if t == nil {
		if err := bad.Err(); err != nil {
			return Message{}, err
		}
		return Message{}, errs.NotFoundf("WhatsApp template %q not found", in.TemplateName)
	}
	values := make([]string, 0, len(in.Variables))
	for _, v := range in.Variables {
		values = append(values, v.Value)
	}
	for _, c := range in.Components {
		if c.Type == "body" {
			for _, p := range c.Parameters {
				values = append(values, p.Text)
			}
		}
	}
	if !contains(t.Languages, in.LanguageCode) {
		bad.Add("languageCode", fmt.Sprintf("template %s exists in %s, not %q", t.Name, strings.Join(t.Languages, ", "), in.LanguageCode))
	}
	if len(values) != t.Variables {
		field := "variables"
		if hasComps {
			field = "components"
		}
		bad.Add(field, fmt.Sprintf("template %s has %d body variables; got %d", t.Name, t.Variables, len(values)))
	}
	if err := bad.Err(); err != nil {
		return Message{}, err
	}
	content := t.Body
	for i, v := range values {
		content = strings.ReplaceAll(content, "{{"+strconv.Itoa(i+1)+"}}", v)
	}
	m := s.newMessage(in.FromPhoneNumber, in.ToPhoneNumber, in.UserID, content, in.CustomFields)
	m.Metadata["type"] = "template"
	m.Metadata["templateName"] = t.Name
	m.Metadata["languageCode"] = in.LanguageCode
	return m.copy(), nil
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
