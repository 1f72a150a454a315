package aicc

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/switchboard-sim/switchboard/simulator/aicc/authv2"
	"github.com/switchboard-sim/switchboard/simulator/cli"
)

// aiccRequestFlags describe the request being signed or verified.
type aiccRequestFlags struct {
	method, url, body, bodyFile string
	headers                     []string
	canonical                   bool
}

func (r *aiccRequestFlags) declare(fs *pflag.FlagSet) {
	fs.StringVar(&r.method, "method", "POST", "HTTP method")
	fs.StringVar(&r.url, "url", "http://localhost/webhooks/v1/messages", "request URL; its bare host is the Host header")
	fs.StringVar(&r.body, "body", "", "request body")
	fs.StringVar(&r.bodyFile, "body-file", "", "read the request body from this file")
	fs.StringArrayVar(&r.headers, "header", nil, `a request header "Name: value" (repeatable)`)
	fs.BoolVar(&r.canonical, "canonical", false, "also print the canonical request")
}

// command is `switchboard aicc sign|verify`: Huawei's auth-v2 header for a
// request, computed or checked exactly as the simulator's pushes do.
func command(stdout, stderr io.Writer) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "aicc sign|verify",
		Short: "Sign or verify an AICC auth-v2 Authorization header",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			return cli.UsageError(fmt.Errorf("aicc needs a verb: sign or verify"))
		},
	}
	cmd.AddCommand(aiccSignCmd(stdout, stderr), aiccVerifyCmd(stdout))
	return cmd
}

func aiccSignCmd(stdout, stderr io.Writer) *cobra.Command {
	var r aiccRequestFlags
	var ak, sk, signed, ts string
	var at time.Time
	cmd := &cobra.Command{
		Use:     "sign",
		Short:   "Print the auth-v2 Authorization header for a request",
		Example: `  switchboard aicc sign --ak AK --sk SK --url http://host/webhooks/v1/messages --body '{"a":1}'`,
		Args:    cobra.NoArgs,
		RunE: func(_ *cobra.Command, _ []string) error {
			req, err := aiccRequest(r)
			if err != nil {
				return cli.UsageError(err)
			}
			return aiccSign(req, ak, sk, at, ts, signed, r.canonical, stdout, stderr)
		},
	}
	fs := cmd.Flags()
	fs.StringVar(&ak, "ak", "", "access key")
	fs.StringVar(&sk, "sk", "", "secret key: the 43-character push key")
	fs.StringVar(&signed, "signed-headers", "host", "comma-separated header names to sign")
	cli.TimeVar(fs, &at, "time", time.Time{}, "signing time (default now); formatted yyyy-MM-dd'T'HH:mm:ss'Z'")
	fs.StringVar(&ts, "timestamp", "", "the timestamp segment verbatim, e.g. epoch milliseconds (overrides --time)")
	r.declare(fs)
	_ = cmd.MarkFlagRequired("ak")
	_ = cmd.MarkFlagRequired("sk")
	return cmd
}

func aiccVerifyCmd(stdout io.Writer) *cobra.Command {
	var r aiccRequestFlags
	var sk, authz string
	cmd := &cobra.Command{
		Use:   "verify",
		Short: "Check an auth-v2 Authorization header against a request; exit 1 if it does not match",
		Args:  cobra.NoArgs,
		RunE: func(_ *cobra.Command, _ []string) error {
			req, err := aiccRequest(r)
			if err != nil {
				return cli.UsageError(err)
			}
			return aiccVerify(req, sk, authz, r.canonical, stdout)
		},
	}
	fs := cmd.Flags()
	fs.StringVar(&sk, "sk", "", "secret key: the 43-character push key")
	fs.StringVar(&authz, "authorization", "", "the Authorization header to check")
	r.declare(fs)
	_ = cmd.MarkFlagRequired("sk")
	_ = cmd.MarkFlagRequired("authorization")
	return cmd
}

func aiccVerify(req authv2.Request, sk, authz string, canonical bool, stdout io.Writer) error {
	p, err := authv2.Verify(authz, req, sk)
	var m *authv2.Mismatch
	switch {
	case errors.As(err, &m):
		fmt.Fprintf(stdout, "MISMATCH\nexpected: %s\ngot:      %s\ncanonical request (as this side sees it):\n%s\n", m.Want, m.Got, m.Canonical)
		return cli.ExitCode(1)
	case err != nil:
		fmt.Fprintln(stdout, "INVALID:", err)
		return cli.ExitCode(1)
	}
	fmt.Fprintf(stdout, "OK: signature verifies (accessKey %s, timestamp %s, signedHeaders %s)\n", p.AccessKey, p.Timestamp, strings.Join(p.SignedHeaders, ";"))
	if canonical {
		fmt.Fprintf(stdout, "canonical request:\n%s\n", authv2.Canonical(req, p.SignedHeaders))
	}
	return nil
}

func aiccSign(req authv2.Request, ak, sk string, at time.Time, ts, signed string, canonical bool, stdout, stderr io.Writer) error {
	if err := authv2.ValidatePushKey(sk); err != nil {
		fmt.Fprintln(stderr, "switchboard aicc sign: warning:", err)
	}
	if ts == "" {
		if at.IsZero() {
			at = time.Now()
		}
		ts = authv2.Timestamp(at)
	}
	names := strings.Split(signed, ",")
	fmt.Fprintln(stdout, authv2.Sign(req, ak, sk, ts, names))
	if canonical {
		fmt.Fprintf(stdout, "canonical request:\n%s\n", authv2.Canonical(req, authv2.SignedHeaders(names)))
	}
	return nil
}

func aiccRequest(r aiccRequestFlags) (authv2.Request, error) {
	rawURL, body, bodyFile, headers, method := r.url, r.body, r.bodyFile, r.headers, r.method
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
