package main

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/switchboard-sim/switchboard/simulator/server"
	"github.com/switchboard-sim/switchboard/simulator/switchboardtest"
)

// The feature files both binaries' tests run: cmd/testdata/{pass,fail}.feature.
var (
	passing = mustRead("../testdata/pass.feature")
	failing = mustRead("../testdata/fail.feature")
)

func mustRead(path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		panic(err)
	}
	return string(b)
}

type junitCase struct {
	Name      string `xml:"name,attr"`
	Classname string `xml:"classname,attr"`
	Time      string `xml:"time,attr"`
	Failure   *struct {
		Message string `xml:"message,attr"`
	} `xml:"failure"`
}

type junitDoc struct {
	XMLName  xml.Name `xml:"testsuites"`
	Tests    int      `xml:"-"`
	Failures int      `xml:"-"`
	Suites   []struct {
		Name     string      `xml:"name,attr"`
		Tests    int         `xml:"tests,attr"`
		Failures int         `xml:"failures,attr"`
		Errors   int         `xml:"errors,attr"`
		Time     string      `xml:"time,attr"`
		Cases    []junitCase `xml:"testcase"`
	} `xml:"testsuite"`
}

func readJUnit(t *testing.T, path string) junitDoc {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("junit file not written: %v", err)
	}
	var d junitDoc
	if err := xml.Unmarshal(raw, &d); err != nil {
		t.Fatalf("junit is not XML: %v\n%s", err, raw)
	}
	// The common JUnit schema allows no attributes on <testsuites>: totals are the suites' sums.
	for _, s := range d.Suites {
		d.Tests += s.Tests
		d.Failures += s.Failures
	}
	return d
}

func TestTestCommandExitCodesAndReports(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.feature")
	bad := filepath.Join(dir, "bad.feature")
	os.WriteFile(good, []byte(passing), 0o644)
	os.WriteFile(bad, []byte(failing), 0o644)

	cases := []struct {
		name      string
		feature   string
		code      int
		tests     int
		failures  int
		failCase  string
		inProcess bool
	}{
		{"passing, in-process", good, 0, 2, 0, "", true},
		{"failing, in-process", bad, 1, 2, 1, "Wrong status", true},
		{"passing, against a running simulator", good, 0, 2, 0, "", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			junit := filepath.Join(t.TempDir(), "out.xml")
			cucumber := filepath.Join(t.TempDir(), "out.json")
			args := []string{"--no-color", "--junit", junit, tc.feature, "--cucumber", cucumber}
			if !tc.inProcess {
				sb := switchboardtest.Start(t)
				args = append([]string{"--target", sb.URL}, args...)
			}
			var out, errb bytes.Buffer
			code := run(args, &out, &errb)
			if code != tc.code {
				t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tc.code, out.String(), errb.String())
			}
			if !strings.Contains(out.String(), "2 scenarios") {
				t.Errorf("pretty output has no summary:\n%s", out.String())
			}
			d := readJUnit(t, junit)
			if d.Tests != tc.tests || d.Failures != tc.failures || len(d.Suites) != 1 {
				t.Fatalf("junit totals %+v, want %d tests, %d failures, one suite", d, tc.tests, tc.failures)
			}
			s := d.Suites[0]
			if s.Name == "" || s.Tests != tc.tests || s.Failures != tc.failures || len(s.Cases) != tc.tests || s.Time == "" {
				t.Fatalf("testsuite %+v", s)
			}
			for _, c := range s.Cases {
				if c.Name == "" || c.Classname != s.Name || c.Time == "" || strings.Count(c.Time, ".") != 1 || len(strings.Split(c.Time, ".")[1]) != 3 {
					t.Errorf("testcase %+v: want name, classname = suite name and a time with 3 decimals", c)
				}
				if failed := c.Failure != nil; failed != (c.Name == tc.failCase) {
					t.Errorf("testcase %q failure=%v", c.Name, c.Failure)
				} else if failed && c.Failure.Message == "" {
					t.Errorf("failure of %q has no message", c.Name)
				}
			}
			raw, err := os.ReadFile(cucumber)
			var cj []map[string]any
			if err != nil || json.Unmarshal(raw, &cj) != nil || len(cj) != 1 {
				t.Fatalf("cucumber JSON: %v %s", err, raw)
			}
		})
	}
}

func TestTestCommandRefusesBadUsage(t *testing.T) {
	for _, args := range [][]string{
		{"/no/such/file.feature"},
		{"--concurrency", "0"},
		{"--nope"},
		{"--target", "http://127.0.0.1:1", "--seed", "3"},
	} {
		var out, errb bytes.Buffer
		if code := run(args, &out, &errb); code != 2 {
			t.Errorf("%v: exit %d, want 2 (%s)", args, code, errb.String())
		}
	}
	var out, errb bytes.Buffer
	if code := run([]string{"--target", "http://127.0.0.1:1"}, &out, &errb); code != 1 || !strings.Contains(errb.String(), "no simulator at") {
		t.Errorf("unreachable target: exit %d, %s", code, errb.String())
	}
}

func TestTestCommandRunsTheBuiltInFlows(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run([]string{"--no-color"}, &out, &errb); code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out.String(), errb.String())
	}
}

// TestTestCommandSendsTheAdminToken runs a feature that moves the clock
// against a simulator guarded by a token, as one in a container is.
func TestTestCommandSendsTheAdminToken(t *testing.T) {
	good := filepath.Join(t.TempDir(), "good.feature")
	if err := os.WriteFile(good, []byte(passing), 0o644); err != nil {
		t.Fatal(err)
	}
	sb := switchboardtest.Start(t, switchboardtest.WithConfig(func(c *server.Config) { c.AdminToken = "s3cret" }))
	var out, errb bytes.Buffer
	if code := run([]string{"--no-color", "--target", sb.URL, good}, &out, &errb); code != 1 || !strings.Contains(errb.String(), "401") {
		t.Fatalf("without the token: exit %d, want 1 naming the 401: %s", code, errb.String())
	}
	out.Reset()
	t.Setenv("SWITCHBOARD_ADMIN_TOKEN", "s3cret")
	if code := run([]string{"--no-color", "--target", sb.URL, good}, &out, &errb); code != 0 {
		t.Fatalf("with SWITCHBOARD_ADMIN_TOKEN: exit %d\n%s\n%s", code, out.String(), errb.String())
	}
	out.Reset()
	if code := run([]string{"--no-color", good}, &out, &errb); code != 0 {
		t.Fatalf("in-process with a token: exit %d\n%s\n%s", code, out.String(), errb.String())
	}
}
