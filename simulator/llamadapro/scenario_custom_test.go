package llamadapro_test

import (
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/switchboard-sim/switchboard/simulator/server"
	"github.com/switchboard-sim/switchboard/simulator/switchboardtest"
)

// customScenario exercises what the built-in files do not: a tenant-wide
// elapsed cue (no session), trigger variables in templates, a canceled
// call, a failed message, an explicit sender, and a refused channel.
const customScenario = `schemaVersion: 1
name: lp-custom
description: Test scenario.
api: llamadapro
timeline:
  - when: callStarted
    actions:
      - {after: 1s, do: callStatus, with: {status: answered}}
  - when: messageSent
    actions:
      - {after: 1s, do: inboundMessage, with: {text: 'Who is {{.Trigger.to}}? You wrote {{.Trigger.text}}'}}
      - {after: 2s, do: inboundMessage, with: {channel: sms, text: 'not on WhatsApp'}}
  - when: elapsed
    after: 10s
    actions:
      - {do: callStatus, with: {status: canceled}}
      - {do: messageStatus, with: {status: failed}}
      - {do: inboundMessage, with: {from: '+56933334444', text: 'Hello from nowhere'}}
      - {do: callStatus, with: {status: busy}}
`

func TestCustomScenarioActions(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "lp-custom.yaml"), []byte(customScenario), 0o600); err != nil {
		t.Fatal(err)
	}
	sb := switchboardtest.Start(t, switchboardtest.WithConfig(func(c *server.Config) { c.Scenarios = dir }))
	c := &client{sb: sb, key: "lp-custom"}
	sb.Admin.Do(t, http.MethodPost, "/scenarios/lp-custom/activate?tenant="+url.QueryEscape(c.key), nil)
	call := c.startTrigger(t, false, "+56912345678")
	msg := c.startTrigger(t, true, "+525512345678")
	c.advance(t, 2*time.Second)
	if got := call(); got["status"] != "in-progress" {
		t.Fatalf("call = %v", got["status"])
	}
	reply := c.must(t, 200, "GET", "/api/v1/messages/msg_2", nil)
	if reply["content"] != "Who is +525512345678? You wrote Your order shipped" || reply["contactId"] != 502.0 {
		t.Errorf("templated reply = %v", reply)
	}
	c.fails(t, 404, "GET", "/api/v1/messages/msg_3", nil) // the sms reply is refused
	c.advance(t, 8*time.Second)
	got := call()
	if got["status"] != "canceled" || got["duration"] != 0.0 {
		t.Errorf("elapsed callStatus: %v duration %v", got["status"], got["duration"])
	}
	if m := msg(); m["status"] != "failed" || len(list(m, "errors")) != 1 {
		t.Errorf("elapsed messageStatus: %v", m)
	}
	in := c.must(t, 200, "GET", "/api/v1/messages/msg_3", nil)
	if obj(in["sender"])["address"] != "+56933334444" || obj(in["recipient"])["address"] != "+15550100000" || in["direction"] != "inbound" {
		t.Errorf("elapsed inboundMessage = %v", in)
	}
	hist := sb.Admin.Do(t, http.MethodGet, "/scenarios?tenant="+url.QueryEscape(c.key), nil).Map(t)
	var errors []string
	for _, h := range list(hist, "history") {
		if e, _ := obj(h)["error"].(string); e != "" {
			errors = append(errors, e)
		}
	}
	// The sms reply is refused; the last busy finds no open call, which is no error (nothing to move).
	if len(errors) != 1 || !strings.Contains(errors[0], "WhatsApp only") {
		t.Errorf("scenario errors = %v", errors)
	}
	if got := call(); got["status"] != "canceled" {
		t.Errorf("an ended call moved again: %v", got["status"])
	}
}
