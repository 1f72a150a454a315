package example_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/cucumber/godog"

	"github.com/switchboard-sim/switchboard/features"
	"github.com/switchboard-sim/switchboard/simulator/example"
	"github.com/switchboard-sim/switchboard/simulator/server"
	"github.com/switchboard-sim/switchboard/simulator/switchboardtest"
	"github.com/switchboard-sim/switchboard/simulator/vendors"
)

// start runs the shipped APIs plus the example, added with the one line a
// newcomer adds (here, in a test, since the example is not shipped).
func start(t *testing.T) (*switchboardtest.Instance, *server.Config) {
	t.Helper()
	var cfg *server.Config
	sb := switchboardtest.Start(t, switchboardtest.WithConfig(func(c *server.Config) {
		c.Vendors = append(vendors.All(), example.NewVendor())
		cfg = c
	}))
	return sb, cfg
}

// TestEchoThroughTheRealServer: the example is mounted from its own spec,
// authenticated, validated (request and, strictly, response), served from
// per-tenant state on the tenant's clock, and journaled like any vendor.
func TestEchoThroughTheRealServer(t *testing.T) {
	sb, _ := start(t)
	url := sb.API("example") + "/echo"

	r := sb.Do(t, "POST", url, map[string]string{"text": "hello"}, switchboardtest.Bearer("k1"))
	if r.Status != 200 {
		t.Fatalf("echo: %d %s", r.Status, r.Body)
	}
	var out struct {
		Text  string    `json:"text"`
		At    time.Time `json:"at"`
		Count int       `json:"count"`
	}
	r.JSON(t, &out)
	if out.Text != "hello" || out.Count != 1 {
		t.Fatalf("echo answered %+v, want hello, count 1", out)
	}
	sb.Admin.Advance(t, "k1", time.Hour)
	sb.Do(t, "POST", url, map[string]string{"text": "again"}, switchboardtest.Bearer("k1")).JSON(t, &out)
	if out.Count != 2 || !out.At.Equal(sb.Admin.Now(t, "k1")) {
		t.Fatalf("second echo %+v: want count 2 at the tenant's clock %v", out, sb.Admin.Now(t, "k1"))
	}
	sb.Do(t, "POST", url, map[string]string{"text": "other"}, switchboardtest.Bearer("k2")).JSON(t, &out)
	if out.Count != 1 {
		t.Fatalf("another tenant's first echo has count %d, want 1", out.Count)
	}

	cases := []struct {
		name   string
		body   any
		auth   []switchboardtest.Header
		status int
		want   string
	}{
		{"no credential", map[string]string{"text": "x"}, nil, 401, "Bearer"},
		{"empty text", map[string]string{"text": ""}, []switchboardtest.Header{switchboardtest.Bearer("k1")}, 400, `"field":"text"`},
		{"unknown field", map[string]any{"text": "x", "loud": true}, []switchboardtest.Header{switchboardtest.Bearer("k1")}, 400, "loud"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := sb.Do(t, "POST", url, c.body, c.auth...)
			if r.Status != c.status || !strings.Contains(string(r.Body), c.want) || !strings.Contains(string(r.Body), `"error"`) {
				t.Fatalf("%d %s, want %d with %s in the error shape", r.Status, r.Body, c.status, c.want)
			}
		})
	}
	if n := len(sb.Admin.Requests(t, "api=example&operation=Echo")); n != 6 {
		t.Fatalf("the journal holds %d Echo requests, want 6", n)
	}
	if r := sb.Do(t, "GET", sb.Admin.URL()+"/openapi/example", nil); r.Status != 200 || !bytes.Contains(r.Body, []byte("operationId: Echo")) {
		t.Fatalf("the control plane does not serve the example's own spec: %d %.200s", r.Status, r.Body)
	}
}

// TestEchoFeature: the feature harness drives the example with its generic
// steps, once the list it is given includes it.
func TestEchoFeature(t *testing.T) {
	sb, cfg := start(t)
	var out bytes.Buffer
	suite := features.Suite(features.Target{URL: sb.URL, Client: sb.Client}, features.Options{
		Format: "progress", Output: &out, NoColors: true, Vendors: cfg.Vendors,
	})
	suite.Options.Paths, suite.Options.FS = nil, nil
	suite.Options.FeatureContents = []godog.Feature{{Name: "echo.feature", Contents: []byte(`Feature: Echo
  Scenario: The example echoes and counts
    Given I use the example API
    When I send a POST request to "/echo" with JSON:
      """
      {"text": "hello"}
      """
    Then the response status is 200
    And the JSON at "text" is "hello"
    And the JSON at "count" is 1
`)}}
	if code := suite.Run(); code != 0 || !strings.Contains(out.String(), "1 scenarios (1 passed)") {
		t.Fatalf("exit %d:\n%s", code, out.String())
	}
}
