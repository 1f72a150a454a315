package server_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/switchboard-sim/switchboard/simulator/server"
	"github.com/switchboard-sim/switchboard/simulator/switchboardtest"
)

const reloadScenario = `schemaVersion: 1
name: lp-reload
description: Calls end as %s.
api: llamadapro
timeline:
  - when: callStarted
    actions:
      - {after: 1s, do: callStatus, with: {status: %s}}
`

// callEndsAs starts a call for key, lets the scenario act and returns the
// call's status.
func callEndsAs(t *testing.T, sb *switchboardtest.Instance, key string) string {
	t.Helper()
	api := sb.API("llamadapro")
	var call struct {
		ID int `json:"id"`
	}
	sb.Do(t, "POST", api+"/api/v2/calls/agent", map[string]any{"toPhoneNumber": "+56912345678", "objectives": []any{"hi"}, "maxDurationSeconds": 60},
		switchboardtest.Bearer(key)).JSON(t, &call)
	sb.Admin.Advance(t, key, 2*time.Second)
	var got struct {
		Status string `json:"status"`
	}
	sb.Do(t, "GET", fmt.Sprintf("%s/api/v1/calls/%d", api, call.ID), nil, switchboardtest.Bearer(key)).JSON(t, &got)
	return got.Status
}

func TestScenarioFilesReloadWithoutARestart(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "lp-reload.yaml")
	write := func(body string) {
		if err := os.WriteFile(file, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write(fmt.Sprintf(reloadScenario, "busy", "busy"))
	sb := switchboardtest.Start(t, switchboardtest.WithConfig(func(c *server.Config) { c.Scenarios = dir }))
	sb.Admin.Do(t, "POST", "/scenarios/lp-reload/activate?tenant=reloader", nil)
	if got := callEndsAs(t, sb, "reloader"); got != "busy" {
		t.Fatalf("before the edit the call is %q, want busy", got)
	}

	t.Run("an edit is picked up by the watcher", func(t *testing.T) {
		write(fmt.Sprintf(reloadScenario, "no-answer", "no-answer"))
		switchboardtest.Eventually(t, 0, "the watcher to reload the edited file", func() bool {
			return strings.Contains(string(sb.Admin.Do(t, "GET", "/scenarios", nil).Body), "Calls end as no-answer.")
		})
		if got := callEndsAs(t, sb, "reloader"); got != "no-answer" {
			t.Fatalf("after the edit the active scenario ends a call as %q, want no-answer", got)
		}
	})

	t.Run("a broken edit keeps the previous set and says where", func(t *testing.T) {
		write("schemaVersion: 1\nname: lp-reload\ndescription: Broken.\napi: llamadapro\ntimeline:\n  - when: callStarted\n    actions:\n      - {after: soon, do: callStatus, with: {status: busy}}\n")
		r := sb.Do(t, "POST", sb.Admin.URL()+"/scenarios/reload", nil)
		var out struct {
			Error struct {
				File   string `json:"file"`
				Line   int    `json:"line"`
				Reason string `json:"reason"`
			} `json:"error"`
		}
		r.JSON(t, &out)
		if r.Status != 422 || out.Error.File != file || out.Error.Line != 8 || out.Error.Reason == "" {
			t.Fatalf("reload of a broken file: %d %s", r.Status, r.Body)
		}
		if got := callEndsAs(t, sb, "reloader"); got != "no-answer" {
			t.Fatalf("after a broken edit the call is %q, want the previous set's no-answer", got)
		}
		var h struct {
			Warnings  []string `json:"warnings"`
			Scenarios struct {
				Error struct {
					File string `json:"file"`
					Line int    `json:"line"`
				} `json:"error"`
			} `json:"scenarios"`
		}
		sb.Admin.Do(t, "GET", "/health", nil).JSON(t, &h)
		if h.Scenarios.Error.File != file || h.Scenarios.Error.Line != 8 || len(h.Warnings) != 1 {
			t.Fatalf("health does not show the broken file: %+v", h)
		}
	})

	t.Run("a fixed file clears the error", func(t *testing.T) {
		write(fmt.Sprintf(reloadScenario, "busy", "busy"))
		r := sb.Admin.Do(t, "POST", "/scenarios/reload", nil)
		if !strings.Contains(string(r.Body), `"ok":true`) {
			t.Fatalf("reload: %s", r.Body)
		}
		if strings.Contains(string(sb.Admin.Do(t, "GET", "/health", nil).Body), `"error"`) {
			t.Fatal("health still shows the error")
		}
	})
}
