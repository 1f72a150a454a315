package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/switchboard-sim/switchboard/simulator/aicc/authv2"
)

// headerFlags collects repeated --header "Name: value" flags.
type headerFlags []string

func (h *headerFlags) String() string     { return strings.Join(*h, ", ") }
func (h *headerFlags) Set(v string) error { *h = append(*h, v); return nil }

// aiccCmd is `switchboard aicc sign|verify`: Huawei's auth-v2 header for a
// request, computed or checked exactly as the simulator's pushes do.
func aiccCmd(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || (args[0] != "sign" && args[0] != "verify") {
		fmt.Fprintln(stderr, `usage: switchboard aicc sign   --ak AK --sk SK [request flags] [--time RFC3339 | --timestamp TS]
       switchboard aicc verify --sk SK --authorization 'auth-v2/...' [request flags]

request flags: --method POST --url http://host/webhooks/v1/messages
               --body JSON | --body-file FILE   --header "Name: value" (repeat)
               --signed-headers host[,content-type...]   --canonical (print the canonical request)`)
		return 2
	}
	verb := args[0]
	fs := flag.NewFlagSet("aicc "+verb, flag.ContinueOnError)
	fs.SetOutput(stderr)
	ak := fs.String("ak", "", "access key (sign)")
	sk := fs.String("sk", "", "secret key: the 43-character push key")
	method := fs.String("method", "POST", "HTTP method")
	rawURL := fs.String("url", "http://localhost/webhooks/v1/messages", "request URL; its bare host is the Host header")
	body := fs.String("body", "", "request body")
	bodyFile := fs.String("body-file", "", "read the request body from this file")
	signed := fs.String("signed-headers", "host", "comma-separated header names to sign (sign)")
	at := fs.String("time", "", "signing time, RFC 3339 (default now); formatted yyyy-MM-dd'T'HH:mm:ss'Z'")
	ts := fs.String("timestamp", "", "the timestamp segment verbatim, e.g. epoch milliseconds (overrides --time)")
	authz := fs.String("authorization", "", "the Authorization header to check (verify)")
	canonical := fs.Bool("canonical", false, "also print the canonical request")
	var headers headerFlags
	fs.Var(&headers, "header", `a request header "Name: value" (repeatable)`)
	if err := fs.Parse(args[1:]); err != nil {
		return 2
	}
	req, err := aiccRequest(*method, *rawURL, *body, *bodyFile, headers)
	if err != nil {
		fmt.Fprintln(stderr, "switchboard aicc:", err)
		return 2
	}
	if verb == "sign" {
		return aiccSign(req, *ak, *sk, *at, *ts, *signed, *canonical, stdout, stderr)
	}
	if *authz == "" || *sk == "" {
		fmt.Fprintln(stderr, "switchboard aicc verify: --authorization and --sk are required")
		return 2
	}
	p, err := authv2.Verify(*authz, req, *sk)
	var m *authv2.Mismatch
	switch {
	case errors.As(err, &m):
		fmt.Fprintf(stdout, "MISMATCH\nexpected: %s\ngot:      %s\ncanonical request (as this side sees it):\n%s\n", m.Want, m.Got, m.Canonical)
		return 1
	case err != nil:
		fmt.Fprintln(stdout, "INVALID:", err)
		return 1
	}
	fmt.Fprintf(stdout, "OK: signature verifies (accessKey %s, timestamp %s, signedHeaders %s)\n", p.AccessKey, p.Timestamp, strings.Join(p.SignedHeaders, ";"))
	if *canonical {
		fmt.Fprintf(stdout, "canonical request:\n%s\n", authv2.Canonical(req, p.SignedHeaders))
	}
	return 0
}

func aiccSign(req authv2.Request, ak, sk, at, ts, signed string, canonical bool, stdout, stderr io.Writer) int {
	if ak == "" || sk == "" {
		fmt.Fprintln(stderr, "switchboard aicc sign: --ak and --sk are required")
		return 2
	}
	if err := authv2.ValidatePushKey(sk); err != nil {
		fmt.Fprintln(stderr, "switchboard aicc sign: warning:", err)
	}
	if ts == "" {
		t := time.Now()
		if at != "" {
			var err error
			if t, err = time.Parse(time.RFC3339Nano, at); err != nil {
				fmt.Fprintln(stderr, "switchboard aicc sign: --time:", err)
				return 2
			}
		}
		ts = authv2.Timestamp(t)
	}
	names := strings.Split(signed, ",")
	fmt.Fprintln(stdout, authv2.Sign(req, ak, sk, ts, names))
	if canonical {
		fmt.Fprintf(stdout, "canonical request:\n%s\n", authv2.Canonical(req, authv2.SignedHeaders(names)))
	}
	return 0
}

func aiccRequest(method, rawURL, body, bodyFile string, headers []string) (authv2.Request, error) {
	u, err := url.Parse(rawURL)
	if err != nil || u.Host == "" {
		return authv2.Request{}, fmt.Errorf("--url %q is not an absolute URL", rawURL)
	}
	b := []byte(body)
	if bodyFile != "" {
		if b, err = os.ReadFile(bodyFile); err != nil {
			return authv2.Request{}, err
		}
	}
	h := http.Header{}
	h.Set("Host", u.Hostname())
	for _, line := range headers {
		name, value, ok := strings.Cut(line, ":")
		if !ok || strings.TrimSpace(name) == "" {
			return authv2.Request{}, fmt.Errorf("--header %q is not \"Name: value\"", line)
		}
		// The value is kept as given after the one space that follows the colon:
		// auth-v2 signs header values untrimmed.
		h.Set(strings.TrimSpace(name), strings.TrimPrefix(value, " "))
	}
	return authv2.Request{Method: method, Path: u.EscapedPath(), RawQuery: u.RawQuery, Header: h, Body: b}, nil
}
