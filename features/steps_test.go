package features_test

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cucumber/godog"
	"github.com/xuri/excelize/v2"

	"github.com/switchboard-sim/switchboard/features"
	"github.com/switchboard-sim/switchboard/simulator/gateway"
	"github.com/switchboard-sim/switchboard/simulator/switchboardtest"
	"github.com/switchboard-sim/switchboard/simulator/vendor"
	"github.com/switchboard-sim/switchboard/simulator/vendors"
)

// fakeVendor stands in for a vendor package until they land: it streams
// SSE events, answers long-polls and sends webhooks, each on the
// requesting tenant's virtual clock, so the step library's event and
// webhook steps can be proven now.
type fakeVendor struct {
	sb *switchboardtest.Instance
	mu sync.Mutex
	// per credential: events for the long-poll
	queues map[string][]map[string]any
}

func (f *fakeVendor) cred(r *http.Request) string {
	return strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
}

func (f *fakeVendor) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	t := f.sb.Server.Tenants().Get(f.cred(r))
	switch r.URL.Path {
	case "/stream":
		events := make(chan string, 8)
		t.Clock().After(20*time.Second, func() {
			events <- "event: chat_session_message\ndata: {\"party_id\":\"agent-1\",\"msg\":\"hi\"}\n\n"
		})
		t.Clock().After(40*time.Second, func() {
			events <- "data: {\"event\":\"chat_session_message\",\"party_id\":\"bot-9\",\"msg\":\"beep\"}\n\n"
		})
		w.Header().Set("Content-Type", "text/event-stream")
		w.WriteHeader(200)
		w.(http.Flusher).Flush()
		for {
			select {
			case e := <-events:
				io.WriteString(w, e)
				w.(http.Flusher).Flush()
			case <-r.Context().Done():
				return
			}
		}
	case "/poll":
		key := f.cred(r)
		f.mu.Lock()
		if _, ok := f.queues[key]; !ok {
			f.queues[key] = []map[string]any{}
			t.Clock().After(15*time.Second, func() {
				f.mu.Lock()
				f.queues[key] = append(f.queues[key], map[string]any{"event": "chat_session_typing", "party_id": "agent-1"})
				f.mu.Unlock()
			})
		}
		f.mu.Unlock()
		deadline := time.Now().Add(300 * time.Millisecond)
		for {
			f.mu.Lock()
			q := f.queues[key]
			f.queues[key] = []map[string]any{}
			f.mu.Unlock()
			if len(q) > 0 || time.Now().After(deadline) {
				json.NewEncoder(w).Encode(map[string]any{"events": q})
				return
			}
			time.Sleep(10 * time.Millisecond) // the long-poll's own hold, as a real server's
		}
	case "/subscribe":
		var in struct{ URL string }
		json.NewDecoder(r.Body).Decode(&in)
		var deliver func(n int)
		deliver = func(n int) {
			body, _ := json.Marshal(map[string]int{"n": n})
			req, _ := http.NewRequest("POST", in.URL, bytes.NewReader(body))
			req.Header.Set("X-Signature", sign(body))
			res, err := http.DefaultClient.Do(req)
			if err != nil || res.StatusCode != 200 {
				t.Clock().After(5*time.Second, func() { deliver(n) })
			}
			if res != nil {
				res.Body.Close()
			}
		}
		t.Clock().After(10*time.Second, func() { deliver(1) })
		t.Clock().After(20*time.Second, func() { deliver(2) })
		w.WriteHeader(200)
		io.WriteString(w, "{}")
	case "/upload":
		file, hdr, err := r.FormFile("file")
		if err != nil {
			http.Error(w, err.Error(), 400)
			return
		}
		b, _ := io.ReadAll(file)
		json.NewEncoder(w).Encode(map[string]any{"name": hdr.Filename, "content": string(b)})
	case "/export.xlsx":
		x := excelize.NewFile()
		x.SetSheetName("Sheet1", "Messages")
		x.SetSheetRow("Messages", "A1", &[]any{"from", "text"})
		x.SetSheetRow("Messages", "A2", &[]any{"agent", "Hello"})
		x.Write(w)
	case "/login":
		http.SetCookie(w, &http.Cookie{Name: "session", Value: "s-42", Path: "/"})
		io.WriteString(w, "{}")
	case "/whoami":
		c, err := r.Cookie("session")
		if err != nil {
			http.Error(w, "no cookie", http.StatusUnauthorized)
			return
		}
		json.NewEncoder(w).Encode(map[string]string{"session": c.Value})
	default:
		http.NotFound(w, r)
	}
}

func sign(body []byte) string {
	m := hmac.New(sha256.New, []byte("s3cret"))
	m.Write(body)
	return hex.EncodeToString(m.Sum(nil))
}

