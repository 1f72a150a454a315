package features

import (
	"encoding/xml"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/switchboard-sim/switchboard/simulator/junit"
)

// godog's JUnit report, as godog writes it; NormalizeJUnit reads it and
// writes a corrected one through package junit.
type (
	// JUnitReport is the <testsuites> root.
	JUnitReport struct {
		XMLName  xml.Name     `xml:"testsuites"`
		Name     string       `xml:"name,attr"`
		Tests    int          `xml:"tests,attr"`
		Failures int          `xml:"failures,attr"`
		Errors   int          `xml:"errors,attr"`
		Skipped  int          `xml:"skipped,attr"`
		Time     string       `xml:"time,attr"`
		Suites   []JUnitSuite `xml:"testsuite"`
	}
	// JUnitSuite is one feature.
	JUnitSuite struct {
		Name     string      `xml:"name,attr"`
		Tests    int         `xml:"tests,attr"`
		Failures int         `xml:"failures,attr"`
		Errors   int         `xml:"errors,attr"`
		Skipped  int         `xml:"skipped,attr"`
		Time     string      `xml:"time,attr"`
		Cases    []JUnitCase `xml:"testcase"`
	}
	// JUnitCase is one scenario.
	JUnitCase struct {
		Name      string         `xml:"name,attr"`
		Classname string         `xml:"classname,attr"`
		Time      string         `xml:"time,attr"`
		Status    string         `xml:"status,attr,omitempty"`
		Skipped   *JUnitProblem  `xml:"skipped"`
		Failure   *JUnitProblem  `xml:"failure"`
		Errors    []JUnitProblem `xml:"error"`
	}
	// JUnitProblem is a failure, an error or a skip.
	JUnitProblem struct {
		Message string `xml:"message,attr,omitempty"`
		Type    string `xml:"type,attr,omitempty"`
	}
)

// NormalizeJUnit rewrites the JUnit file godog wrote (from) to to, so
// standard consumers accept it and its counts are right: every testcase
// gets a classname (its feature) and a time with three decimals; its status
// is recomputed from its children (godog keeps the status of whichever step
// result it read last, and reports the steps skipped after a failure as
// errors); skipped scenarios get a <skipped/> child; totals are recounted.
func NormalizeJUnit(from, to string) error {
	raw, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	var r JUnitReport
	if err := xml.Unmarshal(raw, &r); err != nil {
		return fmt.Errorf("junit %s: %w", from, err)
	}
	r.Time = seconds(r.Time)
	r.Tests, r.Failures, r.Errors, r.Skipped = 0, 0, 0, 0
	for i := range r.Suites {
		s := &r.Suites[i]
		s.Time = seconds(s.Time)
		s.Tests, s.Failures, s.Errors, s.Skipped = 0, 0, 0, 0
		for j := range s.Cases {
			c := &s.Cases[j]
			c.Classname = s.Name
			c.Time = seconds(c.Time)
			normalizeCase(c)
			s.Tests++
			switch {
			case c.Failure != nil:
				s.Failures++
			case len(c.Errors) > 0:
				s.Errors++
			case c.Skipped != nil:
				s.Skipped++
			}
		}
		r.Tests += s.Tests
		r.Failures += s.Failures
		r.Errors += s.Errors
		r.Skipped += s.Skipped
	}
	out, err := r.schemaReport(time.Now()).Marshal()
	if err != nil {
		return err
	}
	return os.WriteFile(to, out, 0o644)
}

// schemaReport converts godog's report to one the common JUnit schema
// accepts (no attributes on <testsuites>, one problem per testcase, the
// suite's timestamp and host, properties and system-out/err elements).
func (r JUnitReport) schemaReport(at time.Time) junit.Report {
	var out junit.Report
	for _, s := range r.Suites {
		js := junit.Suite{Name: s.Name, Package: "features." + s.Name, Timestamp: at, Time: duration(s.Time)}
		for _, c := range s.Cases {
			jc := junit.Case{Name: c.Name, Classname: c.Classname, Time: duration(c.Time)}
			switch {
			case c.Failure != nil:
				jc.Failure = &junit.Problem{Message: c.Failure.Message, Type: c.Failure.Type}
			case len(c.Errors) > 0:
				msgs := make([]string, len(c.Errors))
				for i, e := range c.Errors {
					msgs[i] = e.Message
				}
				jc.Error = &junit.Problem{Message: strings.Join(msgs, "; "), Type: c.Errors[0].Type}
			case c.Skipped != nil:
				jc.Skipped = &junit.Problem{Message: c.Skipped.Message}
			}
			js.Cases = append(js.Cases, jc)
		}
		out.Suites = append(out.Suites, js)
	}
	return out
}

func duration(secs string) time.Duration {
	f, err := strconv.ParseFloat(secs, 64)
	if err != nil {
		return 0
	}
	return time.Duration(f * float64(time.Second))
}

func normalizeCase(c *JUnitCase) {
	var real []JUnitProblem
	skippedSteps := 0
	for _, e := range c.Errors {
		if e.Type == "skipped" {
			skippedSteps++
			continue
		}
		real = append(real, e)
	}
	c.Errors = real
	switch {
	case c.Failure != nil:
		c.Status = "failed"
	case len(real) > 0:
		c.Status = real[0].Type
	case c.Status == "skipped" || (skippedSteps > 0 && c.Status == ""):
		c.Status = "skipped"
		c.Skipped = &JUnitProblem{Message: "skipped"}
	default:
		c.Status = "passed"
	}
}

func seconds(s string) string {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return "0.000"
	}
	return strconv.FormatFloat(f, 'f', 3, 64)
}
