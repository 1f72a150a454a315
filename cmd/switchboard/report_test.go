package main

import (
	"bytes"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/switchboard-sim/switchboard/simulator/switchboardtest"
)

// TestReportGatesOnContractMistakes is the CI-style run: a client makes two
// contract mistakes, and `switchboard report --junit` exits non-zero with
// both named in the XML.
func TestReportGatesOnContractMistakes(t *testing.T) {
	sb := switchboardtest.Start(t)
	dir := t.TempDir()
	junit := filepath.Join(dir, "contract.xml")
	var out bytes.Buffer

	tasks := sb.API("llamadapro") + "/api/v1/tasks"
	k := switchboardtest.Bearer("ci-client")
	sb.Do(t, "GET", tasks+"/task_123", nil, k)                                                           // fine
	sb.Do(t, "GET", tasks+"?status=pending", nil, k)                                                     // mistake 1
	sb.Do(t, "PUT", tasks+"/task_123", map[string]any{"status": "completed", "dueDate": "next week"}, k) // mistake 2

	if code := run([]string{"report", "--target", sb.URL, "--junit", junit}, &out, &out); code != 1 {
		t.Fatalf("exit %d, want 1 with violations:\n%s", code, out.String())
	}
	raw, err := os.ReadFile(junit)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Suites []struct {
			Name     string `xml:"name,attr"`
			Tests    int    `xml:"tests,attr"`
			Failures int    `xml:"failures,attr"`
			Cases    []struct {
				Name     string `xml:"name,attr"`
				Failures []struct {
					Message string `xml:"message,attr"`
				} `xml:"failure"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal(raw, &doc); err != nil {
		t.Fatalf("JUnit XML does not parse: %v\n%s", err, raw)
	}
	if len(doc.Suites) != 1 || doc.Suites[0].Failures != 2 || doc.Suites[0].Tests != 3 {
		t.Fatalf("want one llamadapro suite with 3 operations and 2 failures:\n%s", raw)
	}
	for _, want := range []string{"status: value is not one of the allowed values", "dueDate: "} {
		if !strings.Contains(string(raw), want) {
			t.Errorf("XML does not name %q:\n%s", want, raw)
		}
	}

	sb.Admin.Do(t, "DELETE", "/violations", nil)
	sb.Do(t, "GET", tasks+"/task_123", nil, k)
	out.Reset()
	if code := run([]string{"report", "--target", sb.URL}, &out, &out); code != 0 {
		t.Fatalf("clean run: exit %d:\n%s", code, out.String())
	}
}

func TestViolationsHeaderSummarisesTheMistakes(t *testing.T) {
	sb := switchboardtest.Start(t)
	r := sb.Do(t, "POST", sb.API("llamadapro")+"/api/v1/tasks", map[string]any{"objective": ""}, switchboardtest.Bearer("k"))
	h := r.Header.Get("X-Switchboard-Violations")
	if r.Status != 400 || !strings.HasPrefix(h, "4 violations: ") || !strings.Contains(h, "context (required)") {
		t.Fatalf("%d header %q", r.Status, h)
	}
	if r := sb.Do(t, "GET", sb.API("llamadapro")+"/api/v1/tasks", nil, switchboardtest.Bearer("k")); r.Header.Get("X-Switchboard-Violations") != "" {
		t.Fatal("a valid request carries a violations header")
	}
}

func TestReportAgainstNothingIsAnError(t *testing.T) {
	var out bytes.Buffer
	if code := run([]string{"report", "--target", "http://127.0.0.1:1"}, &out, &out); code != 2 {
		t.Fatalf("exit %d, want 2: %s", code, out.String())
	}
}
