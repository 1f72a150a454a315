package scenarios

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// LoadError is a scenario file refused at load time: where and why.
type LoadError struct {
	File   string
	Line   int
	Reason string
}

// Error is "file:line: reason".
func (e *LoadError) Error() string { return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Reason) }

var yamlLine = regexp.MustCompile(`line (\d+): `)

// Parse reads one scenario file. file names it in errors. Every failure is
// a *LoadError with the line of the offending value.
func Parse(file string, data []byte) (*Scenario, error) { return parseFile(file, data, true) }

// parseFile is Parse; withSchema false skips the JSON Schema check, for the
// embedded built-in files, which a test checks against the schema (compiling
// it costs a fifth of start-up). Every other check still runs.
func parseFile(file string, data []byte, withSchema bool) (*Scenario, error) {
	sc, err := parse(data, withSchema)
	if err != nil {
		var le *LoadError
		if !errors.As(err, &le) {
			le = &LoadError{Line: 1, Reason: err.Error()}
		}
		le.File = file
		return nil, le
	}
	sc.File = file
	return sc, nil
}

func parse(data []byte, withSchema bool) (*Scenario, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		line := 1
		if m := yamlLine.FindStringSubmatch(msg); m != nil {
			line, _ = strconv.Atoi(m[1])
			msg = strings.Replace(msg, m[0], "", 1)
		}
		return nil, &LoadError{Line: line, Reason: "not valid YAML: " + msg}
	}
	lines := lineMap{}
	v, err := nodeValue(&doc, "", lines)
	if err != nil {
		return nil, err
	}
	if v == nil {
		return nil, &LoadError{Line: 1, Reason: "the file is empty"}
	}
	if m, ok := v.(map[string]any); ok {
		if sv, ok := m["schemaVersion"].(int64); ok && sv != SchemaVersion {
			return nil, &LoadError{Line: lines.line("/schemaVersion"), Reason: fmt.Sprintf("schemaVersion %d is not supported: this build reads schemaVersion %d", sv, SchemaVersion)}
		}
	}
	var vs []violation
	if withSchema {
		if vs, err = validateSchema(v); err != nil {
			return nil, err
		}
	}
	if len(vs) > 0 {
		first := vs[0]
		reason := fieldPath(first.at) + ": " + first.reason
		if len(vs) > 1 {
			reason += fmt.Sprintf(" (and %d more)", len(vs)-1)
		}
		return nil, &LoadError{Line: lines.line(first.pointer), Reason: reason}
	}
	var f fileShape
	if err := doc.Decode(&f); err != nil {
		return nil, &LoadError{Line: 1, Reason: err.Error()}
	}
	return build(f, lines)
}

// build turns a schema-valid file into a Scenario, checking what the schema
// cannot: durations, patterns and templates.
func build(f fileShape, lines lineMap) (*Scenario, error) {
	sc := &Scenario{Name: f.Name, Description: f.Description, API: f.API, nameLine: lines.line("/name")}
	for i, c := range f.Timeline {
		ptr := fmt.Sprintf("/timeline/%d", i)
		cue := Cue{When: Trigger(c.When), Line: lines.line(ptr)}
		if c.Pattern != "" {
			if cue.When != CustomerMessage {
				return nil, &LoadError{Line: lines.line(ptr + "/pattern"), Reason: fieldPath(ptr+"/pattern") + ": only a customerMessage cue has a pattern"}
			}
			re, err := regexp.Compile(c.Pattern)
			if err != nil {
				return nil, &LoadError{Line: lines.line(ptr + "/pattern"), Reason: fieldPath(ptr+"/pattern") + ": " + err.Error()}
			}
			cue.Pattern = re
		}
		if c.After != "" {
			if cue.When != Elapsed {
				return nil, &LoadError{Line: lines.line(ptr + "/after"), Reason: fieldPath(ptr+"/after") + ": only an elapsed cue has an after; put delays on its actions"}
			}
			d, err := duration(c.After, ptr+"/after", lines)
			if err != nil {
				return nil, err
			}
			cue.After = d
		}
		for j, a := range c.Actions {
			aptr := fmt.Sprintf("%s/actions/%d", ptr, j)
			spec := ActionSpec{Do: a.Do, With: a.With, Line: lines.line(aptr)}
			if a.After != "" {
				d, err := duration(a.After, aptr+"/after", lines)
				if err != nil {
					return nil, err
				}
				spec.After = d
			}
			params, err := compileValue(a.With, aptr+"/with", lines)
			if err != nil {
				return nil, err
			}
			spec.params = params
			cue.Actions = append(cue.Actions, spec)
		}
		sc.Cues = append(sc.Cues, cue)
	}
	return sc, nil
}

func duration(s, ptr string, lines lineMap) (time.Duration, error) {
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 {
		return 0, &LoadError{Line: lines.line(ptr), Reason: fieldPath(ptr) + ": want a duration such as 30s or 1m30s, got " + strconv.Quote(s)}
	}
	return d, nil
}

// fieldPath turns /timeline/0/actions/1/with into timeline[0].actions[1].with.
func fieldPath(ptr string) string {
	if ptr == "" {
		return "(file)"
	}
	var b strings.Builder
	for _, tok := range strings.Split(strings.TrimPrefix(ptr, "/"), "/") {
		if _, err := strconv.Atoi(tok); err == nil {
			b.WriteString("[" + tok + "]")
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(strings.NewReplacer("~1", "/", "~0", "~").Replace(tok))
	}
	return b.String()
}
