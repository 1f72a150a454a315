package server_test

import (
	"bufio"
	"net/http"
	"strings"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/switchboard-sim/switchboard/simulator/aicc"
	"github.com/switchboard-sim/switchboard/simulator/maiagent"
	"github.com/switchboard-sim/switchboard/simulator/switchboardtest"
)

// scrape parses /__admin/metrics with the Prometheus text parser.
func scrape(t *testing.T, sb *switchboardtest.Instance) map[string]*dto.MetricFamily {
	t.Helper()
	r := sb.Admin.Do(t, "GET", "/metrics", nil)
	if r.Status != 200 || !strings.HasPrefix(r.Header.Get("Content-Type"), "text/plain") {
		t.Fatalf("metrics: %d %q", r.Status, r.Header.Get("Content-Type"))
	}
	parser := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := parser.TextToMetricFamilies(strings.NewReader(string(r.Body)))
	if err != nil {
		t.Fatalf("the metrics do not parse: %v", err)
	}
	return fams
}

// value is the sample of family name whose labels include want (a counter,
// gauge, or a histogram's count); 0 when there is none.
func value(fams map[string]*dto.MetricFamily, name string, want map[string]string) float64 {
	f := fams[name]
	if f == nil {
		return 0
	}
	sum := 0.0
next:
	for _, m := range f.Metric {
		for _, lp := range m.Label {
			if v, ok := want[lp.GetName()]; ok && v != lp.GetValue() {
				continue next
			}
		}
		switch {
		case m.Counter != nil:
			sum += m.Counter.GetValue()
		case m.Gauge != nil:
			sum += m.Gauge.GetValue()
		case m.Histogram != nil:
			sum += float64(m.Histogram.GetSampleCount())
		}
	}
	return sum
}

func TestMetricsParseAndMoveWithTraffic(t *testing.T) {
	sb := switchboardtest.Start(t, switchboardtest.WithVendor(&aicc.Vendor{Options: aicc.Options{Attempts: 2}}))
	get := map[string]string{"api": "llamadapro", "operation": "GetTask", "status": "200"}
	before := scrape(t, sb)
	for i := 0; i < 3; i++ {
		sb.Do(t, "GET", sb.API("llamadapro")+"/api/v1/tasks/task_123", nil, k1)
	}
	sb.Do(t, "POST", sb.API("llamadapro")+"/api/v1/tasks", map[string]any{"objective": 5}, k1) // broken contract
	sb.Admin.Do(t, "POST", "/faults", map[string]any{"match": map[string]any{"operation": "GetTask"}, "action": map[string]any{"type": "status", "status": 503}, "times": 1})
	sb.Do(t, "GET", sb.API("llamadapro")+"/api/v1/tasks/task_123", nil, k1)

	// An AICC push that fails twice: one attempt, one retry, one dead letter.
	q := "?tenant=metrics"
	sb.Admin.Do(t, "POST", "/aicc/subscriptions"+q, map[string]any{"channelId": "ch-m", "baseUrl": sb.API("aicc") + "/receiver/m", "auth": map[string]any{"mode": "auth-v2", "accessKey": "test-ak", "secretKey": "Q3mZ8vK2pL9xR4tY7wN1cB6hJ5dF0gS3aE8uI2oP4kM"}})
	sb.Admin.Do(t, "POST", "/aicc/receivers/m/fail"+q, map[string]any{"count": 2, "status": 500})
	var conv struct {
		ID string `json:"id"`
	}
	sb.Admin.Do(t, "POST", "/aicc/conversations"+q, map[string]any{"channelId": "ch-m", "userId": "u", "flow": "none"}).JSON(t, &conv)
	sb.Admin.Do(t, "POST", "/aicc/conversations/"+conv.ID+"/messages"+q, map[string]any{"messages": []map[string]any{{"sourceType": "AGENT", "controlType": "CHAT", "mediaType": "TEXT", "content": "hi"}}})
	deadline := time.Now().Add(20 * time.Second)
	for value(scrape(t, sb), "switchboard_aicc_deliveries_total", map[string]string{"outcome": "dead-letter"}) < 1 {
		if time.Now().After(deadline) {
			t.Fatalf("no dead letter: %s", sb.Admin.Do(t, "GET", "/aicc/deliveries"+q, nil).Body)
		}
		sb.Admin.Advance(t, "metrics", 2*time.Second) // the retry is due on the virtual clock
	}

	after := scrape(t, sb)
	checks := []struct {
		name   string
		labels map[string]string
		delta  float64
	}{
		{"switchboard_requests_total", get, 3},
		{"switchboard_requests_total", map[string]string{"operation": "GetTask", "status": "503"}, 1},
		{"switchboard_request_duration_seconds", map[string]string{"operation": "GetTask"}, 4},
		{"switchboard_contract_violations_total", map[string]string{"operation": "CreateTask"}, 1},
		{"switchboard_faults_fired_total", map[string]string{"type": "status"}, 1},
		{"switchboard_aicc_deliveries_total", map[string]string{"outcome": "attempt"}, 2},
		{"switchboard_aicc_deliveries_total", map[string]string{"outcome": "retry"}, 1},
		{"switchboard_aicc_deliveries_total", map[string]string{"outcome": "dead-letter"}, 1},
	}
	for _, c := range checks {
		got := value(after, c.name, c.labels) - value(before, c.name, c.labels)
		if c.name == "switchboard_contract_violations_total" && got >= c.delta {
			continue // one or more broken rules
		}
		if got != c.delta {
			t.Errorf("%s%v moved by %v, want %v", c.name, c.labels, got, c.delta)
		}
	}
	for _, g := range []string{"switchboard_tenants", "switchboard_journal_entries", "switchboard_state_records", "switchboard_state_bytes"} {
		if value(after, g, nil) <= 0 {
			t.Errorf("%s is %v, want > 0", g, value(after, g, nil))
		}
	}
	for _, name := range []string{"switchboard_journal_dropped_total", "switchboard_state_replay_seconds", "switchboard_state_load_seconds", "go_goroutines", "process_resident_memory_bytes"} {
		if after[name] == nil {
			t.Errorf("%s is missing", name)
		}
	}
}

