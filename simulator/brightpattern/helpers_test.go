package brightpattern_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/switchboard-sim/switchboard/simulator/brightpattern"
	"github.com/switchboard-sim/switchboard/simulator/switchboardtest"
)

const tenantURL = "demo.brightpattern.com"

// start runs a simulator whose polls hold for hold.
func start(t *testing.T, hold time.Duration) *switchboardtest.Instance {
	t.Helper()
	return switchboardtest.Start(t, switchboardtest.WithVendor(&brightpattern.Vendor{Options: brightpattern.Options{PollHold: hold}}))
}

// client is one chat client: a device (clientId) or the web widget
// (clientId WebChat, a cookie jar and an Origin).
type client struct {
	t      *testing.T
	sb     *switchboardtest.Instance
	http   *http.Client
	app    string
	id     string
	origin string
}

func newClient(t *testing.T, sb *switchboardtest.Instance, app, clientID string) *client {
	return &client{t: t, sb: sb, http: &http.Client{Timeout: 60 * time.Second}, app: app, id: clientID}
}

func newWidget(t *testing.T, sb *switchboardtest.Instance, app string) *client {
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	c := newClient(t, sb, app, "WebChat")
	c.http.Jar, c.origin = jar, "http://localhost:3000"
	return c
}

func (c *client) tenant() string { return tenantURL + "/" + c.app }

func (c *client) auth() string {
	return `MOBILE-API-140-327-PLAIN appId="` + c.app + `", clientId="` + c.id + `"`
}

func (c *client) url(path string) string {
	return c.sb.API("brightpattern") + "/clientweb/api/v1/" + path + "?tenantUrl=" + url.QueryEscape(tenantURL) + "&timestamp=1740992400000"
}

type resp struct {
	Status int
	Header http.Header
	Body   []byte
}

func (r *resp) decode(t *testing.T, v any) {
	t.Helper()
	if err := json.Unmarshal(r.Body, v); err != nil {
		t.Fatalf("status %d, body is not JSON: %s", r.Status, r.Body)
	}
}

// send makes a request; body is nil, a *multipart body or a JSON value.
func (c *client) send(ctx context.Context, method, rawURL string, body any, headers map[string]string) (*resp, error) {
	var rd io.Reader
	ct := ""
	switch b := body.(type) {
	case nil:
	case *upload:
		rd, ct = bytes.NewReader(b.body), b.contentType
	default:
		js, _ := json.Marshal(b)
		rd, ct = bytes.NewReader(js), "application/json; charset=UTF-8"
	}
	req, err := http.NewRequestWithContext(ctx, method, rawURL, rd)
	if err != nil {
		return nil, err
	}
	if ct != "" {
		req.Header.Set("Content-Type", ct)
	}
	if c.origin != "" {
		req.Header.Set("Origin", c.origin)
	}
	req.Header.Set("Authorization", c.auth())
	for k, v := range headers {
		if v == "" {
			req.Header.Del(k)
		} else {
			req.Header.Set(k, v)
		}
	}
	res, err := c.http.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	return &resp{Status: res.StatusCode, Header: res.Header, Body: b}, err
}

func (c *client) do(method, path string, body any) *resp {
	c.t.Helper()
	r, err := c.send(context.Background(), method, c.url(path), body, nil)
	if err != nil {
		c.t.Fatalf("%s %s: %v", method, path, err)
	}
	if r.Status == http.StatusInternalServerError {
		c.t.Fatalf("%s %s: 500 %s", method, path, r.Body)
	}
	return r
}

// must makes a request and fails the test unless it answers want.
func (c *client) must(want int, method, path string, body any) *resp {
	c.t.Helper()
	r := c.do(method, path, body)
	if r.Status != want {
		c.t.Fatalf("%s %s: status %d, want %d: %s", method, path, r.Status, want, r.Body)
	}
	return r
}

type event map[string]any

func (e event) name() string { s, _ := e["event"].(string); return s }

func (e event) str(k string) string { s, _ := e[k].(string); return s }

type events struct {
	Events []event `json:"events"`
}

func (c *client) requestChat(params map[string]any) string {
	c.t.Helper()
	var out struct {
		ChatID string `json:"chat_id"`
		State  string `json:"state"`
	}
	c.must(200, "POST", "chats", map[string]any{"phone_number": "", "from": "", "parameters": params}).decode(c.t, &out)
	if out.ChatID == "" || out.State != "queued" {
		c.t.Fatalf("request chat: %+v", out)
	}
	return out.ChatID
}

func (c *client) poll(chat string) []event {
	c.t.Helper()
	var out events
	c.must(200, "GET", "chats/"+chat+"/events", nil).decode(c.t, &out)
	return out.Events
}

