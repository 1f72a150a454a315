package admin_test

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/switchboard-sim/switchboard/simulator/server"
	"github.com/switchboard-sim/switchboard/simulator/switchboardtest"
	"github.com/switchboard-sim/switchboard/simulator/vendors"
)

const userScenario = `schemaVersion: 1
name: acme-greeting
description: The agent says a custom line 30 s after the chat starts.
api: brightpattern
timeline:
  - when: chatRequested
    actions:
      - {after: 30s, do: says, with: {text: Welcome to ACME support}}
`

func TestControlPlaneListsAndActivatesScenarios(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "acme.yaml"), []byte(userScenario), 0o644); err != nil {
		t.Fatal(err)
	}
	sb := switchboardtest.Start(t, switchboardtest.WithConfig(func(c *server.Config) { c.Scenarios = dir }))
	var list struct {
		Scenarios []struct {
			Name, Description, API, File string
			Builtin                      bool
		} `json:"scenarios"`
	}
	sb.Admin.Do(t, http.MethodGet, "/scenarios", nil).JSON(t, &list)
	names := map[string]bool{}
	for _, s := range list.Scenarios {
		names[s.Name] = true
		if s.Description == "" {
			t.Errorf("%s has no description", s.Name)
		}
	}
	if !names["acme-greeting"] || !names["brightpattern-agent-answers"] {
		t.Fatalf("listed %v", names)
	}

	r := sb.Admin.Do(t, http.MethodPost, "/scenarios/acme-greeting/activate?tenant=admin-k1", nil)
	if m := r.Map(t); m["scenario"] != "acme-greeting" || m["api"] != "brightpattern" {
		t.Fatalf("activate answered %s", r.Body)
	}
	var withTenant struct {
		Active []struct{ Scenario string } `json:"active"`
	}
	sb.Admin.Do(t, http.MethodGet, "/scenarios?tenant=admin-k1", nil).JSON(t, &withTenant)
	if len(withTenant.Active) != 1 || withTenant.Active[0].Scenario != "acme-greeting" {
		t.Fatalf("active %+v", withTenant.Active)
	}
	sb.Admin.Do(t, http.MethodPost, "/scenarios/acme-greeting/deactivate?tenant=admin-k1", nil)
	sb.Admin.Do(t, http.MethodGet, "/scenarios?tenant=admin-k1", nil).JSON(t, &withTenant)
	if len(withTenant.Active) != 0 {
		t.Fatalf("still active %+v", withTenant.Active)
	}

	for _, tc := range []struct {
		path   string
		status int
	}{
		{"/scenarios/nope/activate?tenant=k", 404},
		{"/scenarios/acme-greeting/activate", 400},
		{"/scenarios/nope/deactivate?tenant=k", 404},
	} {
		resp := sb.Do(t, http.MethodPost, sb.Admin.URL()+tc.path, nil)
		if resp.Status != tc.status || !strings.Contains(string(resp.Body), `"error"`) {
			t.Errorf("%s: %d %s, want %d in the control plane's error shape", tc.path, resp.Status, resp.Body, tc.status)
		}
	}
}

func TestABadScenarioFolderStopsStartUp(t *testing.T) {
	dir := t.TempDir()
	bad := strings.Replace(userScenario, "do: says", "do: dances", 1)
	if err := os.WriteFile(filepath.Join(dir, "bad.yaml"), []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := server.New(server.Config{Addr: "127.0.0.1:0", Scenarios: dir, Vendors: vendors.All()})
	want := filepath.Join(dir, "bad.yaml") + ":8: timeline[0].actions[0].do"
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Fatalf("got %v, want an error starting %q", err, want)
	}
}
