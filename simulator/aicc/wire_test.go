package aicc_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/switchboard-sim/switchboard/simulator/aicc"
	"github.com/switchboard-sim/switchboard/simulator/switchboardtest"
)

// refPct is RFC 3986 percent-encoding over UTF-8 with upper-case hex,
// written here apart from package authv2 so the push is checked against a
// second implementation of the rule.
func refPct(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		if 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || strings.IndexByte("-._~", c) >= 0 {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

func refHMAC(key, msg string) string {
	m := hmac.New(sha256.New, []byte(key))
	m.Write([]byte(msg))
	return hex.EncodeToString(m.Sum(nil))
}

// refAuthV2 is reference 8.1's auth-v2 rule, step by step: names sorted
// raw then lower-cased for signedHeaders; header lines sorted after
// lower-casing and encoding; the query as sorted encoded pairs.
func refAuthV2(method, path, rawQuery string, header func(string) string, names []string, body, ak, sk, ts string) string {
	raw := append([]string(nil), names...)
	sort.Strings(raw)
	var signed, lines []string
	for _, n := range raw {
		l := strings.ToLower(n)
		signed = append(signed, l)
		lines = append(lines, refPct(l)+":"+refPct(header(l)))
	}
	sort.Strings(lines)
	canonical := method + "\n" + path + "\n"
	if rawQuery != "" {
		var pairs []string
		for _, p := range strings.Split(rawQuery, "&") {
			k, v, _ := strings.Cut(p, "=")
			k, _ = url.QueryUnescape(k)
			v, _ = url.QueryUnescape(v)
			pairs = append(pairs, refPct(k)+"="+refPct(v))
		}
		sort.Strings(pairs)
		canonical += strings.Join(pairs, "&") + "\n"
	}
	canonical += strings.Join(signed, ";") + "\n" + strings.Join(lines, "\n") + "\n" + refPct(body)
	prefix := "auth-v2/" + ak + "/" + ts + "/" + strings.Join(signed, ";")
	return prefix + "/" + refHMAC(refHMAC(sk, prefix), canonical)
}

// TestRefAuthV2MatchesGoldenCases proves the test's own reference against
// the values worked out outside Go (authv2/testdata/golden.py).
func TestRefAuthV2MatchesGoldenCases(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile("authv2/testdata/golden.json")
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Cases []struct {
			Name, Method, URL, Body, AK, SK, Timestamp, Authorization string
			Headers                                                   [][2]string
			SignedHeaders                                             []string
		}
	}
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	for _, g := range f.Cases {
		u, _ := url.Parse(g.URL)
		h := http.Header{}
		h.Set("Host", u.Hostname())
		for _, kv := range g.Headers {
			h.Set(kv[0], kv[1])
		}
		if got := refAuthV2(g.Method, u.EscapedPath(), u.RawQuery, h.Get, g.SignedHeaders, g.Body, g.AK, g.SK, g.Timestamp); got != g.Authorization {
			t.Errorf("%s: reference gives %s, golden %s", g.Name, got, g.Authorization)
		}
	}
}

// captured is one push as an outside receiver got it.
type captured struct {
	method, path, rawQuery, host string
	header                       http.Header
	body                         string
}

// outsideReceiver is a receiver on its own loopback port that records
// every push and acknowledges it.
func outsideReceiver(t *testing.T) (*httptest.Server, func() []captured) {
	t.Helper()
	var mu sync.Mutex
	var got []captured
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		got = append(got, captured{r.Method, r.URL.EscapedPath(), r.URL.RawQuery, r.Host, r.Header.Clone(), string(b)})
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"resultCode":"0","resultDesc":"ok"}`))
	}))
	t.Cleanup(srv.Close)
	return srv, func() []captured {
		mu.Lock()
		defer mu.Unlock()
		return append([]captured(nil), got...)
	}
}

// pushOnce subscribes baseURL with auth, pushes one message and returns
// what the outside receiver got.
func pushOnce(t *testing.T, baseURL string, auth map[string]any, received func() []captured) captured {
	t.Helper()
	e := start(t, aicc.Options{})
	e.subscribe(t, "ch-wire", baseURL, auth)
	conv := e.startConv(t, map[string]any{"channelId": "ch-wire", "userId": "u-wire", "flow": "none"})
	e.push(t, conv.ID, text(aicc.SourceAgent, "Grüße, 100% ok; a=b/c"))
	switchboardtest.Eventually(t, 0, "the push", func() bool { return len(received()) > 0 })
	return received()[0]
}

func checkSigned(t *testing.T, p captured, names []string) {
	t.Helper()
	authz := p.header.Get("Authorization")
	parts := strings.Split(authz, "/")
	if len(parts) != 5 {
		t.Fatalf("Authorization %q is not auth-v2", authz)
	}
	header := func(n string) string {
		if n == "host" {
			return p.host
		}
		return p.header.Get(n)
	}
	want := refAuthV2(p.method, p.path, p.rawQuery, header, names, p.body, testAK, testSK, parts[2])
	if authz != want {
		t.Fatalf("push Authorization\n got %s\nwant %s (the rule, worked out apart)", authz, want)
	}
}

// TestPushSignsHeaderLinesSorted is reference 8.1 ("the canonical header
// lines are sorted after lower-casing and encoding, whatever order the
// names were given in") for the push sender: mixed-case signed headers
// in an unsorted order verify at a receiver that follows Huawei's signer.
func TestPushSignsHeaderLinesSorted(t *testing.T) {
	t.Parallel()
	srv, received := outsideReceiver(t)
	names := []string{"User-Agent", "host", "Content-Type"}
	auth := authV2()
	auth["signedHeaders"] = names
	p := pushOnce(t, srv.URL+"/recv", auth, received)
	if seg := strings.Split(p.header.Get("Authorization"), "/")[3]; seg != "content-type;user-agent;host" {
		t.Fatalf("signedHeaders segment %q, want the raw-name sort lower-cased", seg)
	}
	checkSigned(t, p, names)
}

// TestBaseURLWithQuery (issue 12, item 3): /webhooks/v1/messages is
// appended to the base URL's path, the query is kept, and the signature
// covers that query canonically.
func TestBaseURLWithQuery(t *testing.T) {
	t.Parallel()
	srv, received := outsideReceiver(t)
	p := pushOnce(t, srv.URL+"/recv?x=a%20b&y=1", authV2(), received)
	if p.path != "/recv/webhooks/v1/messages" || p.rawQuery != "x=a%20b&y=1" {
		t.Fatalf("push went to path %q query %q, want /recv/webhooks/v1/messages?x=a%%20b&y=1", p.path, p.rawQuery)
	}
	checkSigned(t, p, []string{"host"})
}
