package scenarios

import (
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// builtin is the scenario library shipped in the binary.
//
//go:embed builtin/*.yaml
var builtin embed.FS

// Library is a set of scenarios by name.
type Library struct {
	byName map[string]*Scenario
}

// LoadLibrary loads the built-in scenarios and then, when dir is not empty,
// every *.yaml and *.yml file of dir. A user file replaces a built-in
// scenario of the same name; two user files with one name are an error.
// The first bad file stops loading with a *LoadError (file, line, reason).
func LoadLibrary(dir string) (*Library, error) {
	lib := &Library{byName: map[string]*Scenario{}}
	names, err := fs.Glob(builtin, "builtin/*.yaml")
	if err != nil {
		return nil, err
	}
	for _, n := range names {
		data, err := builtin.ReadFile(n)
		if err != nil {
			return nil, err
		}
		sc, err := parseFile("scenarios/"+n, data, false)
		if err != nil {
			return nil, err
		}
		sc.Builtin = true
		if err := lib.add(sc, false); err != nil {
			return nil, err
		}
	}
	if dir == "" {
		return lib, nil
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("--scenarios: %w", err)
	}
	for _, e := range entries {
		ext := strings.ToLower(path.Ext(e.Name()))
		if e.IsDir() || (ext != ".yaml" && ext != ".yml") {
			continue
		}
		file := filepath.Join(dir, e.Name())
		data, err := os.ReadFile(file)
		if err != nil {
			return nil, err
		}
		sc, err := Parse(file, data)
		if err != nil {
			return nil, err
		}
		if err := lib.add(sc, true); err != nil {
			return nil, err
		}
	}
	return lib, nil
}

func (l *Library) add(sc *Scenario, user bool) error {
	if old, ok := l.byName[sc.Name]; ok && (!user || !old.Builtin) {
		return &LoadError{File: sc.File, Line: sc.nameLine, Reason: fmt.Sprintf("name %q is already used by %s", sc.Name, old.File)}
	}
	l.byName[sc.Name] = sc
	return nil
}

// Get returns a scenario by name.
func (l *Library) Get(name string) (*Scenario, bool) {
	sc, ok := l.byName[name]
	return sc, ok
}

// List is every scenario, sorted by name.
func (l *Library) List() []*Scenario {
	out := make([]*Scenario, 0, len(l.byName))
	for _, sc := range l.byName {
		out = append(out, sc)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

func sortActive(a []Active) {
	sort.Slice(a, func(i, j int) bool {
		if a[i].API != a[j].API {
			return a[i].API < a[j].API
		}
		return a[i].Session < a[j].Session
	})
}
