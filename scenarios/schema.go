package scenarios

import (
	"bytes"
	_ "embed"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// SchemaJSON is the JSON Schema of a scenario file (schemaVersion 1).
//
//go:embed schema.json
var SchemaJSON []byte

// compiledSchema compiles SchemaJSON once per process.
var compiledSchema = sync.OnceValues(func() (*jsonschema.Schema, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(SchemaJSON))
	if err != nil {
		return nil, fmt.Errorf("scenarios: schema.json: %w", err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("schema.json", doc); err != nil {
		return nil, fmt.Errorf("scenarios: schema.json: %w", err)
	}
	return c.Compile("schema.json")
})

// violation is one schema failure at a JSON pointer of the instance.
type violation struct {
	pointer string // where to find the line
	at      string // the value the reason is about
	reason  string
}

// validateSchema checks v against the schema and returns its most specific
// failures (the leaves of the error tree), sorted by pointer.
func validateSchema(v any) ([]violation, error) {
	sch, err := compiledSchema()
	if err != nil {
		return nil, err
	}
	err = sch.Validate(v)
	if err == nil {
		return nil, nil
	}
	ve, ok := err.(*jsonschema.ValidationError)
	if !ok {
		return nil, err
	}
	p := message.NewPrinter(language.English)
	var out []violation
	var walk func(e *jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		if len(e.Causes) == 0 {
			loc := pointer(e.InstanceLocation)
			if ap, ok := e.ErrorKind.(*kind.AdditionalProperties); ok && len(ap.Properties) > 0 {
				// Point at the first unexpected key's own line.
				out = append(out, violation{pointer: loc + "/" + ap.Properties[0], reason: e.ErrorKind.LocalizedString(p), at: loc})
				return
			}
			out = append(out, violation{pointer: loc, reason: e.ErrorKind.LocalizedString(p), at: loc})
			return
		}
		for _, c := range e.Causes {
			walk(c)
		}
	}
	walk(ve)
	sort.SliceStable(out, func(i, j int) bool { return out[i].pointer < out[j].pointer })
	return out, nil
}

func pointer(tokens []string) string {
	var b strings.Builder
	for _, t := range tokens {
		b.WriteByte('/')
		b.WriteString(strings.NewReplacer("~", "~0", "/", "~1").Replace(t))
	}
	return b.String()
}

// SchemaBase is the core of the scenario schema, naming no API: MergeSchema
// adds each API's fragment to it, and the result is schema.json.
//
//go:embed schema.base.json
var SchemaBase []byte