const selfTest = `Feature: Step library self-test
  Background:
    Given I use the llamadapro API

  Scenario: Server-sent events arrive as the clock moves
    Given I save "agent-1" as "agent"
    And the client listens to events at "VENDOR/stream"
    Then within 30 seconds of simulated time the client receives chat_session_message from the agent
    And the event's JSON at "msg" is "hi"
    And the client receives no chat_session_message from the bot-9 within 10 seconds of simulated time
    And within 1 minute of simulated time the client receives chat_session_message from the bot-9
    And the event's JSON at "msg" is "beep"

  Scenario: Long-poll responses are polled while the clock moves
    Given the client long-polls "VENDOR/poll"
    Then within 30 seconds of simulated time the client receives chat_session_typing from the agent-1

  Scenario: Webhooks are received, retried after a failure and verified
    Given a webhook receiver "crm"
    And the webhook receiver "crm" answers 500 for the next 1 delivery
    When I send a POST request to "VENDOR/subscribe" with JSON:
      """
      {"url": "{{receiver.crm}}"}
      """
    Then within 30 seconds of simulated time the webhook receiver "crm" receives 3 deliveries
    And delivery 1 to "crm" has JSON at "n" equal to 1
    And delivery 2 to "crm" has JSON at "n" equal to 1
    And delivery 3 to "crm" has JSON at "n" equal to 2
    And delivery 3 to "crm" has the header "X-Signature"
    And every delivery to "crm" has a valid "test-hmac" signature with secret "s3cret"
    And the simulator received 0 requests to CreateTask

  Scenario: Files, workbooks and cookies
    When I upload the file "note.txt" as the form field "file" to "VENDOR/upload" with content:
      """
      hello {{tenant}}
      """
    Then the response status is 200
    And the JSON at "name" is "note.txt"
    And the JSON at "content" is "hello {{tenant}}"
    When I send a GET request to "VENDOR/export.xlsx"
    Then the response is an Excel workbook whose sheet "Messages" has 2 rows
    And cell B2 of sheet "Messages" is "Hello"
    When I send a GET request to "VENDOR/login"
    And I send a GET request to "VENDOR/whoami"
    Then the response status is 200
    And the JSON at "session" is "s-42"
`

// mustFail lists scenarios the harness must report as failures.
const mustFail = `Feature: Failures are reported
  Background:
    Given I use the llamadapro API

  Scenario: An event that never comes
    Given the client listens to events at "VENDOR/stream"
    Then within 10 seconds of simulated time the client receives chat_session_message

  Scenario: An event that comes when none is expected
    Given the client listens to events at "VENDOR/stream"
    Then the client receives no chat_session_message within 30 seconds of simulated time

  Scenario: Too few webhooks
    Given a webhook receiver "crm"
    When I send a POST request to "VENDOR/subscribe" with JSON:
      """
      {"url": "{{receiver.crm}}"}
      """
    Then within 15 seconds of simulated time the webhook receiver "crm" receives 2 deliveries

  Scenario: A bad signature
    Given a webhook receiver "crm"
    When I send a POST request to "VENDOR/subscribe" with JSON:
      """
      {"url": "{{receiver.crm}}"}
      """
    Then within 15 seconds of simulated time the webhook receiver "crm" receives 1 delivery
    And every delivery to "crm" has a valid "test-hmac" signature with secret "wrong"

  Scenario: An undefined step
    Given the moon is full

  Scenario: A wrong cell
    When I send a GET request to "VENDOR/export.xlsx"
    Then cell A2 of sheet "Messages" is "bot"
`

// hmacVendor adds the "test-hmac" signature scheme to the harness, as a
// vendor adds its own (vendor.FeatureVerifiers); it is never served.
type hmacVendor struct{}

func (hmacVendor) Name() string { return "test-hmac" }

func (hmacVendor) Build(vendor.Env) (gateway.API, error) { return nil, errors.New("not served") }

func (hmacVendor) FeatureVerifiers() map[string]func(vendor.Delivery, string) error {
	return map[string]func(vendor.Delivery, string) error{"test-hmac": func(d vendor.Delivery, secret string) error {
		m := hmac.New(sha256.New, []byte(secret))
		m.Write(d.Body)
		if !hmac.Equal([]byte(hex.EncodeToString(m.Sum(nil))), []byte(d.Header.Get("X-Signature"))) {
			return errors.New("signature mismatch")
		}
		return nil
	}}
}

func runContents(t *testing.T, name, text string) (int, string) {
	sb := switchboardtest.Start(t)
	vendor := httptest.NewServer(&fakeVendor{sb: sb, queues: map[string][]map[string]any{}})
	t.Cleanup(vendor.Close)
	var out bytes.Buffer
	suite := features.Suite(features.Target{URL: sb.URL}, features.Options{Format: "progress", Output: &out, Concurrency: 3, NoColors: true, Vendors: append(vendors.All(), hmacVendor{})})
	suite.Options.Paths = nil
	suite.Options.FS = nil
	suite.Options.FeatureContents = []godog.Feature{{Name: name, Contents: []byte(strings.ReplaceAll(text, "VENDOR", vendor.URL))}}
	return suite.Run(), out.String()
}

func TestEventAndWebhookStepsPass(t *testing.T) {
	if code, out := runContents(t, "self.feature", selfTest); code != 0 {
		t.Fatalf("exit %d:\n%s", code, out)
	}
}

func TestEventAndWebhookStepsFailWhenTheyShould(t *testing.T) {
	code, out := runContents(t, "fail.feature", mustFail)
	if code == 0 {
		t.Fatalf("every scenario should have failed:\n%s", out)
	}
	for _, want := range []string{
		"no chat_session_message within 10s of simulated time",
		"want none",
		"received 1 deliveries within 15s of simulated time, want 2",
		"signature mismatch",
		"6 scenarios (5 failed, 1 undefined)",
		`cell A2 of sheet "Messages" is "agent", want "bot"`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}