func (c *client) sendEvent(chat string, ev map[string]any) []event {
	c.t.Helper()
	var out events
	c.must(200, "POST", "chats/"+chat+"/events", map[string]any{"events": []any{ev}}).decode(c.t, &out)
	return out.Events
}

func (c *client) history(chat string) []event {
	c.t.Helper()
	var out events
	c.must(200, "GET", "chats/"+chat+"/history", nil).decode(c.t, &out)
	return out.Events
}

// advance moves the client's tenant clock.
func (c *client) advance(d time.Duration) { c.sb.Admin.Advance(c.t, c.tenant(), d) }

// pollUntil polls (advancing the clock by step before each poll) until an
// event satisfies match, and returns every event seen, in order.
func (c *client) pollUntil(chat string, step time.Duration, match func(event) bool) []event {
	c.t.Helper()
	var seen []event
	for i := 0; i < 40; i++ {
		if step > 0 {
			c.advance(step)
		}
		for _, e := range c.poll(chat) {
			seen = append(seen, e)
			if match(e) {
				return seen
			}
		}
	}
	c.t.Fatalf("no matching event; saw %v", names(seen))
	return nil
}

func names(evs []event) []string {
	out := make([]string, len(evs))
	for i, e := range evs {
		out[i] = e.name()
		if m := e.str("msg"); m != "" {
			out[i] += "(" + m + ")"
		}
	}
	return out
}

func is(name string) func(event) bool { return func(e event) bool { return e.name() == name } }

func find(evs []event, name string) event {
	for _, e := range evs {
		if e.name() == name {
			return e
		}
	}
	return nil
}

type upload struct {
	body        []byte
	contentType string
}

func multipartFile(t *testing.T, field, name, contentType string, data []byte) *upload {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	h := make(map[string][]string)
	h["Content-Disposition"] = []string{`form-data; name="` + field + `"; filename="` + name + `"`}
	h["Content-Type"] = []string{contentType}
	p, err := w.CreatePart(h)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = p.Write(data)
	_ = w.Close()
	return &upload{body: buf.Bytes(), contentType: w.FormDataContentType()}
}

// admin makes a control-plane request and returns status and body.
func admin(t *testing.T, sb *switchboardtest.Instance, method, path string, body any) *resp {
	t.Helper()
	c := &client{t: t, sb: sb, http: sb.Client}
	var rd io.Reader
	if body != nil {
		js, _ := json.Marshal(body)
		rd = bytes.NewReader(js)
	}
	req, _ := http.NewRequest(method, sb.Admin.URL()+path, rd)
	req.Header.Set("Content-Type", "application/json")
	res, err := c.http.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode == 500 {
		t.Fatalf("admin %s %s: 500 %s", method, path, b)
	}
	return &resp{Status: res.StatusCode, Header: res.Header, Body: b}
}

// drive makes the agent of a chat act through the control plane.
func drive(t *testing.T, sb *switchboardtest.Instance, tenant, chat string, action map[string]any) []event {
	t.Helper()
	r := admin(t, sb, "POST", "/brightpattern/chats/"+chat+"/agent?tenant="+url.QueryEscape(tenant), action)
	if r.Status != 200 {
		t.Fatalf("drive %v: %d %s", action, r.Status, r.Body)
	}
	var out events
	r.decode(t, &out)
	return out.Events
}

func setService(t *testing.T, sb *switchboardtest.Instance, tenant string, sw map[string]any) {
	t.Helper()
	r := admin(t, sb, "POST", "/brightpattern/service?tenant="+url.QueryEscape(tenant), sw)
	if r.Status != 200 {
		t.Fatalf("service %v: %d %s", sw, r.Status, r.Body)
	}
}

type chatView struct {
	ChatID  string `json:"chat_id"`
	State   string `json:"state"`
	Active  bool   `json:"active"`
	Polling bool   `json:"polling"`
	Pending int    `json:"pending"`
	Party   *struct {
		ID   string `json:"party_id"`
		Type string `json:"type"`
	} `json:"party"`
	Events []struct {
		From      string `json:"from"`
		Delivered bool   `json:"delivered"`
		Event     event  `json:"event"`
	} `json:"events"`
}

func chats(t *testing.T, sb *switchboardtest.Instance, tenant string) map[string]chatView {
	t.Helper()
	r := admin(t, sb, "GET", "/brightpattern/chats?tenant="+url.QueryEscape(tenant), nil)
	if r.Status != 200 {
		t.Fatalf("list chats: %d %s", r.Status, r.Body)
	}
	var out struct {
		Chats []chatView `json:"chats"`
	}
	r.decode(t, &out)
	m := map[string]chatView{}
	for _, c := range out.Chats {
		m[c.ChatID] = c
	}
	return m
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }

func jsonUnmarshal(b []byte, v any) error { return json.Unmarshal(b, v) }
