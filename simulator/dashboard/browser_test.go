package dashboard_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/switchboard-sim/switchboard/simulator/switchboardtest/browsertest"

	"github.com/switchboard-sim/switchboard/simulator/server"
	"github.com/switchboard-sim/switchboard/simulator/switchboardtest"
)

// page drives one open dashboard.
type page struct {
	t   *testing.T
	ctx context.Context
}

func (p *page) run(actions ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	if err := chromedp.Do(p.ctx, actions...); err != nil {
		p.t.Fatalf("browser: %v", err)
	}
}

func (p *page) eval(expr string, out any) {
	p.t.Helper()
	raw, err := chromedp.Run(p.ctx, chromedp.Evaluate[[]byte](expr))
	if err != nil {
		p.t.Fatalf("evaluate %s: %v", expr, err)
	}
	if err := json.Unmarshal(raw, out); err != nil {
		p.t.Fatalf("evaluate %s: %s: %v", expr, raw, err)
	}
}

// waitFor waits, in the page, until a condition holds; it fails the test
// when within passes first.
func (p *page) waitFor(what, cond string, within time.Duration) {
	p.t.Helper()
	_, err := chromedp.Run(p.ctx, chromedp.Poll[chromedp.Void]("!!("+cond+")",
		chromedp.WithPollingTimeout(within), chromedp.WithPollingInterval(25*time.Millisecond)))
	if err == nil {
		return
	}
	var live, shown string
	p.eval(`document.querySelector("#live").textContent`, &live)
	p.eval(`(document.querySelector("main").innerText || "").slice(0, 1500)`, &shown)
	p.t.Fatalf("not within %v: %s (%v; status %q); the page shows:\n%s", within, what, err, live, shown)
}

// rowFor is a JS expression: the request row whose path (shown as its
// operation for unrouted requests) or operation contains s.
func rowFor(s string) string {
	return fmt.Sprintf(`Array.from(document.querySelectorAll("#requests tbody tr")).find(tr => tr.textContent.includes(%q))`, s)
}

func openDashboard(t *testing.T, sb *switchboardtest.Instance, width, height int) *page {
	t.Helper()
	p := &page{t: t, ctx: browsertest.Start(t, width, height)}
	p.run(chromedp.EmulateViewport(int64(width), int64(height)), chromedp.Navigate(sb.URL+"/__admin/ui"))
	p.waitFor("the event stream to connect", `document.querySelector("#live").textContent === "live"`, 30*time.Second)
	return p
}

const live = 2 * time.Second // the bound for a request to show up

// TestDashboardShowsRequestsLiveAndExplainsThem: requests made before the
// page loads are listed; each request made while it is open appears within
// 2 s without a reload; opening one shows its violation and near miss.
func TestDashboardShowsRequestsLiveAndExplainsThem(t *testing.T) {
	sb := switchboardtest.Start(t)
	key := switchboardtest.Bearer("dash-key")
	sb.Do(t, "GET", sb.API("llamadapro")+"/api/v1/tasks", nil, key).Expect(t, 200)
	p := openDashboard(t, sb, 1280, 800)
	p.waitFor("the request made before the page loaded", rowFor("GetTasks"), live)

	var reloads int
	p.eval(`performance.getEntriesByType("navigation").length`, &reloads)

	sb.Do(t, "GET", sb.API("llamadapro")+"/api/v1/task/task_123", nil, key).Expect(t, 404)
	p.waitFor("the unknown path, live", rowFor("/llamadapro/api/v1/task/task_123"), live)
	sb.Do(t, "GET", sb.API("llamadapro")+"/api/v1/tasks?status=pending", nil, key).Expect(t, 400)
	p.waitFor("the contract violation, live", `document.querySelectorAll("#requests tbody tr").length === 3`, live)
	sb.Do(t, "GET", sb.API("maiagent")+"/api/conversations/", nil, switchboardtest.Header{"Authorization", "Bearer sekrit"}).Expect(t, 401)
	p.waitFor("the auth failure, live", rowFor("maiagent"), live)

	var after int
	p.eval(`performance.getEntriesByType("navigation").length`, &after)
	if after != reloads {
		t.Fatalf("the page reloaded")
	}

	// Newest first: the auth failure heads the list.
	var first string
	p.eval(`document.querySelector("#requests tbody tr").textContent`, &first)
	if !strings.Contains(first, "maiagent") {
		t.Fatalf("first row %q, want the newest (maiagent) request", first)
	}

	// Open the typo by keyboard: focus its row, press Enter.
	p.run(chromedp.Focus(chromedp.CSS(`#requests tbody tr:nth-child(3)`)), chromedp.KeyEvent("\r"))
	p.waitFor("the near miss of the unknown path", `(document.querySelector("#explanation")||{}).textContent?.includes("GET /api/v1/tasks/{taskId}")`, 10*time.Second)

	// Open the violation by click.
	p.run(chromedp.Click(chromedp.CSS(`#requests tbody tr:nth-child(2)`)))
	p.waitFor("the violation and its near miss", `document.querySelector(".violation")?.textContent.includes("status") && document.querySelector("#explanation")?.textContent.includes("one of completed, cancelled, scheduled, overdue")`, 10*time.Second)
	var curl string
	p.eval(`document.querySelector("#curl").textContent`, &curl)
	if !strings.Contains(curl, "status=pending") || strings.Contains(curl, "dash-key") {
		t.Fatalf("copy as curl = %q: want the request, with its secret redacted", curl)
	}

	// The auth failure: expected scheme against what arrived, redacted.
	p.run(chromedp.Click(chromedp.CSS(`#requests tbody tr:nth-child(1)`)))
	p.waitFor("the auth explanation", `document.querySelector("#explanation")?.textContent.includes("Api-Key") && document.querySelector("#explanation").textContent.includes("Bearer [REDACTED]")`, 10*time.Second)
	var leaked bool
	p.eval(`document.body.innerText.includes("sekrit")`, &leaked)
	if leaked {
		t.Fatal("the page shows a secret")
	}
}

