package brightpattern_test

import (
	"bytes"
	"context"
	"fmt"
	"testing"
	"time"
)

func TestAuthorization(t *testing.T) {
	t.Parallel()
	sb := start(t, 300*time.Millisecond)
	c := newClient(t, sb, "SwitchboardWebChat", "dev-auth")
	cases := []struct {
		name, header string
		want         int
	}{
		{"quoted", `MOBILE-API-140-327-PLAIN appId="SwitchboardWebChat", clientId="dev-auth"`, 200},
		{"unquoted", `MOBILE-API-140-327-PLAIN appId=SwitchboardWebChat, clientId=dev-auth`, 200},
		{"missing", "", 401},
		{"bearer", "Bearer abc", 401},
		{"no clientId", `MOBILE-API-140-327-PLAIN appId="SwitchboardWebChat"`, 401},
		{"no appId", `MOBILE-API-140-327-PLAIN clientId="x"`, 401},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := map[string]string{"Authorization": tc.header}
			if tc.header == "" {
				h["Authorization"] = ""
			}
			r, err := c.send(context.Background(), "GET", c.url("availability"), nil, h)
			if err != nil || r.Status != tc.want {
				t.Fatalf("status %v %+v, want %d", err, r, tc.want)
			}
			var e struct {
				Code *int    `json:"error_code"`
				Msg  *string `json:"error_message"`
			}
			r.decode(t, &e)
			if tc.want == 401 && (e.Code == nil || *e.Code != 401 || e.Msg == nil || *e.Msg == "") {
				t.Fatalf("error body %s", r.Body)
			}
		})
	}
	// Same appId, other tenantUrl: another tenant, which does not know the chat.
	chat := c.requestChat(nil)
	other := *c
	r, _ := other.send(context.Background(), "GET", sb.API("brightpattern")+"/clientweb/api/v1/chats/"+chat+"/history?tenantUrl=other.example.com", nil, nil)
	if r.Status != 404 {
		t.Fatalf("chat seen from another tenant: %d", r.Status)
	}
}

func TestParametersAndRequestChat(t *testing.T) {
	t.Parallel()
	sb := start(t, 300*time.Millisecond)
	strict := newClient(t, sb, "StrictForm", "dev-strict")
	var ps struct {
		Parameters []struct {
			Name     string `json:"name"`
			Type     string `json:"type"`
			Required bool   `json:"required"`
		} `json:"parameters"`
	}
	strict.must(200, "GET", "parameters", nil).decode(t, &ps)
	if len(ps.Parameters) != 3 || ps.Parameters[0].Name != "first_name" || !ps.Parameters[0].Required {
		t.Fatalf("parameters = %+v", ps)
	}
	cases := []struct {
		name   string
		params map[string]any
		want   int
		field  string
	}{
		{"missing required", map[string]any{"first_name": "Ann"}, 400, "parameters.email"},
		{"empty required", map[string]any{"first_name": "", "email": "a@b.co"}, 400, "parameters.first_name"},
		{"bad email", map[string]any{"first_name": "Ann", "email": "nope"}, 400, "parameters.email"},
		{"object for a text", map[string]any{"first_name": map[string]any{"x": 1}, "email": "a@b.co"}, 400, "parameters.first_name"},
		{"valid with nested extras", map[string]any{"first_name": "Ann", "email": "a@b.co", "location": map[string]any{"lat": 1.5}}, 200, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := strict.must(tc.want, "POST", "chats", map[string]any{"phone_number": "", "from": "", "parameters": tc.params})
			if tc.field != "" && !contains(string(r.Body), tc.field) {
				t.Fatalf("error does not name %s: %s", tc.field, r.Body)
			}
		})
	}
	var again struct {
		ChatID    string `json:"chat_id"`
		IsNewChat bool   `json:"is_new_chat"`
	}
	strict.must(200, "POST", "chats", map[string]any{"parameters": map[string]any{"first_name": "Ann", "email": "a@b.co"}}).decode(t, &again)
	if again.IsNewChat {
		t.Fatal("a second request chat for the same clientId should return the active chat")
	}
	strict.must(400, "POST", "chats", `not json`)
}

func TestRequestSMS(t *testing.T) {
	t.Parallel()
	sb := start(t, 300*time.Millisecond)
	c := newClient(t, sb, "SwitchboardWebChat", "dev-sms")
	cases := []struct {
		name, phone  string
		status, code int
	}{
		{"ok", "+1 415 555 0100", 200, 0},
		{"not a number", "call me", 200, 1},
		{"missing", "", 400, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := c.must(tc.status, "POST", "requestsms", map[string]any{"phone_number": tc.phone, "from": "", "parameters": map[string]any{}})
			if tc.status == 200 {
				var out struct {
					Code int `json:"sms_error_code"`
				}
				r.decode(t, &out)
				if out.Code != tc.code {
					t.Fatalf("sms_error_code = %d, want %d", out.Code, tc.code)
				}
			}
		})
	}
	found := false
	for _, v := range chats(t, sb, c.tenant()) {
		found = found || v.Active
	}
	if !found {
		t.Fatal("the SMS session is not listed")
	}
}

