package ringotel_test

import (
	"bytes"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/switchboard-sim/switchboard/simulator/switchboardtest"
)

const (
	seedOrg = "17076444409917912922"
	extern  = "234567668"
)

var idPattern = regexp.MustCompile(`^[0-9]{13}-[0-9a-f]{18}$`)

// rpcResp is a decoded RPC answer.
type rpcResp struct {
	Status int
	Result json.RawMessage `json:"result"`
	Error  *struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
		Fields  []struct {
			Field   string `json:"field"`
			Message string `json:"message"`
		} `json:"fields"`
	} `json:"error"`
	Raw string
}

// client sends RPC calls for one credential, as real clients do.
type client struct {
	sb  *switchboardtest.Instance
	key string
}

func newClient(t *testing.T, key string) *client {
	t.Helper()
	return &client{sb: switchboardtest.Start(t), key: key}
}

func (c *client) url() string { return c.sb.API("ringotel") + "/api" }

// raw posts a body as is.
func (c *client) raw(t *testing.T, body string, headers ...switchboardtest.Header) rpcResp {
	t.Helper()
	h := append([]switchboardtest.Header{switchboardtest.Bearer(c.key), {"Accept", "application/json"}}, headers...)
	r := c.sb.Do(t, http.MethodPost, c.url(), []byte(body), h...)
	return decode(t, r)
}

func decode(t *testing.T, r *switchboardtest.Response) rpcResp {
	t.Helper()
	if r.Status >= 500 {
		t.Fatalf("5xx: %d %s", r.Status, r.Body)
	}
	out := rpcResp{Status: r.Status, Raw: string(r.Body)}
	r.JSON(t, &out)
	return out
}

// call sends {"method","params"}.
func (c *client) call(t *testing.T, method string, params any) rpcResp {
	t.Helper()
	b, _ := json.Marshal(map[string]any{"method": method, "params": params})
	return c.raw(t, string(b))
}

// ok sends a call that must succeed and decodes its result.
func (c *client) ok(t *testing.T, method string, params any, out any) {
	t.Helper()
	r := c.call(t, method, params)
	if r.Status != http.StatusOK || r.Error != nil {
		t.Fatalf("%s %v: want a result, got %d %s", method, params, r.Status, r.Raw)
	}
	if out != nil {
		if err := json.Unmarshal(r.Result, out); err != nil {
			t.Fatalf("result: %v: %s", err, r.Result)
		}
	}
}

type msgResult struct {
	MessageID string `json:"messageid"`
	SessionID string `json:"sessionid"`
}

type sessionView struct {
	SessionID    string `json:"sessionid"`
	User         string `json:"user"`
	External     string `json:"external"`
	Status       string `json:"status"`
	CloseReason  string `json:"closeReason"`
	MessageCount int    `json:"messageCount"`
}

type messageView struct {
	MessageID  string         `json:"messageid"`
	SessionID  string         `json:"sessionid"`
	Type       int            `json:"type"`
	Direction  string         `json:"direction"`
	From       string         `json:"from"`
	To         string         `json:"to"`
	Text       *string        `json:"text"`
	Call       map[string]any `json:"call"`
	File       map[string]any `json:"file"`
	CopiedFrom string         `json:"copiedFrom"`
	Timestamp  int64          `json:"timestamp"`
	Read       bool           `json:"read"`
	Delivered  bool           `json:"delivered"`
	Edited     bool           `json:"edited"`
	Deleted    bool           `json:"deleted"`
}

func (c *client) sessions(t *testing.T, org string) []sessionView {
	t.Helper()
	var out struct{ Sessions []sessionView }
	c.sb.Admin.Do(t, http.MethodGet, "/ringotel/orgs/"+org+"/sessions?tenant="+c.key, nil).JSON(t, &out)
	return out.Sessions
}

func (c *client) messages(t *testing.T, org, session string) (sessionView, []messageView) {
	t.Helper()
	var out struct {
		Session  sessionView
		Messages []messageView
	}
	c.sb.Admin.Do(t, http.MethodGet, "/ringotel/orgs/"+org+"/sessions/"+session+"/messages?tenant="+c.key, nil).JSON(t, &out)
	return out.Session, out.Messages
}

func (c *client) closeSession(t *testing.T, id string) {
	t.Helper()
	c.sb.Admin.Do(t, http.MethodPost, "/ringotel/sessions/"+id+"/close?tenant="+c.key, nil)
}

// snapshot is every org's sessions and messages, to prove a failed call changed nothing.
func (c *client) snapshot(t *testing.T) string {
	t.Helper()
	var b strings.Builder
	for _, org := range []string{seedOrg, "16029670196176812345", "16287540703457500320"} {
		for _, s := range c.sessions(t, org) {
			sv, msgs := c.messages(t, org, s.SessionID)
			js, _ := json.Marshal([]any{sv, msgs})
			b.Write(js)
		}
	}
	return b.String()
}

// upload sends the multipart file send; file may be empty to leave the part out.
func (c *client) upload(t *testing.T, fields map[string]string, fileName, file string) rpcResp {
	t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	for k, v := range fields {
		_ = w.WriteField(k, v)
	}
	if fileName != "" {
		fw, _ := w.CreateFormFile("file", fileName)
		_, _ = fw.Write([]byte(file))
	}
	_ = w.Close()
	return c.raw(t, body.String(), switchboardtest.Header{"Content-Type", w.FormDataContentType()})
}

func hasField(r rpcResp, name string) bool {
	if r.Error == nil {
		return false
	}
	for _, f := range r.Error.Fields {
		if f.Field == name {
			return true
		}
	}
	return false
}

func jsonUnmarshal(b []byte, v any) error { return json.Unmarshal(b, v) }

func mustJSON(v any) string {
	b, _ := json.Marshal(v) // maps of plain values always marshal
	return string(b)
}
