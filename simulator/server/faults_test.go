package server_test

import (
	"errors"
	"io"
	"net/http"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/switchboard-sim/switchboard/simulator/switchboardtest"
)

func addFault(t *testing.T, sb *switchboardtest.Instance, rule string) {
	t.Helper()
	r := sb.Do(t, "POST", sb.Admin.URL()+"/faults", []byte(rule), switchboardtest.Header{"Content-Type", "application/json"})
	if r.Status != 200 {
		t.Fatalf("add fault %s: %d %s", rule, r.Status, r.Body)
	}
}

// statuses runs the same 20 requests against a fresh simulator with a 503
// rule of probability 0.5 and seed 7, and returns which ones failed.
func statuses(t *testing.T) string {
	sb := switchboardtest.Start(t)
	addFault(t, sb, `{"match":{"api":"llamadapro","operation":"GetTask"},"action":{"type":"status","status":503,"retryAfter":2},"probability":0.5,"seed":7}`)
	var b strings.Builder
	for i := 0; i < 20; i++ {
		r := sb.Do(t, "GET", sb.API("llamadapro")+"/api/v1/tasks/task_123", nil, k1)
		switch r.Status {
		case 200:
			b.WriteByte('.')
		case 503:
			if r.Header.Get("Retry-After") != "2" || !strings.Contains(string(r.Body), `"code":503`) {
				t.Fatalf("503 not in the vendor shape: %v %s", r.Header, r.Body)
			}
			b.WriteByte('X')
		default:
			t.Fatalf("status %d", r.Status)
		}
	}
	return b.String()
}

func TestSeededFaultFailsTheSameRequestsOnEveryRun(t *testing.T) {
	a, b := statuses(t), statuses(t)
	if a != b {
		t.Fatalf("two runs differ:\n%s\n%s", a, b)
	}
	if n := strings.Count(a, "X"); n < 4 || n > 16 {
		t.Fatalf("probability 0.5 failed %d of 20 (%s)", n, a)
	}
}

func TestResetFaultIsSeenAsAConnectionReset(t *testing.T) {
	sb := switchboardtest.Start(t)
	addFault(t, sb, `{"match":{"path":"/llamadapro/api/v1/tasks/*"},"action":{"type":"reset"},"times":1}`)
	req, _ := http.NewRequest("GET", sb.API("llamadapro")+"/api/v1/tasks/task_123", nil)
	req.Header.Set("Authorization", "Bearer k1")
	_, err := (&http.Client{Transport: &http.Transport{DisableKeepAlives: true}}).Do(req)
	if err == nil || !(errors.Is(err, syscall.ECONNRESET) || strings.Contains(err.Error(), "reset")) {
		t.Fatalf("want a connection reset, got %v", err)
	}
	if r := sb.Do(t, "GET", sb.API("llamadapro")+"/api/v1/tasks/task_123", nil, k1); r.Status != 200 {
		t.Fatalf("after times=1 the rule must stop: %d", r.Status)
	}
	var j struct {
		Requests []struct {
			Fault  string `json:"fault"`
			Status int    `json:"status"`
		} `json:"requests"`
	}
	sb.Admin.Do(t, "GET", "/requests?operation=GetTask", nil).JSON(t, &j)
	if len(j.Requests) != 2 {
		t.Fatalf("journal has %d GetTask entries, want 2", len(j.Requests))
	}
	if !strings.HasSuffix(j.Requests[0].Fault, " reset") || j.Requests[0].Status != 0 || j.Requests[1].Fault != "" {
		t.Fatalf("journal faults: %+v", j.Requests)
	}
}

func TestConnectionBreakingFaults(t *testing.T) {
	sb := switchboardtest.Start(t)
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	get := func() (*http.Response, []byte, error) {
		req, _ := http.NewRequest("GET", sb.API("llamadapro")+"/api/v1/tasks/task_123", nil)
		req.Header.Set("Authorization", "Bearer k1")
		resp, err := client.Do(req)
		if err != nil {
			return nil, nil, err
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		return resp, b, err
	}
	addFault(t, sb, `{"action":{"type":"empty"},"times":1}`)
	if _, _, err := get(); err == nil {
		t.Fatal("empty reply: want a client error")
	}
	addFault(t, sb, `{"action":{"type":"malformed-chunked"},"times":1}`)
	if _, _, err := get(); err == nil || !strings.Contains(err.Error(), "chunk") {
		t.Fatalf("malformed chunked: %v", err)
	}
	addFault(t, sb, `{"action":{"type":"drip","chunkBytes":64,"intervalMs":1},"times":1}`)
	resp, body, err := get()
	if err != nil || resp.StatusCode != 200 || !strings.Contains(string(body), `"id":"task_123"`) {
		t.Fatalf("drip must deliver the whole body: %v %s", err, body)
	}
	addFault(t, sb, `{"action":{"type":"delay","distribution":"uniform","minMs":1,"maxMs":3},"times":1}`)
	if resp, _, err := get(); err != nil || resp.StatusCode != 200 {
		t.Fatalf("delay: %v", err)
	}
}

func TestFaultTTLRunsOnTheVirtualClock(t *testing.T) {
	sb := switchboardtest.Start(t)
	addFault(t, sb, `{"match":{"tenant":"k1"},"action":{"type":"status","status":429},"ttl":"5m"}`)
	url := sb.API("llamadapro") + "/api/v1/tasks/task_123"
	if r := sb.Do(t, "GET", url, nil, k1); r.Status != 429 {
		t.Fatalf("k1 before the TTL: %d", r.Status)
	}
	if r := sb.Do(t, "GET", url, nil, switchboardtest.Bearer("k2")); r.Status != 200 {
		t.Fatalf("another tenant is not matched: %d", r.Status)
	}
	sb.Admin.Advance(t, "k1", 5*time.Minute)
	if r := sb.Do(t, "GET", url, nil, k1); r.Status != 200 {
		t.Fatalf("k1 after the TTL: %d", r.Status)
	}
	var list struct {
		Faults []struct {
			Hits    int `json:"hits"`
			Matched int `json:"matched"`
		} `json:"faults"`
	}
	sb.Admin.Do(t, "GET", "/faults", nil).JSON(t, &list)
	if len(list.Faults) != 1 || list.Faults[0].Hits != 1 {
		t.Fatalf("rules %+v", list.Faults)
	}
}

func TestBadFaultRulesAreRejected(t *testing.T) {
	sb := switchboardtest.Start(t)
	for _, rule := range []string{
		`{"action":{"type":"explode"}}`,
		`{"action":{"type":"status","status":418}}`,
		`{"action":{"type":"delay"}}`,
		`{"action":{"type":"reset"},"probability":2}`,
		`{"action":{"type":"reset"},"ttl":"soon"}`,
		`{"action":{"type":"reset"},"colour":"red"}`,
	} {
		r := sb.Do(t, "POST", sb.Admin.URL()+"/faults", []byte(rule), switchboardtest.Header{"Content-Type", "application/json"})
		if r.Status != 400 || !strings.Contains(string(r.Body), `"error"`) {
			t.Errorf("%s: %d %s, want 400", rule, r.Status, r.Body)
		}
	}
	if r := sb.Do(t, "DELETE", sb.Admin.URL()+"/faults/fault-99", nil); r.Status != 404 {
		t.Fatalf("delete unknown: %d", r.Status)
	}
}
