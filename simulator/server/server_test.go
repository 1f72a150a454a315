package server_test

import (
	"encoding/json"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/switchboard-sim/switchboard/simulator/server"
	"github.com/switchboard-sim/switchboard/simulator/switchboardtest"
	"github.com/switchboard-sim/switchboard/simulator/tenant"
)

var k1 = switchboardtest.Bearer("k1")

func TestHealthListsEveryAPI(t *testing.T) {
	sb := switchboardtest.Start(t)
	var h struct {
		Status string `json:"status"`
		APIs   []struct {
			Name    string `json:"name"`
			BaseURL string `json:"baseUrl"`
		} `json:"apis"`
	}
	sb.Admin.Do(t, "GET", "/health", nil).JSON(t, &h)
	want := []string{"llamadapro", "ringotel", "brightpattern", "maiagent", "aicc"}
	if h.Status != "ok" || len(h.APIs) != len(want) {
		t.Fatalf("health %+v", h)
	}
	for i, a := range h.APIs {
		if a.Name != want[i] || a.BaseURL != sb.URL+"/"+want[i] {
			t.Fatalf("api %d: %+v, want %s at %s/%s", i, a, want[i], sb.URL, want[i])
		}
	}
}

func TestSpecsAreServedAsYAMLAndJSON(t *testing.T) {
	sb := switchboardtest.Start(t)
	for _, name := range []string{"llamadapro", "admin"} {
		y := sb.Do(t, "GET", sb.Admin.URL()+"/openapi/"+name, nil)
		if y.Status != 200 || !strings.HasPrefix(y.Header.Get("Content-Type"), "application/yaml") || !strings.Contains(string(y.Body), "openapi: 3.0") {
			t.Fatalf("%s YAML: %d %s", name, y.Status, y.Header.Get("Content-Type"))
		}
		j := sb.Do(t, "GET", sb.Admin.URL()+"/openapi/"+name, nil, switchboardtest.Header{"Accept", "application/json"})
		var doc map[string]any
		j.JSON(t, &doc)
		if doc["openapi"] != "3.0.3" || doc["paths"] == nil {
			t.Fatalf("%s JSON: %v", name, doc["openapi"])
		}
	}
	if r := sb.Do(t, "GET", sb.Admin.URL()+"/openapi/nope", nil); r.Status != 404 || !strings.Contains(string(r.Body), `"code":"not_found"`) {
		t.Fatalf("unknown spec: %d %s", r.Status, r.Body)
	}
}

func TestTenantsAreListedByHashedID(t *testing.T) {
	sb := switchboardtest.Start(t)
	sb.Do(t, "GET", sb.API("llamadapro")+"/api/v1/tasks", nil, switchboardtest.Bearer("secret-key-1"))
	body := sb.Admin.Do(t, "GET", "/tenants", nil).Body
	if strings.Contains(string(body), "secret-key-1") || !strings.Contains(string(body), tenant.ID("secret-key-1")) {
		t.Fatalf("tenants: %s", body)
	}
	if len(tenant.ID("x")) != 12 {
		t.Fatal("tenant ids must be 12 hex characters")
	}
}

func TestClockEndpoints(t *testing.T) {
	sb := switchboardtest.Start(t)
	start := sb.Admin.Now(t, "")
	sb.Admin.Advance(t, "", 90*time.Second)
	if got := sb.Admin.Now(t, ""); !got.Equal(start.Add(90 * time.Second)) {
		t.Fatalf("global clock %v, want %v", got, start.Add(90*time.Second))
	}
	if got := sb.Admin.Now(t, "new-tenant"); !got.Equal(start.Add(90 * time.Second)) {
		t.Fatalf("a new tenant starts at %v, want the advanced start %v", got, start.Add(90*time.Second))
	}
	sb.Admin.Advance(t, "new-tenant", time.Hour)
	if got := sb.Admin.Now(t, ""); !got.Equal(start.Add(90 * time.Second)) {
		t.Fatalf("a tenant advance moved the global start to %v", got)
	}
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	sb.Admin.Do(t, "POST", "/clock/set?tenant=new-tenant", map[string]string{"time": at.Format(time.RFC3339)})
	if got := sb.Admin.Now(t, tenant.ID("new-tenant")); !got.Equal(at) {
		t.Fatalf("set by tenant id: %v, want %v", got, at)
	}
	for _, bad := range []any{map[string]string{"by": "soon"}, map[string]string{"by": "-5s"}, map[string]int{"by": 5}} {
		if r := sb.Do(t, "POST", sb.Admin.URL()+"/clock/advance", bad); r.Status != 400 || !strings.Contains(string(r.Body), `"error"`) {
			t.Fatalf("advance %v: %d %s, want 400", bad, r.Status, r.Body)
		}
	}
}

