package contract

import (
	"encoding/xml"
	"sync"
	"testing"
	"time"

	"github.com/switchboard-sim/switchboard/simulator/errs"
)

func TestReportCountsOperationsAndViolations(t *testing.T) {
	r := New(3)
	r.Exercised("a", "Op1", "get", "/x")
	r.Exercised("a", "Op1", "get", "/x")
	r.Exercised("b", "Op2", "post", "/y")
	fields := []errs.Field{{Name: "f1", Rule: "required"}, {Name: "f2", Rule: "enum"}}
	r.Violated(time.Time{}, "t1", "b", "Op2", "post", "/y", Request{Method: "POST", Path: "/y"}, fields, false)
	r.Violated(time.Time{}, "t2", "b", "Op2", "post", "/y", Request{Method: "POST", Path: "/y"}, fields, false)
	rep := r.Report(Filter{})
	if len(rep.Operations) != 2 || rep.Operations[0].Requests != 2 || rep.Operations[1].Violations != 4 {
		t.Fatalf("operations %+v", rep.Operations)
	}
	if rep.Count != 3 || rep.Dropped != 1 {
		t.Fatalf("kept %d dropped %d, want 3 kept (the bound) and 1 dropped", rep.Count, rep.Dropped)
	}
	if got := r.Report(Filter{Tenant: "t2"}).Count; got != 1 {
		t.Fatalf("tenant filter: %d", got)
	}
	x, err := rep.JUnit(time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Suites []struct {
			Tests    int `xml:"tests,attr"`
			Failures int `xml:"failures,attr"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal(x, &doc); err != nil {
		t.Fatal(err)
	}
	tests, failures := 0, 0
	for _, s := range doc.Suites {
		tests, failures = tests+s.Tests, failures+s.Failures
	}
	// Op1 passes; Op2 fails with its first violation, and its two others are cases of their own.
	if tests != 4 || failures != 3 {
		t.Fatalf("junit tests=%d failures=%d\n%s", tests, failures, x)
	}
}

func TestConcurrentRecording(t *testing.T) {
	r := New(0)
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 500; i++ {
				r.Exercised("a", "Op", "get", "/")
				r.Violated(time.Time{}, "", "a", "Op", "get", "/", Request{}, []errs.Field{{Name: "x"}}, false)
				if i%100 == 0 {
					_ = r.Report(Filter{})
				}
			}
		}()
	}
	wg.Wait()
	if rep := r.Report(Filter{}); rep.Operations[0].Requests != 4000 || rep.Count != 4000 {
		t.Fatalf("requests %d violations %d", rep.Operations[0].Requests, rep.Count)
	}
}
