package ringotel_test

import (
	"encoding/json"
	"net/http"
	"testing"
)

// getChatUsers lists an org's users as [{phone, name, id, state}].
func TestGetChatUsers(t *testing.T) {
	t.Parallel()
	c := newClient(t, "users")
	var users []map[string]any
	c.ok(t, "getChatUsers", map[string]any{"orgid": "16029670196176812345"}, &users)
	want := `[{"id":"16266023844241412565","name":"9001","phone":"9001","state":2},{"id":"16271184912873588819","name":"9002","phone":"9002","state":2}]`
	if got := mustJSON(users); got != want {
		t.Errorf("got %s\nwant %s", got, want)
	}
	if r := c.call(t, "getChatUsers", map[string]any{"orgid": "16029670196176812346"}); r.Status != http.StatusOK || r.Error == nil || r.Error.Code != 404 {
		t.Errorf("unknown org: got %d %s", r.Status, r.Raw)
	}
}

// delivered, read, typing, updated and deleted act on existing messages and
// sessions and show in the control plane.
func TestStatusMethods(t *testing.T) {
	t.Parallel()
	c := newClient(t, "status")
	var m msgResult
	c.ok(t, "message", map[string]any{"from": extern, "to": "9005", "content": "first", "orgid": seedOrg}, &m)
	sid := m.SessionID
	var m2 msgResult
	c.ok(t, "message", map[string]any{"from": extern, "to": "9005", "content": "second", "orgid": seedOrg}, &m2)
	var res map[string]string
	c.ok(t, "delivered", map[string]any{"messageid": m.MessageID}, &res)
	if res["messageid"] != m.MessageID {
		t.Errorf("delivered result %v", res)
	}
	c.ok(t, "updated", map[string]any{"messageid": m.MessageID, "content": "first, edited", "orgid": seedOrg}, nil)
	c.ok(t, "read", map[string]any{"messageid": m.MessageID}, nil)
	c.ok(t, "typing", map[string]any{"sessionid": sid, "from": extern}, &res)
	if res["sessionid"] != sid {
		t.Errorf("typing result %v", res)
	}
	c.ok(t, "deleted", map[string]any{"messageid": m2.MessageID}, nil)
	_, msgs := c.messages(t, seedOrg, sid)
	if len(msgs) != 2 {
		t.Fatalf("want 2 messages, got %+v", msgs)
	}
	first, second := msgs[0], msgs[1]
	if !first.Delivered || !first.Read || !first.Edited || first.Text == nil || *first.Text != "first, edited" {
		t.Errorf("first: %+v", first)
	}
	if !second.Deleted || second.Read || second.Delivered {
		t.Errorf("second: %+v", second)
	}
	c.ok(t, "read", map[string]any{"sessionid": sid}, nil)
	if _, msgs = c.messages(t, seedOrg, sid); !msgs[1].Read {
		t.Errorf("read by session should mark every message: %+v", msgs)
	}

	c.closeSession(t, sid)
	for _, tc := range []struct {
		name, method string
		params       map[string]any
		code         int
		field        string
	}{
		{"typing on a closed session", "typing", map[string]any{"sessionid": sid}, 409, "params.sessionid"},
		{"typing without sessionid", "typing", map[string]any{}, 400, "params.sessionid"},
		{"updating a deleted message", "updated", map[string]any{"messageid": m2.MessageID, "content": "x"}, 409, ""},
		{"updating a file", "updated", map[string]any{"messageid": "1710100665847-a1f4a223ffd202a9ea", "content": "x"}, 400, "params.messageid"},
		{"updated without content", "updated", map[string]any{"messageid": m.MessageID}, 400, "params.content"},
		{"updated with object content", "updated", map[string]any{"messageid": m.MessageID, "content": map[string]any{}}, 400, "params.content"},
		{"delivered without messageid", "delivered", map[string]any{}, 400, "params.messageid"},
		{"delivered unknown message", "delivered", map[string]any{"messageid": "1710000000000-000000000000000000"}, 404, "params.messageid"},
		{"deleted in another org", "deleted", map[string]any{"messageid": m.MessageID, "orgid": "16029670196176812345"}, 404, "params.messageid"},
		{"read with neither id", "read", map[string]any{}, 400, "params.messageid"},
		{"read unknown session", "read", map[string]any{"sessionid": "1710000000000-000000000000000000"}, 404, "params.sessionid"},
		{"read in an unknown org", "read", map[string]any{"messageid": m.MessageID, "orgid": "11111111111111111111"}, 404, "params.orgid"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := c.call(t, tc.method, tc.params)
			if r.Status != http.StatusOK || r.Error == nil || r.Error.Code != tc.code {
				t.Fatalf("want 200 with error code %d, got %d %s", tc.code, r.Status, r.Raw)
			}
			if tc.field != "" && !hasField(r, tc.field) {
				t.Errorf("want the error to name %s: %s", tc.field, r.Raw)
			}
		})
	}
}

