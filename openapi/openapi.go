// Package openapi embeds Switchboard's own OpenAPI 3 specs: one per vendor
// API (<name>.yaml) and the control plane's (admin.yaml, plus one
// admin-<name>.yaml fragment per vendor that adds control-plane operations).
package openapi

import (
	"context"
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	"gopkg.in/yaml.v3"
)

//go:embed *.yaml
var files embed.FS

// Spec is one loaded, validated spec.
type Spec struct {
	Name string
	Doc  *openapi3.T
	YAML []byte
	JSON []byte
}

type memo struct {
	once sync.Once
	spec *Spec
	err  error
}

var (
	mu    sync.Mutex
	cache = map[string]*memo{}
)

// Load returns the named spec, parsed and validated once per process: the
// embedded files never change, so every server shares one immutable copy.
func Load(name string) (*Spec, error) {
	mu.Lock()
	m, ok := cache[name]
	if !ok {
		m = &memo{}
		cache[name] = m
	}
	mu.Unlock()
	m.once.Do(func() {
		if name == "admin" {
			m.spec, m.err = loadAdmin()
		} else {
			m.spec, m.err = loadFile(name, name+".yaml")
		}
	})
	return m.spec, m.err
}

// Has reports whether a spec named name is embedded.
func Has(name string) bool {
	_, err := fs.Stat(files, name+".yaml")
	return err == nil
}

func loadFile(name, file string) (*Spec, error) {
	raw, err := files.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("openapi %s: %w", name, err)
	}
	return parse(name, raw)
}

func parse(name string, raw []byte) (*Spec, error) {
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(raw)
	if err != nil {
		return nil, fmt.Errorf("openapi %s: %w", name, err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		return nil, fmt.Errorf("openapi %s: invalid spec: %w", name, err)
	}
	js, err := json.Marshal(doc)
	if err != nil {
		return nil, fmt.Errorf("openapi %s: %w", name, err)
	}
	return &Spec{Name: name, Doc: doc, YAML: raw, JSON: js}, nil
}

// loadAdmin merges admin.yaml with every admin-*.yaml fragment: their paths
// and component schemas join the control plane's spec. A duplicate path or
// schema name is an error.
func loadAdmin() (*Spec, error) {
	var root map[string]any
	raw, err := files.ReadFile("admin.yaml")
	if err != nil {
		return nil, err
	}
	if err := yaml.Unmarshal(raw, &root); err != nil {
		return nil, fmt.Errorf("openapi admin: %w", err)
	}
	frags, _ := fs.Glob(files, "admin-*.yaml")
	sort.Strings(frags)
	for _, f := range frags {
		b, _ := files.ReadFile(f)
		var frag map[string]any
		if err := yaml.Unmarshal(b, &frag); err != nil {
			return nil, fmt.Errorf("openapi %s: %w", f, err)
		}
		if err := mergeSection(root, frag, "paths", f); err != nil {
			return nil, err
		}
		for _, sec := range []string{"schemas", "parameters", "responses"} {
			fc, _ := frag["components"].(map[string]any)
			rc, _ := root["components"].(map[string]any)
			if fc == nil || rc == nil {
				continue
			}
			if err := mergeSection(rc, fc, sec, f); err != nil {
				return nil, err
			}
		}
		if tags, ok := frag["tags"].([]any); ok {
			rt, _ := root["tags"].([]any)
			root["tags"] = append(rt, tags...)
		}
	}
	merged, err := yaml.Marshal(root)
	if err != nil {
		return nil, err
	}
	return parse("admin", merged)
}

func mergeSection(dst, src map[string]any, key, file string) error {
	s, _ := src[key].(map[string]any)
	if len(s) == 0 {
		return nil
	}
	d, _ := dst[key].(map[string]any)
	if d == nil {
		d = map[string]any{}
		dst[key] = d
	}
	for k, v := range s {
		if _, dup := d[k]; dup {
			return fmt.Errorf("openapi %s: %s %q is already defined", file, key, k)
		}
		d[k] = v
	}
	return nil
}

// VendorNames lists the embedded vendor specs (not the control plane's).
func VendorNames() []string {
	all, _ := fs.Glob(files, "*.yaml")
	var out []string
	for _, f := range all {
		n := strings.TrimSuffix(f, ".yaml")
		if n != "admin" && !strings.HasPrefix(n, "admin-") {
			out = append(out, n)
		}
	}
	sort.Strings(out)
	return out
}

// Preload loads the named specs concurrently (start-up time grows with the
// specs; on two cores this halves it) and returns the first error.
func Preload(names ...string) error {
	errc := make(chan error, len(names))
	for _, n := range names {
		go func() {
			_, err := Load(n)
			errc <- err
		}()
	}
	var first error
	for range names {
		if err := <-errc; err != nil && first == nil {
			first = err
		}
	}
	return first
}
