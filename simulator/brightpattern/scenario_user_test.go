package brightpattern_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/switchboard-sim/switchboard/simulator/brightpattern"
	"github.com/switchboard-sim/switchboard/simulator/server"
	"github.com/switchboard-sim/switchboard/simulator/switchboardtest"
	"github.com/switchboard-sim/switchboard/simulator/vendors"
)

const userScenario = `schemaVersion: 1
name: acme-greeting
description: The agent greets the customer 30 s after the chat starts.
api: brightpattern
timeline:
  - when: chatRequested
    actions:
      - {after: 30s, do: says, with: {text: 'Welcome to ACME support, {{.Trigger.first_name}}!'}}
`

// TestUserScenarioFolder: a scenario file of the user's own, loaded with
// --scenarios DIR, makes the agent say its line 30 s after the chat starts
// (the agent joins to say it), both per chat and for the whole tenant.
func TestUserScenarioFolder(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "greeting.yaml"), []byte(userScenario), 0o644); err != nil {
		t.Fatal(err)
	}
	sb := switchboardtest.Start(t, switchboardtest.WithConfig(func(c *server.Config) {
		c.Scenarios = dir
	}), switchboardtest.WithVendor(&brightpattern.Vendor{Options: brightpattern.Options{PollHold: 20 * time.Millisecond}}))
	perChat := newClient(t, sb, "AcmeChat", "dev-1")
	tenantWide := newClient(t, sb, "AcmeTenant", "dev-2")
	activate(t, sb, "acme-greeting", tenantWide.tenant())
	for _, tc := range []struct {
		c      *client
		params map[string]any
	}{
		{perChat, map[string]any{"first_name": "Dana", "scenario": "acme-greeting"}},
		{tenantWide, map[string]any{"first_name": "Dana"}},
	} {
		chat := tc.c.requestChat(tc.params)
		expect(t, "at 29s", tc.c.after(chat, 29*time.Second), info, status)
		evs := tc.c.after(chat, time.Second)
		expect(t, "at 30s", evs, status, joined, message)
		if evs[2].str("msg") != "Welcome to ACME support, Dana!" || evs[2].str("party_id") != evs[1].str("party_id") {
			t.Fatalf("%s: line %v", tc.c.app, evs[2])
		}
	}
}

// TestUserScenarioRefused: a malformed file stops start-up with its file,
// line and reason.
func TestUserScenarioRefused(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, from, to, line, reason string
	}{
		{"unknown action", "do: says", "do: dances", ":8:", "timeline[0].actions[0].do"},
		{"missing text", "with: {text: 'Welcome to ACME support, {{.Trigger.first_name}}!'}", "with: {party: agent}", ":8:", "text"},
		{"bad template", "{{.Trigger.first_name}}", "{{.Trigger.first_name", ":8:", "template"},
		{"bad duration", "after: 30s", "after: soon", ":8:", "after"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			file := filepath.Join(dir, "greeting.yaml")
			body := strings.Replace(userScenario, tc.from, tc.to, 1)
			if body == userScenario {
				t.Fatalf("the case changes nothing")
			}
			if err := os.WriteFile(file, []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
			srv, err := server.New(server.Config{Addr: "127.0.0.1:0", Scenarios: dir, Vendors: vendors.All()})
			if err == nil {
				_ = srv.Close()
				t.Fatal("a malformed scenario file was accepted")
			}
			msg := err.Error()
			t.Log(msg)
			if !strings.Contains(msg, file+tc.line) || !strings.Contains(msg, tc.reason) {
				t.Fatalf("error %q, want %s%s and %q", msg, file, tc.line, tc.reason)
			}
		})
	}
}