// The Postman collection's call-record keys work; activity_type is derived
// when left out; a back-dated timestamp is kept.
func TestPostmanCallRecordAndTimestamp(t *testing.T) {
	t.Parallel()
	c := newClient(t, "postman")
	var r msgResult
	c.ok(t, "message", map[string]any{"type": 8, "orgid": seedOrg, "timestamp": 1700000000000, "content": map[string]any{
		"duration": 61, "caller": "380820432435", "called": "9009", "subject": "Callback", "comment": "Asked for a quote",
		"transcription": "t.json", "timestamp": 1699999990000}}, &r)
	// No sessionid: the record is filed into the open fixture session with that number.
	if r.SessionID != "1738273559644-acb978e33dd4646786" {
		t.Fatalf("want the record filed into the open session with the number, got %+v", r)
	}
	_, msgs := c.messages(t, seedOrg, r.SessionID)
	got := msgs[len(msgs)-1]
	want := map[string]any{"activity_type": "inbound", "call_duration": 61.0, "caller_number": "380820432435", "called_number": "9009",
		"call_subject": "Callback", "call_summary": "Asked for a quote", "call_transcription": "t.json", "timestamp": 1699999990000.0}
	if mustJSON(got.Call) != mustJSON(want) || got.Timestamp != 1700000000000 || got.Read || got.Type != 8 {
		t.Errorf("got %+v call %s", got, mustJSON(got.Call))
	}
	for _, typ := range []int{1, 2, 7} {
		var res msgResult
		p := map[string]any{"from": "9003", "to": extern, "orgid": seedOrg, "sessionid": sid9003, "type": typ, "content": "https://files.example.com/a/report.pdf"}
		c.ok(t, "message", p, &res)
		_, msgs := c.messages(t, seedOrg, sid9003)
		last := msgs[len(msgs)-1]
		if last.MessageID != res.MessageID || last.Type != typ || (typ != 1) != (last.File != nil) {
			t.Errorf("type %d: got %+v", typ, last)
		}
		if typ != 1 && last.File["name"] != "report.pdf" {
			t.Errorf("type %d file: %+v", typ, last.File)
		}
	}
}

// The multipart file send returns a messageid that the messageid sync files
// into a session; a bad upload is an envelope error.
func TestMultipartFileSend(t *testing.T) {
	t.Parallel()
	c := newClient(t, "upload")
	r := c.upload(t, map[string]string{"orgid": seedOrg, "from": extern, "to": "9003"}, "scan.png", "PNG-BYTES")
	var up msgResult
	if r.Status != http.StatusOK || r.Error != nil || json.Unmarshal(r.Result, &up) != nil || !idPattern.MatchString(up.MessageID) {
		t.Fatalf("upload: %d %s", r.Status, r.Raw)
	}
	var synced msgResult
	c.ok(t, "message", map[string]any{"from": extern, "to": "9003", "orgid": seedOrg, "messageid": up.MessageID, "sessionid": sid9003}, &synced)
	_, msgs := c.messages(t, seedOrg, sid9003)
	last := msgs[len(msgs)-1]
	if last.MessageID != synced.MessageID || last.Type != 2 || last.CopiedFrom != up.MessageID || last.File["name"] != "scan.png" || last.File["size"] != 9.0 {
		t.Errorf("synced file: %+v", last)
	}
	before := c.snapshot(t)
	for _, tc := range []struct {
		name   string
		fields map[string]string
		file   string
		field  string
		code   int
	}{
		{"missing from", map[string]string{"orgid": seedOrg, "to": "9003"}, "a.txt", "from", 400},
		{"missing file", map[string]string{"orgid": seedOrg, "to": "9003", "from": extern}, "", "file", 400},
		{"unknown org", map[string]string{"orgid": "12345678901234567890", "to": "9003", "from": extern}, "a.txt", "params.orgid", 404},
		{"unknown extension", map[string]string{"orgid": seedOrg, "to": "9998", "from": extern}, "a.txt", "to", 404},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := c.upload(t, tc.fields, tc.file, "x")
			if r.Status != http.StatusOK || r.Error == nil || r.Error.Code != tc.code || !hasField(r, tc.field) {
				t.Errorf("want 200 with code %d naming %s, got %d %s", tc.code, tc.field, r.Status, r.Raw)
			}
		})
	}
	if c.snapshot(t) != before {
		t.Error("failed uploads changed state")
	}
}