func TestUploadLimits(t *testing.T) {
	t.Parallel()
	sb := start(t, 300*time.Millisecond)
	c := newClient(t, sb, "SwitchboardWebChat", "dev-files")
	chat := c.requestChat(nil)
	t.Run("any single file part", func(t *testing.T) {
		var up struct {
			ID   string `json:"file_id"`
			Name string `json:"file_name"`
		}
		c.must(200, "POST", "files", multipartFile(t, "file", "a.png", "image/png", []byte("png"))).decode(t, &up)
		if up.Name != "a.png" {
			t.Fatalf("upload = %+v", up)
		}
		r, _ := c.send(context.Background(), "GET", c.url("chats/"+chat+"/files/"+up.ID), nil, nil)
		if r.Status != 200 || r.Header.Get("Content-Type") != "image/png" || string(r.Body) != "png" {
			t.Fatalf("get file: %+v", r)
		}
	})
	t.Run("over 25 MB", func(t *testing.T) {
		big := bytes.Repeat([]byte("x"), 25<<20+1)
		r := c.must(413, "POST", "files", multipartFile(t, "file", "big.bin", "application/octet-stream", big))
		if !contains(string(r.Body), "error_code") {
			t.Fatalf("413 body %s", r.Body)
		}
	})
	t.Run("exactly 25 MB", func(t *testing.T) {
		c.must(200, "POST", "files", multipartFile(t, "file", "max.bin", "application/octet-stream", bytes.Repeat([]byte("y"), 25<<20)))
	})
	t.Run("no file part", func(t *testing.T) {
		body := &upload{body: []byte("--b\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhi\r\n--b--\r\n"), contentType: "multipart/form-data; boundary=b"}
		c.must(400, "POST", "files", body)
	})
	t.Run("not multipart", func(t *testing.T) {
		c.must(415, "POST", "files", map[string]any{"file": "x"})
	})
	t.Run("unknown file event", func(t *testing.T) {
		c.must(400, "POST", "chats/"+chat+"/events", map[string]any{"events": []any{map[string]any{"event": "chat_session_file", "msg_id": "", "file_id": "nope"}}})
	})
}

func TestFileEviction(t *testing.T) {
	t.Parallel()
	sb := start(t, 300*time.Millisecond)
	c := newClient(t, sb, "SwitchboardWebChat", "dev-evict")
	chat := c.requestChat(nil)
	var firstID, lastID string
	for i := 0; i < 1001; i++ {
		var up struct {
			ID string `json:"file_id"`
		}
		c.must(200, "POST", "files", multipartFile(t, "file", fmt.Sprintf("f%d.txt", i), "text/plain", []byte("x"))).decode(t, &up)
		if i == 0 {
			firstID = up.ID
		}
		lastID = up.ID
	}
	c.must(404, "GET", "chats/"+chat+"/files/"+firstID, nil)
	c.must(200, "GET", "chats/"+chat+"/files/"+lastID, nil)
}

func TestDeterministicIDs(t *testing.T) {
	t.Parallel()
	ids := make([]string, 2)
	for i := range ids {
		sb := start(t, 300*time.Millisecond)
		c := newClient(t, sb, "SwitchboardWebChat", "dev-det")
		ids[i] = c.requestChat(nil)
	}
	if ids[0] != ids[1] {
		t.Fatalf("same seed, same requests, different chat ids: %v", ids)
	}
}

func TestMalformedBodies(t *testing.T) {
	t.Parallel()
	sb := start(t, 300*time.Millisecond)
	c := newClient(t, sb, "SwitchboardWebChat", "dev-bodies")
	chat := c.requestChat(nil)
	cases := []struct {
		name, path string
		body       any
		want       int
	}{
		{"parameters not an object", "chats", map[string]any{"parameters": "x"}, 400},
		{"events not an array", "chats/" + chat + "/events", map[string]any{"events": "x"}, 400},
		{"event not an object", "chats/" + chat + "/events", map[string]any{"events": []any{1}}, 400},
		{"event type not a string", "chats/" + chat + "/events", map[string]any{"events": []any{map[string]any{"event": 5}}}, 400},
		{"sms phone not a string", "requestsms", map[string]any{"phone_number": 5}, 400},
		{"text body", "chats", &upload{body: []byte("hello"), contentType: "text/plain"}, 415},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := c.must(tc.want, "POST", tc.path, tc.body)
			var e struct {
				Code int    `json:"error_code"`
				Msg  string `json:"error_message"`
			}
			r.decode(t, &e)
			if e.Code != tc.want || e.Msg == "" {
				t.Fatalf("error body %s", r.Body)
			}
		})
	}
	// Nothing was half-applied: the chat is still there and still the only one.
	if len(chats(t, sb, c.tenant())) != 1 {
		t.Fatal("a rejected request changed the state")
	}
}