func TestJournalFiltersAndClears(t *testing.T) {
	sb := switchboardtest.Start(t)
	base := sb.API("llamadapro") + "/api/v1/tasks"
	sb.Do(t, "GET", base, nil, k1)
	sb.Do(t, "GET", base+"/task_123", nil, k1)
	sb.Do(t, "GET", base+"/nope", nil, k1)
	sb.Do(t, "GET", base, nil, switchboardtest.Bearer("k2"))
	cases := map[string]int{
		"":                           4,
		"api=llamadapro":             4,
		"operation=GetTask":          2,
		"status=404":                 1,
		"tenant=k1":                  3,
		"tenant=" + tenant.ID("k2"):  1,
		"path=/llamadapro/api/v1/t*": 4,
		"method=POST":                0,
		"limit=1":                    1,
	}
	for q, want := range cases {
		if got := len(sb.Admin.Requests(t, q)); got != want {
			t.Errorf("requests?%s: %d entries, want %d", q, got, want)
		}
	}
	sb.Admin.Do(t, "DELETE", "/requests", nil)
	if got := len(sb.Admin.Requests(t, "")); got != 0 {
		t.Fatalf("after clear: %d entries", got)
	}
}

func TestResetReturnsTenantsToFixtures(t *testing.T) {
	sb := switchboardtest.Start(t)
	base := sb.API("llamadapro") + "/api/v1/tasks"
	sb.Do(t, "DELETE", base+"/task_123", nil, k1)
	sb.Admin.Advance(t, "k1", time.Hour)
	before := sb.Admin.Now(t, "k1")
	sb.Admin.Reset(t, "k1")
	if r := sb.Do(t, "GET", base+"/task_123", nil, k1); r.Status != 200 {
		t.Fatalf("task_123 after reset: %d", r.Status)
	}
	if got := sb.Admin.Now(t, "k1"); !got.Equal(before) {
		t.Fatalf("reset moved the clock to %v without clock=true", got)
	}
	sb.Admin.Do(t, "POST", "/reset?clock=true", nil)
	if got := sb.Admin.Now(t, "k1"); !got.Equal(before.Add(-time.Hour)) {
		t.Fatalf("reset?clock=true: %v, want the start %v", got, before.Add(-time.Hour))
	}
}

func TestFixturesListTaskIDs(t *testing.T) {
	sb := switchboardtest.Start(t)
	var out struct {
		Tenant string `json:"tenant"`
		APIs   map[string]struct {
			TaskIDs       []string            `json:"taskIds"`
			TasksByStatus map[string][]string `json:"tasksByStatus"`
		} `json:"apis"`
	}
	sb.Admin.Do(t, "GET", "/fixtures?tenant=k1", nil).JSON(t, &out)
	lp := out.APIs["llamadapro"]
	if out.Tenant != tenant.ID("k1") || lp.TaskIDs[0] != "task_123" || len(lp.TasksByStatus["overdue"]) == 0 {
		t.Fatalf("fixtures: %+v", out)
	}
}