func TestPprofIsServedUnderTheControlPlane(t *testing.T) {
	sb := switchboardtest.Start(t)
	for path, want := range map[string]string{
		"/debug/pprof/":                  "goroutine",
		"/debug/pprof/goroutine?debug=1": "goroutine profile:",
		"/debug/pprof/cmdline":           "",
		"/debug/pprof/heap":              "",
	} {
		r := sb.Admin.Do(t, "GET", path, nil)
		if r.Status != 200 || !strings.Contains(string(r.Body), want) {
			t.Errorf("%s: %d %.200s", path, r.Status, r.Body)
		}
	}
	if r := sb.Do(t, "GET", sb.Admin.URL()+"/debug/pprof/nosuch", nil); r.Status != 400 || !strings.Contains(string(r.Body), "profile") {
		t.Errorf("unknown profile: %d %s", r.Status, r.Body)
	}
}

// TestOpenStreamsGaugeFollowsAnSSEStream: a MaiAgent streamed answer held
// open (an hour between tokens) counts as one open sse stream until the
// client goes away.
func TestOpenStreamsGaugeFollowsAnSSEStream(t *testing.T) {
	sb := switchboardtest.Start(t, switchboardtest.WithVendor(&maiagent.Vendor{Options: maiagent.Options{TokenDelay: time.Hour}}))
	sse := map[string]string{"api": "maiagent", "kind": "sse"}
	body := `{"message":{"content":"What are your opening hours?","attachments":[]},"is_streaming":true,"conversation":null}`
	req, _ := http.NewRequest("POST", sb.API("maiagent")+"/api/v1/chatbots/6b0f6a44-3c1e-4a7b-9d2e-1f5c8a9b0c01/completions/", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Api-Key streams")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 200 {
		t.Fatalf("stream: %d", resp.StatusCode)
	}
	if _, err := bufio.NewReader(resp.Body).ReadString('\n'); err != nil {
		t.Fatal(err)
	}
	if got := value(scrape(t, sb), "switchboard_open_streams", sse); got != 1 {
		t.Fatalf("open sse streams %v while one is open, want 1", got)
	}
	resp.Body.Close()
	switchboardtest.Eventually(t, 0, "the closed stream to leave the open-streams gauge", func() bool {
		return value(scrape(t, sb), "switchboard_open_streams", sse) == 0
	})
}
