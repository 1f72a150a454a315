package admin

import (
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"
)

func TestGuard(t *testing.T) {
	gin.SetMode(gin.ReleaseMode)
	type req struct {
		method, remote, host string
		headers              map[string]string
	}
	get := func(host string) req { return req{method: "GET", remote: "127.0.0.1:5000", host: host} }
	post := func(host string, h map[string]string) req {
		return req{method: "POST", remote: "127.0.0.1:5000", host: host, headers: h}
	}
	cases := []struct {
		name    string
		opts    GuardOptions
		hosts   []string
		req     req
		want    int
		wantMsg string // a part of the error message
	}{
		// Who may call: loopback clients naming the server as a local host.
		{name: "loopback v4", req: get("127.0.0.1:8080"), want: 200},
		{name: "loopback v6", req: req{method: "GET", remote: "[::1]:5000", host: "[::1]:8080"}, want: 200},
		{name: "any 127/8 address", req: get("127.5.6.7:8080"), want: 200},
		{name: "localhost", req: get("localhost:8080"), want: 200},
		{name: "localhost without port", req: get("localhost"), want: 200},
		{name: "localhost in capitals, fully qualified", req: get("LOCALHOST.:8080"), want: 200},
		{name: "no Host (HTTP/1.0)", req: get(""), want: 200},
		{name: "remote without token", req: req{method: "GET", remote: "192.0.2.7:5000", host: "127.0.0.1:8080"}, want: 403, wantMsg: "--admin-token"},
		{name: "foreign Host (DNS rebinding)", req: get("evil.example:8080"), want: 403, wantMsg: "--admin-allowed-hosts evil.example"},
		{name: "foreign Host on a write", req: post("evil.example:8080", nil), want: 403, wantMsg: "--admin-allowed-hosts evil.example"},
		{name: "rebinding name that embeds 127.0.0.1", req: get("127.0.0.1.nip.io:8080"), want: 403},
		{name: "rebinding name under localhost's label", req: get("localhost.evil.example"), want: 403},
		{name: "non-loopback address as Host", req: get("192.168.1.9:8080"), want: 403},

		// --admin-allowed-hosts.
		{name: "allowed host", hosts: []string{"switchboard.test"}, req: get("switchboard.test:9000"), want: 200},
		{name: "allowed host, any case", hosts: []string{"Switchboard.Test."}, req: get("SWITCHBOARD.test"), want: 200},
		{name: "host not on the list", hosts: []string{"switchboard.test"}, req: get("other.test:9000"), want: 403},
		{name: "allowed domain", hosts: []string{".corp.example"}, req: get("sb.dev.corp.example:8080"), want: 200},
		{name: "allowed domain itself", hosts: []string{"*.corp.example"}, req: get("corp.example"), want: 200},
		{name: "allowed domain is not a suffix match", hosts: []string{".corp.example"}, req: get("evilcorp.example"), want: 403},
		{name: "allowed IP", hosts: []string{"[fd00::1]"}, req: get("[fd00:0::1]:8080"), want: 200},
		{name: "any host", hosts: []string{"*"}, req: get("anything.example:8080"), want: 200},
		{name: "allowed host still refuses cross-site writes", hosts: []string{"switchboard.test"},
			req: post("switchboard.test:8080", map[string]string{"Origin": "http://evil.example"}), want: 403, wantMsg: "Origin"},

		// Token mode: the token decides, for any address and any Host.
		{name: "remote with token", opts: GuardOptions{Token: "s3cret"}, req: req{method: "GET", remote: "192.0.2.7:5000", host: "sb.example:8080", headers: map[string]string{"Authorization": "Bearer s3cret"}}, want: 200},
		{name: "token in X-Admin-Token", opts: GuardOptions{Token: "s3cret"}, req: req{method: "GET", remote: "192.0.2.7:5000", host: "sb.example", headers: map[string]string{"X-Admin-Token": "s3cret"}}, want: 200},
		{name: "wrong token", opts: GuardOptions{Token: "s3cret"}, req: req{method: "GET", remote: "127.0.0.1:5000", host: "localhost", headers: map[string]string{"Authorization": "Bearer nope"}}, want: 401},
		{name: "missing token", opts: GuardOptions{Token: "s3cret"}, req: get("localhost:8080"), want: 401},
		{name: "token does not excuse a cross-site write", opts: GuardOptions{Token: "s3cret"},
			req: post("sb.example", map[string]string{"Authorization": "Bearer s3cret", "Origin": "http://evil.example"}), want: 403},

		// Cross-site writes.
		{name: "curl: no Origin, no Sec-Fetch-Site", req: post("localhost:8080", nil), want: 200},
		{name: "cross-site Origin", req: post("127.0.0.1:8080", map[string]string{"Origin": "http://evil.example"}), want: 403, wantMsg: `Origin "http://evil.example"`},
		{name: "Origin null", req: post("127.0.0.1:8080", map[string]string{"Origin": "null"}), want: 403, wantMsg: "Origin: null"},
		{name: "empty Origin", req: post("127.0.0.1:8080", map[string]string{"Origin": ""}), want: 403},
		{name: "Sec-Fetch-Site cross-site", req: post("127.0.0.1:8080", map[string]string{"Sec-Fetch-Site": "cross-site"}), want: 403, wantMsg: "Sec-Fetch-Site: cross-site"},
		{name: "Sec-Fetch-Site same-site", req: post("127.0.0.1:8080", map[string]string{"Sec-Fetch-Site": "same-site"}), want: 403, wantMsg: "Sec-Fetch-Site: same-site"},
		{name: "another port on localhost is another origin", req: post("localhost:8080", map[string]string{"Origin": "http://localhost:3000"}), want: 403},
		{name: "same host by another name is another origin", req: post("localhost:8080", map[string]string{"Origin": "http://127.0.0.1:8080"}), want: 403},
		{name: "https origin against plain http", req: post("127.0.0.1:8080", map[string]string{"Origin": "https://127.0.0.1:8080"}), want: 403},
		{name: "same-origin Sec-Fetch-Site with a foreign Origin", req: post("127.0.0.1:8080", map[string]string{"Origin": "http://evil.example", "Sec-Fetch-Site": "same-origin"}), want: 403},
		{name: "dashboard: own Origin, same-origin", req: post("127.0.0.1:8080", map[string]string{"Origin": "http://127.0.0.1:8080", "Sec-Fetch-Site": "same-origin"}), want: 200},
		{name: "dashboard on localhost, Origin in capitals", req: post("localhost:8080", map[string]string{"Origin": "HTTP://LOCALHOST:8080"}), want: 200},
		{name: "default port left out of Origin", req: post("localhost:80", map[string]string{"Origin": "http://localhost"}), want: 200},
		{name: "address bar or bookmark (Sec-Fetch-Site none)", req: post("localhost:8080", map[string]string{"Sec-Fetch-Site": "none"}), want: 200},
		{name: "behind a TLS proxy", hosts: []string{"sb.test"}, req: post("sb.test", map[string]string{"Origin": "https://sb.test", "X-Forwarded-Proto": "https"}), want: 200},
		{name: "DELETE cross-site", req: req{method: "DELETE", remote: "127.0.0.1:5000", host: "localhost:8080", headers: map[string]string{"Origin": "http://evil.example"}}, want: 403},
		{name: "PUT cross-site", req: req{method: "PUT", remote: "127.0.0.1:5000", host: "localhost:8080", headers: map[string]string{"Sec-Fetch-Site": "cross-site"}}, want: 403},
		{name: "cross-site GET passes (the page cannot read it)", req: req{method: "GET", remote: "127.0.0.1:5000", host: "localhost:8080", headers: map[string]string{"Origin": "http://evil.example", "Sec-Fetch-Site": "cross-site"}}, want: 200},
		{name: "cross-site OPTIONS passes", req: req{method: "OPTIONS", remote: "127.0.0.1:5000", host: "localhost:8080", headers: map[string]string{"Origin": "http://evil.example", "Sec-Fetch-Site": "cross-site"}}, want: 200},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			opts := c.opts
			hosts, err := ParseHosts(c.hosts)
			if err != nil {
				t.Fatal(err)
			}
			opts.Hosts = hosts
			e := gin.New()
			e.Use(Guard(opts))
			e.Handle(c.req.method, "/x", func(ctx *gin.Context) { ctx.Status(200) })
			req := httptest.NewRequest(c.req.method, "/x", nil)
			req.RemoteAddr = c.req.remote
			req.Host = c.req.host
			for k, v := range c.req.headers {
				req.Header.Set(k, v)
			}
			w := httptest.NewRecorder()
			e.ServeHTTP(w, req)
			if w.Code != c.want {
				t.Fatalf("status %d, want %d (%s)", w.Code, c.want, w.Body)
			}
			if c.want == 200 {
				return
			}
			var body struct {
				Error struct{ Code, Message string }
			}
			if err := json.Unmarshal(w.Body.Bytes(), &body); err != nil || body.Error.Code == "" {
				t.Fatalf("want the control plane's error shape, got %s", w.Body)
			}
			if !strings.Contains(body.Error.Message, c.wantMsg) {
				t.Errorf("message %q, want it to contain %q", body.Error.Message, c.wantMsg)
			}
		})
	}
}

func TestParseHosts(t *testing.T) {
	for _, bad := range []string{"http://sb.test", "sb.test/ui", "sb.test:8080", "[::1]:8080", "sb test", "user@sb.test", "."} {
		if _, err := ParseHosts([]string{bad}); err == nil || !strings.Contains(err.Error(), "--admin-allowed-hosts") {
			t.Errorf("ParseHosts(%q) = %v, want an error naming the flag", bad, err)
		}
	}
	h, err := ParseHosts([]string{" sb.test ", "", "::1", "[fd00::2]", "*.corp.example", "Upper.Test."})
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]bool{
		"sb.test": true, "fd00::2": true, "a.corp.example": true, "corp.example": true, "upper.test": true,
		"sb.test.evil": false, "xcorp.example": false, "other.test": false,
	} {
		if got := h.allows(name); got != want {
			t.Errorf("allows(%q) = %v, want %v", name, got, want)
		}
	}
}
