package aicc_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"testing"

	"github.com/switchboard-sim/switchboard/openapi"
	"github.com/switchboard-sim/switchboard/simulator/aicc"
	"github.com/switchboard-sim/switchboard/simulator/switchboardtest"
)

const (
	testAK = "test-ak"
	testSK = "Q3mZ8vK2pL9xR4tY7wN1cB6hJ5dF0gS3aE8uI2oP4kM"
)

type env struct {
	sb     *switchboardtest.Instance
	tenant string
}

func start(t *testing.T, opts aicc.Options) *env {
	t.Helper()
	sb := switchboardtest.Start(t, switchboardtest.WithVendor(&aicc.Vendor{Options: opts}))
	return &env{sb: sb, tenant: "tok-" + t.Name()}
}

func (e *env) q() string { return "?tenant=" + url.QueryEscape(e.tenant) }

// admin sends a control-plane request and decodes a 200 answer into out.
func (e *env) admin(t *testing.T, method, path string, body, out any) {
	t.Helper()
	r := e.sb.Admin.Do(t, method, path+e.q(), body)
	if out != nil {
		r.JSON(t, out)
	}
}

// adminStatus sends a control-plane request and returns its status and body.
func (e *env) adminStatus(t *testing.T, method, path string, body any) (int, map[string]any) {
	t.Helper()
	r := e.sb.Do(t, method, e.sb.Admin.URL()+path+e.q(), body)
	var m map[string]any
	_ = json.Unmarshal(r.Body, &m)
	return r.Status, m
}

func (e *env) subscribe(t *testing.T, channel, baseURL string, auth map[string]any) aicc.Subscription {
	t.Helper()
	var s aicc.Subscription
	e.admin(t, "POST", "/aicc/subscriptions", map[string]any{"channelId": channel, "baseUrl": baseURL, "auth": auth}, &s)
	return s
}

func (e *env) receiverURL(name string) string { return e.sb.API("aicc") + "/receiver/" + name }

func authV2() map[string]any {
	return map[string]any{"mode": "auth-v2", "accessKey": testAK, "secretKey": testSK}
}

func (e *env) startConv(t *testing.T, body map[string]any) aicc.Conversation {
	t.Helper()
	var c aicc.Conversation
	e.admin(t, "POST", "/aicc/conversations", body, &c)
	return c
}

func (e *env) push(t *testing.T, convID string, msgs ...aicc.MessageSpec) []aicc.DownLinkMsg {
	t.Helper()
	var out struct{ Messages []aicc.DownLinkMsg }
	e.admin(t, "POST", "/aicc/conversations/"+convID+"/messages", map[string]any{"messages": msgs}, &out)
	return out.Messages
}

func (e *env) deliveries(t *testing.T, query string) []aicc.Attempt {
	t.Helper()
	var out struct{ Deliveries []aicc.Attempt }
	r := e.sb.Admin.Do(t, "GET", "/aicc/deliveries"+e.q()+query, nil)
	r.JSON(t, &out)
	return out.Deliveries
}

func (e *env) receiver(t *testing.T, name string) aicc.Receiver {
	t.Helper()
	var r aicc.Receiver
	e.admin(t, "GET", "/aicc/receivers/"+name, nil, &r)
	return r
}

func (e *env) uplink(t *testing.T, body map[string]any) *switchboardtest.Response {
	t.Helper()
	return e.sb.Do(t, "POST", e.sb.API("aicc")+"/apiaccess/ccmessaging/send", body,
		switchboardtest.Bearer(e.tenant), switchboardtest.Header{"x-app-key", "app-1"})
}

// validatePush checks a pushed body against the PushBody schema of openapi/aicc.yaml.
func validatePush(t *testing.T, body []byte) {
	t.Helper()
	spec, err := openapi.Load("aicc")
	if err != nil {
		t.Fatal(err)
	}
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatalf("push body is not JSON: %v: %s", err, body)
	}
	if err := spec.Doc.Components.Schemas["PushBody"].Value.VisitJSON(v); err != nil {
		t.Fatalf("push body breaks the PushBody schema: %v\n%s", err, body)
	}
}

func decodePush(t *testing.T, body []byte) aicc.PushBody {
	t.Helper()
	var p aicc.PushBody
	if err := json.Unmarshal(body, &p); err != nil {
		t.Fatalf("push body: %v", err)
	}
	return p
}

func okStatus(t *testing.T, r *switchboardtest.Response) {
	t.Helper()
	if r.Status != http.StatusOK {
		t.Fatalf("status %d: %s", r.Status, r.Body)
	}
}
