package junit

import (
	"encoding/xml"
	"strings"
	"testing"
	"time"
)

func TestMarshalCountsAndShape(t *testing.T) {
	r := Report{Suites: []Suite{{
		Name: "llamadapro", Timestamp: time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC), Time: 1500 * time.Millisecond,
		Cases: []Case{
			{Name: "GetTask", Time: time.Millisecond},
			{Name: "CreateTask", Failure: &Problem{Message: "objective: required", Type: "required", Text: "POST /x"}},
			{Name: "skipped one", Skipped: &Problem{Message: "not run"}},
		},
	}}}
	if tests, failures, _, skipped := r.Counts(); tests != 3 || failures != 1 || skipped != 1 {
		t.Fatalf("counts %d %d %d", tests, failures, skipped)
	}
	b, err := r.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Suites []struct {
			ID        int    `xml:"id,attr"`
			Package   string `xml:"package,attr"`
			Timestamp string `xml:"timestamp,attr"`
			Hostname  string `xml:"hostname,attr"`
			Failures  int    `xml:"failures,attr"`
			Cases     []struct {
				Classname string `xml:"classname,attr"`
				Failure   *struct {
					Type string `xml:"type,attr"`
				} `xml:"failure"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	s := doc.Suites[0]
	if s.Package != "llamadapro" || s.Timestamp != "2025-03-03T09:00:00" || s.Hostname == "" || s.Failures != 1 ||
		s.Cases[0].Classname != "llamadapro" || s.Cases[1].Failure == nil || s.Cases[1].Failure.Type != "required" {
		t.Fatalf("document:\n%s", b)
	}
	for _, want := range []string{"<properties></properties>", "<system-out></system-out>", "<system-err></system-err>"} {
		if !strings.Contains(string(b), want) {
			t.Fatalf("missing %s:\n%s", want, b)
		}
	}
}
