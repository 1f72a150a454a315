// Package junit writes JUnit XML reports that the common JUnit schema (the
// Apache Ant JUnit schema that CI servers read) accepts: <testsuites> holds
// <testsuite package id name timestamp hostname tests failures errors
// skipped time> elements, each with <properties>, its <testcase name
// classname time> elements (at most one failure, error or skipped each),
// <system-out> and <system-err>.
package junit

import (
	"encoding/xml"
	"os"
	"strconv"
	"time"
)

// Report is a set of suites.
type Report struct {
	Suites []Suite
}

// Suite is one group of cases (a feature, an API).
type Suite struct {
	Name      string
	Package   string
	Timestamp time.Time
	Time      time.Duration
	Cases     []Case
}

// Case is one test.
type Case struct {
	Name, Classname string
	Time            time.Duration
	// At most one of these is set.
	Failure, Error, Skipped *Problem
}

// Problem is a failure, an error or a skip.
type Problem struct {
	Message, Type, Text string
}

type xmlProblem struct {
	Message string `xml:"message,attr,omitempty"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

type xmlCase struct {
	Name      string      `xml:"name,attr"`
	Classname string      `xml:"classname,attr"`
	Time      string      `xml:"time,attr"`
	Skipped   *xmlProblem `xml:"skipped"`
	Error     *xmlProblem `xml:"error"`
	Failure   *xmlProblem `xml:"failure"`
}

type xmlSuite struct {
	Package    string    `xml:"package,attr"`
	ID         int       `xml:"id,attr"`
	Name       string    `xml:"name,attr"`
	Timestamp  string    `xml:"timestamp,attr"`
	Hostname   string    `xml:"hostname,attr"`
	Tests      int       `xml:"tests,attr"`
	Failures   int       `xml:"failures,attr"`
	Errors     int       `xml:"errors,attr"`
	Skipped    int       `xml:"skipped,attr"`
	Time       string    `xml:"time,attr"`
	Properties struct{}  `xml:"properties"`
	Cases      []xmlCase `xml:"testcase"`
	SystemOut  string    `xml:"system-out"`
	SystemErr  string    `xml:"system-err"`
}

type xmlReport struct {
	XMLName xml.Name   `xml:"testsuites"`
	Suites  []xmlSuite `xml:"testsuite"`
}

// Counts sums the report's tests, failures, errors and skips.
func (r Report) Counts() (tests, failures, errors, skipped int) {
	for _, s := range r.Suites {
		for _, c := range s.Cases {
			tests++
			switch {
			case c.Failure != nil:
				failures++
			case c.Error != nil:
				errors++
			case c.Skipped != nil:
				skipped++
			}
		}
	}
	return
}

// Marshal renders the report as an XML document.
func (r Report) Marshal() ([]byte, error) {
	host, err := os.Hostname()
	if err != nil || host == "" {
		host = "localhost"
	}
	out := xmlReport{}
	for i, s := range r.Suites {
		xs := xmlSuite{
			Package: orDefault(s.Package, s.Name), ID: i, Name: orDefault(s.Name, "suite"),
			Timestamp: s.Timestamp.UTC().Format("2006-01-02T15:04:05"), Hostname: host, Time: secs(s.Time),
		}
		for _, c := range s.Cases {
			xc := xmlCase{Name: c.Name, Classname: orDefault(c.Classname, xs.Name), Time: secs(c.Time)}
			xs.Tests++
			switch {
			case c.Failure != nil:
				xc.Failure = problem(c.Failure, "failure")
				xs.Failures++
			case c.Error != nil:
				xc.Error = problem(c.Error, "error")
				xs.Errors++
			case c.Skipped != nil:
				xc.Skipped = problem(c.Skipped, "skipped")
				xs.Skipped++
			}
			xs.Cases = append(xs.Cases, xc)
		}
		out.Suites = append(out.Suites, xs)
	}
	b, err := xml.MarshalIndent(out, "", "  ")
	if err != nil {
		return nil, err
	}
	return append([]byte(xml.Header), append(b, '\n')...), nil
}

func problem(p *Problem, kind string) *xmlProblem {
	return &xmlProblem{Message: p.Message, Type: orDefault(p.Type, kind), Text: p.Text}
}

func secs(d time.Duration) string { return strconv.FormatFloat(d.Seconds(), 'f', 3, 64) }

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}