// TestDashboardAdvancesAClockAndShowsAChatChange: a Bright Pattern chat
// waits in the queue; the tenant's clock is advanced from the page; the
// vendor-state view shows it connected, without a reload.
func TestDashboardAdvancesAClockAndShowsAChatChange(t *testing.T) {
	sb := switchboardtest.Start(t)
	auth := switchboardtest.Header{"Authorization", `MOBILE-API-140-327-PLAIN appId="SwitchboardWebChat", clientId="dash-client"`}
	chats := sb.API("brightpattern") + "/clientweb/api/v1/chats?tenantUrl=demo.brightpattern.com"
	r := sb.Do(t, "POST", chats, map[string]any{"phone_number": "", "from": "", "parameters": map[string]any{}}, auth)
	r.Expect(t, 200)
	chat, _ := r.Map(t)["chat_id"].(string)
	tenantID := sb.Admin.Requests(t, "api=brightpattern")[0].Tenant

	p := openDashboard(t, sb, 1280, 800)
	p.run(chromedp.Click(chromedp.CSS(`#tab-state`)))
	chatRow := fmt.Sprintf(`Array.from(document.querySelectorAll('[data-api="brightpattern"][data-table="Chats"] tbody tr')).find(tr => tr.textContent.includes(%q))`, chat)
	p.waitFor("the queued chat", chatRow+`?.textContent.includes("queued")`, 10*time.Second)

	p.run(chromedp.Click(chromedp.CSS(`#tab-tenants`)))
	by := "#by-" + tenantID
	p.waitFor("the tenant's row", fmt.Sprintf(`document.querySelector(%q)`, by), 10*time.Second)
	p.run(
		chromedp.SetValue(chromedp.CSS(by), "10m"),
		chromedp.Click(chromedp.CSS(fmt.Sprintf(`tr[data-tenant=%q] button.advance`, tenantID))),
	)
	p.waitFor("the clock to move", fmt.Sprintf(`document.querySelector('tr[data-tenant=%q] .clock')?.textContent.includes("09:10")`, tenantID), 10*time.Second)

	p.run(chromedp.Click(chromedp.CSS(`#tab-state`)))
	p.waitFor("the chat to leave the queue", chatRow+` && !`+chatRow+`.textContent.includes("queued")`, 10*time.Second)
	var row string
	p.eval(chatRow+`.textContent`, &row)
	t.Logf("chat after 10 minutes: %s", row)
}

// TestDashboardAddsAndClearsAFault, from the Faults view's form.
func TestDashboardAddsAndClearsAFault(t *testing.T) {
	sb := switchboardtest.Start(t)
	key := switchboardtest.Bearer("fault-key")
	p := openDashboard(t, sb, 1280, 800)
	p.run(chromedp.Click(chromedp.CSS(`#tab-faults`)))
	p.waitFor("the empty fault list", `document.querySelector("#no-faults")`, 10*time.Second)
	p.run(
		chromedp.SetValue(chromedp.CSS(`#fault-form input[name=api]`), "llamadapro"),
		chromedp.SetValue(chromedp.CSS(`#fault-form select[name=type]`), "status"),
		chromedp.SetValue(chromedp.CSS(`#fault-form select[name=status]`), "503"),
		chromedp.Click(chromedp.CSS(`#fault-form button[type=submit]`)),
	)
	p.waitFor("the fault in the list", `document.querySelector("#fault-list")?.textContent.includes("503")`, 10*time.Second)
	sb.Do(t, "GET", sb.API("llamadapro")+"/api/v1/tasks", nil, key).Expect(t, 503)

	p.run(chromedp.Click(chromedp.CSS(`#clear-faults`)))
	p.waitFor("the fault list to empty", `document.querySelector("#no-faults")`, 10*time.Second)
	sb.Do(t, "GET", sb.API("llamadapro")+"/api/v1/tasks", nil, key).Expect(t, 200)
}

