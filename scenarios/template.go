package scenarios

import (
	"fmt"
	"sort"
	"strings"
	"text/template"
	"time"

	"github.com/brianvoe/gofakeit/v7"
)

// Data is what an action's templates see:
//
//	{{.Trigger.name}}   a value the vendor passed with the trigger (customer name, text, ids)
//	{{.Match.order}}    a named group of the cue's pattern
//	{{.Session}} {{.Tenant}} {{.Scenario}} {{.Now}}
//	{{fake "firstName"}} seeded fake data (see FakeNames)
type Data struct {
	Trigger  map[string]string
	Match    map[string]string
	Session  string
	Tenant   string
	Scenario string
	Now      time.Time
}

// fakers are the values {{fake "name"}} can produce.
var fakers = map[string]func(f *gofakeit.Faker) string{
	"firstName":   func(f *gofakeit.Faker) string { return f.FirstName() },
	"lastName":    func(f *gofakeit.Faker) string { return f.LastName() },
	"name":        func(f *gofakeit.Faker) string { return f.Name() },
	"email":       func(f *gofakeit.Faker) string { return f.Email() },
	"phone":       func(f *gofakeit.Faker) string { return f.Phone() },
	"company":     func(f *gofakeit.Faker) string { return f.Company() },
	"city":        func(f *gofakeit.Faker) string { return f.City() },
	"sentence":    func(f *gofakeit.Faker) string { return f.Sentence() },
	"word":        func(f *gofakeit.Faker) string { return f.Word() },
	"uuid":        func(f *gofakeit.Faker) string { return f.UUID() },
	"orderNumber": func(f *gofakeit.Faker) string { return f.DigitN(8) },
}

// FakeNames lists the names {{fake "..."}} accepts, sorted.
func FakeNames() []string {
	out := make([]string, 0, len(fakers))
	for k := range fakers {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func funcs(f *gofakeit.Faker) template.FuncMap {
	return template.FuncMap{"fake": func(name string) (string, error) {
		gen, ok := fakers[name]
		if !ok {
			return "", fmt.Errorf("fake %q: want one of %s", name, strings.Join(FakeNames(), ", "))
		}
		return gen(f), nil
	}}
}

// compileValue parses every string of v as a template and dry-runs it
// (so an unknown field or fake name is refused at load time).
func compileValue(v any, ptr string, lines lineMap) (any, error) {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			c, err := compileValue(e, ptr+"/"+k, lines)
			if err != nil {
				return nil, err
			}
			out[k] = c
		}
		return out, nil
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			c, err := compileValue(e, fmt.Sprintf("%s/%d", ptr, i), lines)
			if err != nil {
				return nil, err
			}
			out[i] = c
		}
		return out, nil
	case string:
		if !strings.Contains(x, "{{") {
			return x, nil
		}
		t, err := template.New(fieldPath(ptr)).Option("missingkey=zero").Funcs(funcs(gofakeit.New(0))).Parse(x)
		if err == nil {
			err = t.Execute(new(strings.Builder), Data{})
		}
		if err != nil {
			return nil, &LoadError{Line: lines.line(ptr), Reason: fieldPath(ptr) + ": bad template: " + err.Error()}
		}
		return t, nil
	}
	return v, nil
}

// render executes every template of a compiled value with data and faker.
func render(v any, data Data, f *gofakeit.Faker) (any, error) {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			r, err := render(e, data, f)
			if err != nil {
				return nil, err
			}
			out[k] = r
		}
		return out, nil
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			r, err := render(e, data, f)
			if err != nil {
				return nil, err
			}
			out[i] = r
		}
		return out, nil
	case *template.Template:
		t, err := x.Clone()
		if err != nil {
			return nil, err
		}
		var b strings.Builder
		if err := t.Funcs(funcs(f)).Execute(&b, data); err != nil {
			return nil, err
		}
		return b.String(), nil
	}
	return v, nil
}
