package authv2

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"
)

const (
	goldenAK   = "switchboard-ak"
	goldenSK   = "Q3mZ8vK2pL9xR4tY7wN1cB6hJ5dF0gS3aE8uI2oP4kM"
	goldenBody = `{"messages":[{"content":"Hi there, 100% ok?","controlType":"CHAT"}],"timestamp":1625898453000}`
	// goldenHeader was worked out outside Go, by testdata/golden.py (Python's
	// hmac and urllib.parse.quote(safe="-._~")), from the reference's rule.
	goldenHeader = "auth-v2/switchboard-ak/2021-07-10T06:27:33Z/host;content-type/9d3196ba1136ce2bbf494b3b8afe004c37ac37ebd796236094c8d5529f270b78"
)

func goldenRequest() Request {
	h := http.Header{}
	h.Set("Host", "receiver.example.com")
	h.Set("Content-Type", "application/json; charset=UTF-8")
	return Request{Method: "POST", Path: "/hooks/v1/webhooks/v1/messages", Header: h, Body: []byte(goldenBody)}
}

// TestGolden signs a fixed request with fixed keys and time and checks the
// result against a value worked out by hand, step by step.
func TestGolden(t *testing.T) {
	ts := Timestamp(time.Date(2021, 7, 10, 6, 27, 33, 913e6, time.UTC))
	if ts != "2021-07-10T06:27:33Z" {
		t.Fatalf("timestamp = %q, want whole seconds in UTC", ts)
	}
	// Step 1: names sorted first ("Host" < "content-type": upper case
	// sorts first), lower-cased second.
	signed := "host;content-type"
	// Step 2: the canonical request: method, path as given, no query line,
	// signed headers, the encoded header lines (value not trimmed) sorted
	// after lower-casing and encoding (so content-type before host, unlike
	// the signed headers), the body percent-encoded as one string.
	canonical := "POST\n" +
		"/hooks/v1/webhooks/v1/messages\n" +
		"host;content-type\n" +
		"content-type:application%2Fjson%3B%20charset%3DUTF-8\n" +
		"host:receiver.example.com\n" +
		"%7B%22messages%22%3A%5B%7B%22content%22%3A%22Hi%20there%2C%20100%25%20ok%3F%22%2C%22controlType%22%3A%22CHAT%22%7D%5D%2C%22timestamp%22%3A1625898453000%7D"
	if got := Canonical(goldenRequest(), SignedHeaders([]string{"content-type", "Host"})); got != canonical {
		t.Fatalf("canonical request:\n got %q\nwant %q", got, canonical)
	}
	// Step 3: the signing key, then the signature, both lower-case hex.
	prefix := "auth-v2/" + goldenAK + "/" + ts + "/" + signed
	mac := hmac.New(sha256.New, []byte(goldenSK))
	mac.Write([]byte(prefix))
	signingKey := hex.EncodeToString(mac.Sum(nil))
	if signingKey != "11ed7a6e2ec3167619b2a164b3ddd67847b6379a3eabe950e53dde2007013014" {
		t.Fatalf("signing key = %s", signingKey)
	}
	mac = hmac.New(sha256.New, []byte(signingKey))
	mac.Write([]byte(canonical))
	byHand := prefix + "/" + hex.EncodeToString(mac.Sum(nil))
	if byHand != goldenHeader {
		t.Fatalf("worked by hand: %s, want %s", byHand, goldenHeader)
	}
	for i := 0; i < 3; i++ {
		if got := Sign(goldenRequest(), goldenAK, goldenSK, ts, []string{"Host", "content-type"}); got != goldenHeader {
			t.Fatalf("run %d: Sign = %s, want %s", i, got, goldenHeader)
		}
	}
}

// goldenCase is one case of testdata/golden.json, worked out by
// testdata/golden.py from the rule, outside Go.
type goldenCase struct {
	Name          string      `json:"name"`
	Method        string      `json:"method"`
	URL           string      `json:"url"`
	Headers       [][2]string `json:"headers"`
	SignedHeaders []string    `json:"signedHeaders"`
	Body          string      `json:"body"`
	AK            string      `json:"ak"`
	SK            string      `json:"sk"`
	Timestamp     string      `json:"timestamp"`
	Canonical     string      `json:"canonical"`
	Authorization string      `json:"authorization"`
}

