package server_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/switchboard-sim/switchboard/simulator/server"
	"github.com/switchboard-sim/switchboard/simulator/switchboardtest"
	"github.com/switchboard-sim/switchboard/simulator/vendors"
)

// rawDo sends a request with an explicit Host header (which
// switchboardtest.Do cannot set) and returns status and body.
func rawDo(t *testing.T, method, target, host, body string, headers map[string]string) (int, string, http.Header) {
	t.Helper()
	req, err := http.NewRequest(method, target, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if host != "" {
		req.Host = host
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b), res.Header
}

func hostPort(t *testing.T, sb *switchboardtest.Instance) string {
	t.Helper()
	u, err := url.Parse(sb.URL)
	if err != nil {
		t.Fatal(err)
	}
	return u.Host
}

// errorCode reads the control plane's {"error":{"code"}} shape.
func errorCode(t *testing.T, body string) string {
	t.Helper()
	var e struct {
		Error struct{ Code, Message string }
	}
	if err := json.Unmarshal([]byte(body), &e); err != nil || e.Error.Message == "" {
		t.Fatalf("want the control plane's error shape, got %s", body)
	}
	return e.Error.Code
}

// TestWebPagesCannotChangeTheSimulator is issue 20's cross-site write: a
// page on any site could POST a text/plain body and move the clock.
func TestWebPagesCannotChangeTheSimulator(t *testing.T) {
	sb := switchboardtest.Start(t)
	before := sb.Admin.Now(t, "k1")
	advance := sb.Admin.URL() + "/clock/advance?tenant=k1"
	for name, h := range map[string]map[string]string{
		"evil Origin":                 {"Origin": "http://evil.example"},
		"evil Origin, as browsers":    {"Origin": "http://evil.example", "Sec-Fetch-Site": "cross-site", "Content-Type": "text/plain"},
		"Sec-Fetch-Site cross-site":   {"Sec-Fetch-Site": "cross-site"},
		"Sec-Fetch-Site same-site":    {"Sec-Fetch-Site": "same-site", "Origin": "http://localhost:3000"},
		"Origin null (sandboxed)":     {"Origin": "null", "Content-Type": "application/x-www-form-urlencoded"},
		"same-origin claim, evil one": {"Origin": "http://evil.example", "Sec-Fetch-Site": "same-origin"},
	} {
		t.Run(name, func(t *testing.T) {
			status, body, _ := rawDo(t, "POST", advance, "", `{"by":"1h"}`, h)
			if status != 403 || errorCode(t, body) != "forbidden" {
				t.Fatalf("got %d %s, want 403 forbidden", status, body)
			}
			if now := sb.Admin.Now(t, "k1"); !now.Equal(before) {
				t.Fatalf("the clock moved to %s", now)
			}
		})
	}
	// Every kind of write is covered, not just the clock.
	for _, p := range []string{"/reset", "/faults", "/restore", "/credentials"} {
		if status, body, _ := rawDo(t, "POST", sb.Admin.URL()+p, "", `{}`, map[string]string{"Origin": "http://evil.example"}); status != 403 {
			t.Errorf("POST %s cross-site: %d %s", p, status, body)
		}
	}
	if status, _, _ := rawDo(t, "DELETE", sb.Admin.URL()+"/requests", "", "", map[string]string{"Sec-Fetch-Site": "cross-site"}); status != 403 {
		t.Errorf("DELETE /requests cross-site: %d", status)
	}
}

// TestSameOriginWriteWorks is the dashboard: its page is served by the
// control plane, so its POSTs carry the server's own origin.
func TestSameOriginWriteWorks(t *testing.T) {
	sb := switchboardtest.Start(t)
	hp := hostPort(t, sb)
	_, port, _ := strings.Cut(hp, ":")
	before := sb.Admin.Now(t, "k1")
	for _, host := range []string{hp, "localhost:" + port} {
		status, body, _ := rawDo(t, "POST", sb.Admin.URL()+"/clock/advance?tenant=k1", host, `{"by":"1h"}`,
			map[string]string{"Origin": "http://" + host, "Sec-Fetch-Site": "same-origin", "Content-Type": "text/plain;charset=UTF-8"})
		if status != 200 {
			t.Fatalf("same-origin POST via %s: %d %s", host, status, body)
		}
	}
	if now := sb.Admin.Now(t, "k1"); !now.Equal(before.Add(2 * time.Hour)) {
		t.Fatalf("clock %s, want %s", now, before.Add(2*time.Hour))
	}
}

// TestForeignHostCannotReadTheJournal is issue 20's DNS rebinding: a page
// whose domain resolves to 127.0.0.1 sends its own domain as Host.
func TestForeignHostCannotReadTheJournal(t *testing.T) {
	sb := switchboardtest.Start(t)
	sb.Do(t, "GET", sb.API("llamadapro")+"/api/v1/tasks", nil, k1)
	_, port, _ := strings.Cut(hostPort(t, sb), ":")
	for _, p := range []string{"/requests", "/tenants", "/health", "/no-such-page", "/ui/"} {
		status, body, _ := rawDo(t, "GET", sb.Admin.URL()+p, "evil.example:"+port, "", nil)
		if status != 403 || errorCode(t, body) != "forbidden" || !strings.Contains(body, "--admin-allowed-hosts evil.example") {
			t.Fatalf("GET %s with Host evil.example: %d %s", p, status, body)
		}
		if strings.Contains(body, "tasks") {
			t.Fatalf("the refusal leaks the journal: %s", body)
		}
	}
	for _, host := range []string{"localhost:" + port, "127.0.0.1:" + port, "127.9.9.9:" + port, "[::1]:" + port} {
		if status, body, _ := rawDo(t, "GET", sb.Admin.URL()+"/requests", host, "", nil); status != 200 {
			t.Fatalf("Host %s: %d %s", host, status, body)
		}
	}
}

func TestAdminAllowedHosts(t *testing.T) {
	sb := switchboardtest.Start(t, switchboardtest.WithConfig(func(c *server.Config) {
		c.AdminAllowedHosts = []string{"switchboard.test", ".corp.example"}
	}))
	_, port, _ := strings.Cut(hostPort(t, sb), ":")
	for host, want := range map[string]int{
		"switchboard.test:" + port: 200, "sb.corp.example:" + port: 200, "other.test:" + port: 403, "localhost:" + port: 200,
	} {
		if status, body, _ := rawDo(t, "GET", sb.Admin.URL()+"/requests", host, "", nil); status != want {
			t.Errorf("Host %s: %d, want %d (%s)", host, status, want, body)
		}
	}
	// An allowed name is an origin of its own; a page elsewhere still cannot write.
	h := "switchboard.test:" + port
	if status, body, _ := rawDo(t, "POST", sb.Admin.URL()+"/clock/advance?tenant=k1", h, `{"by":"1h"}`, map[string]string{"Origin": "http://" + h}); status != 200 {
		t.Errorf("same-origin POST via an allowed host: %d %s", status, body)
	}
	if status, _, _ := rawDo(t, "POST", sb.Admin.URL()+"/clock/advance?tenant=k1", h, `{"by":"1h"}`, map[string]string{"Origin": "http://localhost:" + port}); status != 403 {
		t.Errorf("POST from another origin via an allowed host: %d", status)
	}
}

func TestAdminAllowedHostsAreChecked(t *testing.T) {
	for _, bad := range []string{"sb.test:8080", "http://sb.test"} {
		_, err := server.New(server.Config{AdminAllowedHosts: []string{bad}, Vendors: vendors.All()})
		if err == nil || !strings.Contains(err.Error(), "--admin-allowed-hosts") {
			t.Errorf("%q: %v, want an error naming --admin-allowed-hosts", bad, err)
		}
	}
}

// TestAdminTokenDecides: with a token, any Host and any address may call,
// but a web page on another site still cannot write.
func TestAdminTokenDecides(t *testing.T) {
	sb := switchboardtest.Start(t, switchboardtest.WithConfig(func(c *server.Config) { c.AdminToken = "s3cret" }))
	auth := map[string]string{"Authorization": "Bearer s3cret"}
	if status, body, _ := rawDo(t, "GET", sb.Admin.URL()+"/requests", "switchboard.internal:8080", "", auth); status != 200 {
		t.Fatalf("token, foreign Host: %d %s", status, body)
	}
	if status, body, _ := rawDo(t, "GET", sb.Admin.URL()+"/requests", "", "", nil); status != 401 || errorCode(t, body) != "unauthorized" {
		t.Fatalf("no token: %d %s", status, body)
	}
	auth["Origin"] = "http://evil.example"
	if status, body, _ := rawDo(t, "POST", sb.Admin.URL()+"/clock/advance", "", `{"by":"1h"}`, auth); status != 403 {
		t.Fatalf("token, cross-site write: %d %s", status, body)
	}
}

// TestAPIPortNeverServesTheControlPlane: an --api-port serves one vendor
// API, whatever the Host; /__admin there is a 404 that says where to go.
func TestAPIPortNeverServesTheControlPlane(t *testing.T) {
	port := freePort(t)
	switchboardtest.Start(t, switchboardtest.WithConfig(func(c *server.Config) {
		c.APIPorts = map[string]string{"llamadapro": port}
	}))
	own := "http://127.0.0.1:" + port
	for _, host := range []string{"", "evil.example:" + port} {
		status, body, _ := rawDo(t, "GET", own+"/__admin/requests", host, "", nil)
		if status != 404 || errorCode(t, body) != "not_found" || !strings.Contains(body, "main address") {
			t.Fatalf("Host %q: %d %s", host, status, body)
		}
	}
	// The vendor API itself keeps answering any Host: real clients use the
	// vendor's host name, mapped to the simulator.
	if status, body, _ := rawDo(t, "GET", own+"/api/v1/tasks/task_123", "api.llamadapro.example", "", map[string]string{"Authorization": "Bearer k1"}); status != 200 {
		t.Fatalf("vendor API with its vendor's Host: %d %s", status, body)
	}
}

// TestVendorCORSStays: Bright Pattern's widget runs on the customer's own
// site, so that API answers other origins on purpose.
func TestVendorCORSStays(t *testing.T) {
	sb := switchboardtest.Start(t)
	target := sb.API("brightpattern") + "/clientweb/api/v1/availability?tenantUrl=demo.brightpattern.com&timestamp=1740992400000"
	status, body, h := rawDo(t, "OPTIONS", target, "", "", map[string]string{
		"Origin": "http://shop.example", "Access-Control-Request-Method": "POST", "Sec-Fetch-Site": "cross-site",
	})
	if status >= 300 || h.Get("Access-Control-Allow-Origin") != "http://shop.example" {
		t.Fatalf("Bright Pattern preflight from another site: %d %v %s", status, h, body)
	}
}

// TestReplayIsNotGuarded: acknowledged control-plane writes are replayed at
// start-up as the server's own requests. They were admitted when first
// served; neither the replay's Host nor a token that is not kept in the
// state file (X-Admin-Token) nor a new token may drop them.
func TestReplayIsNotGuarded(t *testing.T) {
	path := t.TempDir() + "/state.jsonl"
	withToken := func(tok string) switchboardtest.Option {
		return switchboardtest.WithConfig(func(c *server.Config) { c.StateFile, c.AdminToken = path, tok })
	}
	a := switchboardtest.Start(t, withToken("first"))
	status, body, _ := rawDo(t, "POST", a.Admin.URL()+"/credentials", "", `{"credential":"ro","access":"read-only"}`,
		map[string]string{"X-Admin-Token": "first", "Content-Type": "application/json"})
	if status != 200 {
		t.Fatalf("set access: %d %s", status, body)
	}
	// One server at a time holds the state file.
	if err := a.Server.Close(); err != nil {
		t.Fatal(err)
	}
	for _, tok := range []string{"second", ""} {
		b := switchboardtest.Start(t, withToken(tok))
		if r := b.Do(t, "POST", b.API("llamadapro")+"/api/v1/tasks", map[string]any{}, switchboardtest.Bearer("ro")); r.Status != 403 {
			t.Fatalf("restart with token %q: the read-only credential answers %d, want 403", tok, r.Status)
		}
		if err := b.Server.Close(); err != nil {
			t.Fatal(err)
		}
	}
}
