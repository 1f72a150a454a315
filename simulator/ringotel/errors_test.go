package ringotel_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/switchboard-sim/switchboard/simulator/switchboardtest"
)

const sid9003 = "1710004869211-d3103a34bd2ce6023a"

// Every problem with a call gets the error envelope naming it (HTTP 200; 400
// only for an unreadable envelope), never a 5xx, and changes nothing.
func TestCallErrors(t *testing.T) {
	t.Parallel()
	text := func(over map[string]any) string {
		p := map[string]any{"from": "9003", "to": extern, "content": "Hello", "orgid": seedOrg, "sessionid": sid9003}
		for k, v := range over {
			if v == nil {
				delete(p, k)
			} else {
				p[k] = v
			}
		}
		return mustJSON(map[string]any{"method": "message", "params": p})
	}
	call := func(content any) string {
		return mustJSON(map[string]any{"method": "message", "params": map[string]any{
			"sessionid": "1738273559644-acb978e33dd4646786", "type": 8, "orgid": seedOrg, "content": content}})
	}
	goodCall := func(over map[string]any) map[string]any {
		m := map[string]any{"activity_type": "outbound", "call_duration": 105, "caller_number": "9009", "called_number": "380820432435"}
		for k, v := range over {
			if v == nil {
				delete(m, k)
			} else {
				m[k] = v
			}
		}
		return m
	}
	cases := []struct {
		name, body string
		status     int
		code       int
		field      string
		msg        string
	}{
		{"wrong org", text(map[string]any{"orgid": "99999999999999999999"}), 200, 404, "params.orgid", "99999999999999999999"},
		{"org not 20 digits", text(map[string]any{"orgid": "123"}), 200, 400, "params.orgid", "20-digit"},
		{"unknown extension", text(map[string]any{"from": "9999"}), 200, 404, "params.from", `unknown extension "9999"`},
		{"unknown extension on implicit creation", mustJSON(map[string]any{"method": "message", "params": map[string]any{"from": extern, "to": "9998", "orgid": seedOrg}}), 200, 404, "params.to", `"9998"`},
		{"missing from", text(map[string]any{"from": nil}), 200, 400, "params.from", "params.from: is required"},
		{"from of the wrong type", text(map[string]any{"from": 9003}), 200, 400, "params.from", "must be a string"},
		{"missing orgid", text(map[string]any{"orgid": nil}), 200, 400, "params.orgid", "is required"},
		{"content string for type 8", call("a call"), 200, 400, "params.content", "must be an object for type 8"},
		{"missing content for type 8", mustJSON(map[string]any{"method": "message", "params": map[string]any{"type": 8, "orgid": seedOrg}}), 200, 400, "params.content", "is required for type 8"},
		{"object content without type 8", text(map[string]any{"content": map[string]any{"call_duration": 1}}), 200, 400, "params.type", "must be 8"},
		{"bad activity_type", call(goodCall(map[string]any{"activity_type": "sideways"})), 200, 400, "params.content.activity_type", `"inbound" or "outbound"`},
		{"negative call_duration", call(goodCall(map[string]any{"call_duration": -1})), 200, 400, "params.content.call_duration", "0 or more"},
		{"call_duration a string", call(goodCall(map[string]any{"call_duration": "105"})), 200, 400, "params.content.call_duration", "must be a number"},
		{"missing caller_number", call(goodCall(map[string]any{"caller_number": nil})), 200, 400, "params.content.caller_number", "is required"},
		{"caller_number not a phone", call(goodCall(map[string]any{"caller_number": "bob"})), 200, 400, "params.content.caller_number", "phone number"},
		{"both spellings", call(goodCall(map[string]any{"duration": 3})), 200, 400, "params.content.duration", "call_duration"},
		{"call with the wrong external party", call(goodCall(map[string]any{"called_number": "111222333"})), 200, 400, "params.content.called_number", "external party"},
		{"unknown type", text(map[string]any{"type": 5}), 200, 400, "params.type", "got 5"},
		{"negative timestamp", text(map[string]any{"timestamp": -5}), 200, 400, "params.timestamp", "milliseconds"},
		{"unknown session", text(map[string]any{"sessionid": "1710000000000-000000000000000000"}), 200, 404, "params.sessionid", "not found"},
		{"session of another external party", text(map[string]any{"to": "111222333"}), 200, 400, "params.to", "external party"},
		{"unknown messageid", text(map[string]any{"content": nil, "messageid": "1710000000000-000000000000000000"}), 200, 404, "params.messageid", "not found"},
		{"content and messageid", text(map[string]any{"messageid": "1710100665847-a1f4a223ffd202a9ea"}), 200, 400, "params.messageid", "not both"},
		{"sessionid without content", text(map[string]any{"content": nil}), 200, 400, "params.content", "is required with sessionid"},
		{"both sides users", text(map[string]any{"to": "9004"}), 200, 400, "params.to", "both users"},
		{"neither side a user", text(map[string]any{"from": "111222333"}), 200, 404, "params.from", "neither"},
		{"params not an object", `{"method":"message","params":"x"}`, 200, 400, "params", "object"},
		{"unknown method", `{"method":"sendFax","params":{}}`, 200, 404, "method", `unknown method "sendFax"`},
		{"getChatUsers without orgid", `{"method":"getChatUsers","params":{}}`, 200, 400, "params.orgid", "is required"},
		{"non-JSON body", `hello`, 400, 400, "body", "malformed"},
		{"truncated JSON", `{"method":"message","params":{`, 400, 400, "body", "malformed"},
		{"JSON array", `[1,2]`, 400, 400, "body", ""},
		{"no method", `{"params":{"orgid":"17076444409917912922"}}`, 400, 400, "method", "method"},
		{"empty method", `{"method":"","params":{}}`, 400, 400, "method", ""},
		{"method not a string", `{"method":7,"params":{}}`, 400, 400, "method", ""},
	}
	c := newClient(t, "errors")
	before := c.snapshot(t)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := c.raw(t, tc.body, switchboardtest.Header{"Content-Type", "application/json"})
			if r.Status != tc.status || r.Error == nil || r.Error.Code != tc.code || r.Result != nil {
				t.Fatalf("want HTTP %d with error code %d, got %d %s", tc.status, tc.code, r.Status, r.Raw)
			}
			if !hasField(r, tc.field) || !strings.Contains(r.Error.Message, tc.msg) {
				t.Errorf("want the error to name %s with %q, got %s", tc.field, tc.msg, r.Raw)
			}
		})
	}
	if after := c.snapshot(t); after != before {
		t.Errorf("failed calls changed state:\nbefore %s\nafter  %s", before, after)
	}
}