func TestUnknownRoutesGetADistinctDiagnostic(t *testing.T) {
	sb := switchboardtest.Start(t)
	r := sb.Do(t, "GET", sb.URL+"/nope", nil)
	if r.Status != 404 || !strings.Contains(string(r.Body), "no-such-api") {
		t.Fatalf("/nope: %d %s", r.Status, r.Body)
	}
	r = sb.Do(t, "GET", sb.API("llamadapro")+"/api/v9/none", nil, k1)
	var e map[string]any
	r.JSON(t, &e)
	if r.Status != 404 || e["code"] != float64(404) || e["details"] == nil {
		t.Fatalf("unknown LlamadaPro path: %d %s", r.Status, r.Body)
	}
}

func TestAPIPortServesOneAPIAtTheRoot(t *testing.T) {
	port := freePort(t)
	sb := switchboardtest.Start(t, switchboardtest.WithConfig(func(c *server.Config) {
		c.APIPorts = map[string]string{"llamadapro": port}
	}))
	var h struct {
		APIs []struct {
			Name    string `json:"name"`
			OwnPort string `json:"ownPort"`
		} `json:"apis"`
	}
	sb.Admin.Do(t, "GET", "/health", nil).JSON(t, &h)
	own := h.APIs[0].OwnPort
	if !strings.HasSuffix(own, ":"+port) {
		t.Fatalf("ownPort %q, want port %s", own, port)
	}
	r := sb.Do(t, "GET", own+"/api/v1/tasks/task_123", nil, k1)
	if r.Status != 200 || !strings.Contains(string(r.Body), `"id":"task_123"`) {
		t.Fatalf("root of own port: %d %s", r.Status, r.Body)
	}
	if r := sb.Do(t, "GET", own+"/__admin/health", nil); r.Status == 200 {
		t.Fatal("the control plane must not be served on an API's own port")
	}
}

func TestRegisteredAuthRejectsUnknownCredentials(t *testing.T) {
	sb := switchboardtest.Start(t, switchboardtest.WithConfig(func(c *server.Config) { c.Auth = tenant.AuthRegistered }))
	url := sb.API("llamadapro") + "/api/v1/tasks"
	if r := sb.Do(t, "GET", url, nil, k1); r.Status != 200 {
		t.Fatalf("fixture credential k1: %d", r.Status)
	}
	if r := sb.Do(t, "GET", url, nil, switchboardtest.Bearer("stranger")); r.Status != 401 {
		t.Fatalf("unregistered credential: %d, want 401", r.Status)
	}
	sb.Admin.SetAccess(t, "stranger", "read-write")
	if r := sb.Do(t, "GET", url, nil, switchboardtest.Bearer("stranger")); r.Status != 200 {
		t.Fatalf("registered through the control plane: %d", r.Status)
	}
}

func TestAdminResponsesFollowTheAdminSpec(t *testing.T) {
	// Strict mode validates control-plane responses too; a broken one is a 500.
	sb := switchboardtest.Start(t)
	for _, p := range []string{"/health", "/tenants", "/clock", "/requests", "/fixtures"} {
		r := sb.Do(t, "GET", sb.Admin.URL()+p, nil)
		if r.Status != 200 || !json.Valid(r.Body) {
			t.Fatalf("%s: %d %s", p, r.Status, r.Body)
		}
	}
}

func freePort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	_, port, _ := net.SplitHostPort(l.Addr().String())
	return port
}

// TestControlPlaneTakesCurlStyleBodies: the README's curl examples send JSON
// with curl -d, which labels it a form; the control plane reads it anyway.
func TestControlPlaneTakesCurlStyleBodies(t *testing.T) {
	sb := switchboardtest.Start(t)
	before := sb.Admin.Now(t, "k1")
	r := sb.Do(t, "POST", sb.Admin.URL()+"/clock/advance?tenant=k1", []byte(`{"by":"90s"}`),
		switchboardtest.Header{"Content-Type", "application/x-www-form-urlencoded"})
	if r.Status != 200 || !sb.Admin.Now(t, "k1").Equal(before.Add(90*time.Second)) {
		t.Fatalf("form-labelled JSON: %d %s", r.Status, r.Body)
	}
}