// TestDashboardIsBehindTheAdminToken: without the token the page is a 401;
// ?token= once sets a cookie, and the page then works, live.
func TestDashboardIsBehindTheAdminToken(t *testing.T) {
	sb := switchboardtest.Start(t, switchboardtest.WithConfig(func(c *server.Config) { c.AdminToken = "tok-123" }))
	r := sb.Do(t, "GET", sb.URL+"/__admin/ui", nil)
	r.Expect(t, http.StatusUnauthorized)
	r = sb.Do(t, "GET", sb.URL+"/__admin/events", nil)
	r.Expect(t, http.StatusUnauthorized)

	p := &page{t: t, ctx: browsertest.Start(t, 1280, 800)}
	p.run(chromedp.Navigate(sb.URL + "/__admin/ui?token=tok-123"))
	p.waitFor("the event stream to connect with the cookie", `document.querySelector("#live").textContent === "live"`, 30*time.Second)
	var href string
	p.eval(`location.href`, &href)
	if strings.Contains(href, "tok-123") {
		t.Fatalf("the token stayed in the URL: %s", href)
	}
	sb.Do(t, "GET", sb.API("llamadapro")+"/api/v1/tasks", nil, switchboardtest.Bearer("k")).Expect(t, 200)
	p.waitFor("a live request", rowFor("GetTasks"), live)
}

// TestDashboardScreenshot writes docs/dashboard.png when
// SWITCHBOARD_SCREENSHOT names the file (go test -run Screenshot).
func TestDashboardScreenshot(t *testing.T) {
	out := os.Getenv("SWITCHBOARD_SCREENSHOT")
	if out == "" {
		t.Skip("set SWITCHBOARD_SCREENSHOT=path.png to take the README's screenshot")
	}
	sb := switchboardtest.Start(t)
	key := switchboardtest.Bearer("demo-key")
	sb.Do(t, "GET", sb.API("llamadapro")+"/api/v1/tasks", nil, key)
	sb.Do(t, "POST", sb.API("maiagent")+"/api/conversations/", map[string]any{}, switchboardtest.Header{"Authorization", "Api-Key demo-key"})
	sb.Do(t, "GET", sb.API("llamadapro")+"/api/v1/tasks?status=pending", nil, key)
	sb.Do(t, "GET", sb.API("ringotel")+"/api/orgs", nil, key)
	sb.Do(t, "GET", sb.API("llamadapro")+"/api/v1/task/task_123", nil, key)
	w, h := 1280, 800
	if os.Getenv("SWITCHBOARD_SCREENSHOT_NARROW") != "" {
		w, h = 420, 900
	}
	p := openDashboard(t, sb, w, h)
	p.waitFor("rows", `document.querySelectorAll("#requests tbody tr").length >= 5`, 10*time.Second)
	p.run(chromedp.Click(chromedp.JSPath(rowFor("/llamadapro/api/v1/task/task_123"))))
	p.waitFor("the explanation", `document.querySelector("#explanation")`, 10*time.Second)
	png, err := chromedp.Run(p.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(out, png, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestDashboardActivatesAScenarioAndShowsItsPendingStep: activated from
// the page on a tenant, a scenario shows the step due on the tenant's
// clock; deactivated, it is gone.
func TestDashboardActivatesAScenarioAndShowsItsPendingStep(t *testing.T) {
	sb := switchboardtest.Start(t)
	sb.Do(t, "GET", sb.API("llamadapro")+"/api/v1/tasks", nil, switchboardtest.Bearer("scen-key")).Expect(t, 200)
	tenantID := sb.Admin.Requests(t, "api=llamadapro")[0].Tenant
	p := openDashboard(t, sb, 1280, 800)
	p.waitFor("the tenant in the filter", fmt.Sprintf(`document.querySelector('#f-tenant option[value=%q]')`, tenantID), 10*time.Second)
	p.run(chromedp.SetValue(chromedp.CSS("#f-tenant"), tenantID), chromedp.Evaluate[chromedp.Void](`document.querySelector("#f-tenant").dispatchEvent(new Event("change"))`),
		chromedp.Click(chromedp.CSS(`#tab-scenarios`)))
	activate := `button[aria-label="Activate brightpattern-service-closed"]`
	p.waitFor("the activate button", fmt.Sprintf(`document.querySelector(%q) && !document.querySelector(%q).disabled`, activate, activate), 10*time.Second)
	p.run(chromedp.Click(chromedp.CSS(activate)))
	p.waitFor("the pending step, due 5 minutes on", `document.querySelector("#active-scenarios")?.textContent.includes("due 2025-03-03 09:05:00: serviceCloses")`, 10*time.Second)
	p.run(chromedp.Click(chromedp.CSS(`button[aria-label="Deactivate brightpattern-service-closed"]`)))
	p.waitFor("the scenario to go", `!document.querySelector("#active-scenarios")`, 10*time.Second)
}