// Auth failures are 401 in the envelope.
func TestAuth(t *testing.T) {
	t.Parallel()
	c := newClient(t, "auth")
	body := []byte(`{"method":"getChatUsers","params":{"orgid":"17076444409917912922"}}`)
	for _, h := range [][]switchboardtest.Header{
		nil,
		{{"Authorization", "Basic abc"}},
		{{"Authorization", "Bearer "}},
	} {
		r := decode(t, c.sb.Do(t, http.MethodPost, c.url(), body, h...))
		if r.Status != http.StatusUnauthorized || r.Error == nil || r.Error.Code != 401 {
			t.Errorf("headers %v: want 401 envelope, got %d %s", h, r.Status, r.Raw)
		}
	}
	c.sb.Admin.SetAccess(t, "ro-key", "read-only")
	ro := &client{sb: c.sb, key: "ro-key"}
	if r := ro.call(t, "getChatUsers", map[string]any{"orgid": seedOrg}); r.Status != http.StatusForbidden || r.Error == nil {
		t.Errorf("read-only credential: want 403, got %d %s", r.Status, r.Raw)
	}
	if r := c.raw(t, `{"method":"getChatUsers","params":{}}`, switchboardtest.Header{"Content-Type", "text/plain"}); r.Status != http.StatusUnsupportedMediaType || r.Error == nil {
		t.Errorf("text/plain: want 415, got %d %s", r.Status, r.Raw)
	}
}
