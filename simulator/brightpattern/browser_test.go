package brightpattern_test

import (
	"encoding/json"
	"fmt"
	"html/template"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/switchboard-sim/switchboard/simulator/switchboardtest/browsertest"
)

// widgetPage serves testdata/widget.html from its own loopback port, so the
// page's origin differs from the API's.
func widgetPage(t *testing.T, api, tenantURL, appID string) *httptest.Server {
	t.Helper()
	tpl := template.Must(template.ParseFiles("testdata/widget.html"))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_ = tpl.Execute(w, map[string]string{"API": api, "TenantURL": tenantURL, "AppID": appID})
	}))
	t.Cleanup(srv.Close)
	return srv
}

// TestWidgetInChromiumSeesTheEndThroughItsPoll is reference 8.2 in a real
// browser: a page on one loopback port talks to the Bright Pattern API on
// another, cross-origin, with credentials and cookie identity
// (clientId="WebChat"). It checks availability, requests a chat, polls,
// sees the agent join (and loads the agent's photo as an <img>) and reply,
// uploads a file the agent acknowledges, and ends the chat, never reading
// a Send Events answer. It passes only when the page saw
// chat_session_ended through its poll and stopped polling.
func TestWidgetInChromiumSeesTheEndThroughItsPoll(t *testing.T) {
	ctx := browsertest.Start(t, 1280, 800)
	sb := start(t, 2*time.Second)
	const app = "SwitchboardWebChat"
	tenant := tenantURL + "/" + app
	api := sb.API("brightpattern") + "/clientweb/api/v1"
	page := widgetPage(t, api, tenantURL, app)
	if strings.HasPrefix(page.URL, strings.TrimSuffix(sb.API("brightpattern"), "/brightpattern")) {
		t.Fatalf("page %s and API %s share an origin", page.URL, api)
	}

	eval := func(expr string, out any) {
		t.Helper()
		raw, err := chromedp.Run(ctx, chromedp.Evaluate[[]byte](expr))
		if err != nil {
			t.Fatalf("evaluate %s: %v", expr, err)
		}
		if err := json.Unmarshal(raw, out); err != nil {
			t.Fatalf("evaluate %s: %s: %v", expr, raw, err)
		}
	}
	// waitFor checks a condition on the page, moving the tenant's virtual
	// clock by step between checks, until it holds (or the test fails).
	waitFor := func(what, cond string, step time.Duration) {
		t.Helper()
		deadline := time.Now().Add(60 * time.Second)
		for {
			var errs []string
			eval("widget.errors", &errs)
			if len(errs) > 0 {
				t.Fatalf("waiting for %s, the page reported: %v", what, errs)
			}
			var ok bool
			eval(cond, &ok)
			if ok {
				return
			}
			if time.Now().After(deadline) {
				var log any
				eval("widget.log.map(e => e.event + (e.msg ? '(' + e.msg + ')' : ''))", &log)
				t.Fatalf("timed out waiting for %s; the page polled %v", what, log)
			}
			if step > 0 {
				sb.Admin.Advance(t, tenant, step)
			} else {
				time.Sleep(20 * time.Millisecond)
			}
		}
	}

	if _, err := chromedp.Run(ctx, chromedp.Navigate(page.URL+"/widget.html")); err != nil {
		t.Fatal(err)
	}
	waitFor("the chat", `widget.chatId !== ""`, 0)
	var availability string
	eval("widget.availability", &availability)
	if availability != "available" {
		t.Fatalf("availability = %q", availability)
	}

	waitFor("the agent to join", `Object.values(widget.parties).some(p => p.type === "internal")`, time.Second)
	waitFor("the agent's photo", `widget.photo !== null`, 0)
	var photo struct{ Width, Height int }
	eval("widget.photo", &photo)
	if photo.Width != 80 || photo.Height != 80 {
		t.Fatalf("agent photo is %dx%d, want 80x80", photo.Width, photo.Height)
	}
	waitFor("the greeting", `widget.agentSaid.some(m => m.includes("Ada"))`, time.Second)

	var said int
	eval("widget.agentSaid.length", &said)
	eval(`widget.say("Where is my parcel?"), true`, new(bool))
	waitFor("the agent's reply", fmt.Sprintf("widget.agentSaid.length > %d", said), time.Second)

	eval(`widget.upload("receipt.txt", "order 1234\n"), true`, new(bool))
	waitFor("the upload", `widget.uploaded !== undefined`, 0)
	waitFor("the agent's thanks for the file", `widget.agentSaid.some(m => m === "Thanks, I received receipt.txt.")`, time.Second)

	eval(`widget.end(), true`, new(bool))
	waitFor("the page to stop polling", `widget.loopExited`, 0)

	var got struct {
		EndedViaPoll bool     `json:"endedViaPoll"`
		Polls        int      `json:"polls"`
		Statuses     []any    `json:"pollStatuses"`
		Last         []string `json:"last"`
	}
	eval(`({endedViaPoll: widget.endedViaPoll, polls: widget.polls, pollStatuses: widget.pollStatuses,
		last: widget.log.slice(-3).map(e => e.event + (e.state ? ":" + e.state : ""))})`, &got)
	if !got.EndedViaPoll {
		t.Fatal("the page stopped without chat_session_ended from its poll")
	}
	if want := "[chat_session_party_left chat_session_status:completed chat_session_ended]"; fmt.Sprint(got.Last) != want {
		t.Fatalf("the poll ended with %v, want %s", got.Last, want)
	}
	for _, s := range got.Statuses {
		if s != float64(200) {
			t.Fatalf("poll statuses %v: every poll must answer 200 until the end is delivered", got.Statuses)
		}
	}

	// The server saw what the page did: every poll (the last one carried the
	// end), the preflights, and the photo loaded with only the cookie.
	chatID := ""
	eval("widget.chatId", &chatID)
	polls := sb.Admin.Requests(t, "api=brightpattern&method=GET&path=/brightpattern/clientweb/api/v1/chats/"+chatID+"/events")
	if len(polls) != got.Polls {
		t.Fatalf("server saw %d polls, the page made %d", len(polls), got.Polls)
	}
	if last := polls[len(polls)-1]; last.Status != 200 {
		t.Fatalf("last poll: %+v", last)
	}
	if pre := sb.Admin.Requests(t, "api=brightpattern&method=OPTIONS"); len(pre) == 0 {
		t.Fatal("no preflight in the journal: the page was not cross-origin")
	}
	photos := sb.Admin.Requests(t, "api=brightpattern&operation=GetProfilePhoto")
	if len(photos) == 0 {
		t.Fatal("the photo request is not in the journal")
	}
	for _, p := range photos {
		if p.Status != 200 || len(p.Headers["Authorization"]) != 0 || len(p.Headers["Cookie"]) == 0 {
			t.Fatalf("photo request: status %d, headers %v: want 200 with only the cookie", p.Status, p.Headers)
		}
	}
}