func goldenCases(t *testing.T) []goldenCase {
	t.Helper()
	b, err := os.ReadFile("testdata/golden.json")
	if err != nil {
		t.Fatal(err)
	}
	var f struct{ Cases []goldenCase }
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	return f.Cases
}

// request builds the case's request as a receiver sees it: Host is the
// URL's bare host, as Huawei's demo sends and signs it.
func (g goldenCase) request(t *testing.T) Request {
	t.Helper()
	req, err := http.NewRequest(g.Method, g.URL, strings.NewReader(g.Body))
	if err != nil {
		t.Fatal(err)
	}
	req.Host = req.URL.Hostname()
	for _, h := range g.Headers {
		req.Header.Set(h[0], h[1])
	}
	return FromHTTP(req, []byte(g.Body))
}

// TestCanonicalHeaderLinesAreSorted is reference 8.1's rule on every
// golden case: signedHeaders keeps the raw-name sort, the canonical header
// lines are sorted after lower-casing and encoding. Sign, Canonical and
// Verify all agree with the values worked out outside Go.
func TestCanonicalHeaderLinesAreSorted(t *testing.T) {
	for _, g := range goldenCases(t) {
		t.Run(g.Name, func(t *testing.T) {
			r := g.request(t)
			if got := Canonical(r, SignedHeaders(g.SignedHeaders)); got != g.Canonical {
				t.Fatalf("canonical request:\n got %q\nwant %q", got, g.Canonical)
			}
			if got := Sign(r, g.AK, g.SK, g.Timestamp, g.SignedHeaders); got != g.Authorization {
				t.Fatalf("Sign = %s\nwant   %s", got, g.Authorization)
			}
			if _, err := Verify(g.Authorization, r, g.SK); err != nil {
				t.Fatalf("Verify(golden) = %v", err)
			}
		})
	}
}

func TestEncode(t *testing.T) {
	cases := []struct{ in, want string }{
		{"AZaz09-._~", "AZaz09-._~"},
		{" ", "%20"},
		{"a+b/c", "a%2Bb%2Fc"},
		{"é", "%C3%A9"},
		{"*'()!", "%2A%27%28%29%21"},
		{"  x ", "%20%20x%20"}, // no trim
	}
	for _, c := range cases {
		if got := Encode(c.in); got != c.want {
			t.Errorf("Encode(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestCanonicalQueryLine(t *testing.T) {
	r := goldenRequest()
	r.RawQuery = "b=2&a=x+y"
	got := Canonical(r, []string{"host"})
	want := "POST\n/hooks/v1/webhooks/v1/messages\na=x%20y&b=2\nhost\nhost:receiver.example.com\n" + Encode(goldenBody)
	if got != want {
		t.Fatalf("got %q\nwant %q", got, want)
	}
}

func TestVerify(t *testing.T) {
	ts := "2021-07-10T06:27:33Z"
	good := Sign(goldenRequest(), goldenAK, goldenSK, ts, []string{"Host"})
	tampered := goldenRequest()
	tampered.Body = []byte(goldenBody + " ")
	cases := []struct {
		name     string
		header   string
		req      Request
		sk       string
		mismatch bool
		wantErr  bool
	}{
		{"good", good, goldenRequest(), goldenSK, false, false},
		{"wrong key", good, goldenRequest(), goldenSK[1:] + "x", true, true},
		{"tampered body", good, tampered, goldenSK, true, true},
		{"bearer", "Bearer abc", goldenRequest(), goldenSK, false, true},
		{"short signature", "auth-v2/ak/ts/host/abc", goldenRequest(), goldenSK, false, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Verify(c.header, c.req, c.sk)
			if (err != nil) != c.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, c.wantErr)
			}
			var m *Mismatch
			if errors.As(err, &m) != c.mismatch {
				t.Fatalf("mismatch = %v, want %v (%v)", !c.mismatch, c.mismatch, err)
			}
		})
	}
}

func TestValidatePushKey(t *testing.T) {
	for key, ok := range map[string]bool{goldenSK: true, goldenSK[:42]: false, goldenSK[:42] + "-": false, goldenSK + "A": false} {
		if err := ValidatePushKey(key); (err == nil) != ok {
			t.Errorf("ValidatePushKey(%q) = %v, want ok=%v", key, err, ok)
		}
	}
}
