package contract

import (
	"encoding/xml"
	"fmt"
	"strings"
)

// JUnit renders the report as JUnit XML: one testsuite per API, one testcase
// per operation exercised, one failure per violation (the common Jenkins
// JUnit schema allows several failures in a testcase).
func (rep Report) JUnit() ([]byte, error) {
	type failure struct {
		Message string `xml:"message,attr"`
		Type    string `xml:"type,attr"`
		Text    string `xml:",chardata"`
	}
	type testcase struct {
		Name      string    `xml:"name,attr"`
		Classname string    `xml:"classname,attr"`
		Time      string    `xml:"time,attr"`
		Failures  []failure `xml:"failure"`
	}
	type testsuite struct {
		Name      string     `xml:"name,attr"`
		Tests     int        `xml:"tests,attr"`
		Failures  int        `xml:"failures,attr"`
		Errors    int        `xml:"errors,attr"`
		Skipped   int        `xml:"skipped,attr"`
		Time      string     `xml:"time,attr"`
		Testcases []testcase `xml:"testcase"`
	}
	type testsuites struct {
		XMLName  xml.Name    `xml:"testsuites"`
		Name     string      `xml:"name,attr"`
		Tests    int         `xml:"tests,attr"`
		Failures int         `xml:"failures,attr"`
		Errors   int         `xml:"errors,attr"`
		Time     string      `xml:"time,attr"`
		Suites   []testsuite `xml:"testsuite"`
	}
	byOp := map[string][]Violation{}
	for _, v := range rep.Violations {
		k := v.API + "\x00" + v.Operation
		byOp[k] = append(byOp[k], v)
	}
	root := testsuites{Name: "switchboard contract", Time: "0"}
	idx := map[string]int{}
	for _, o := range rep.Operations {
		i, ok := idx[o.API]
		if !ok {
			i = len(root.Suites)
			idx[o.API] = i
			root.Suites = append(root.Suites, testsuite{Name: o.API, Time: "0"})
		}
		tc := testcase{Name: fmt.Sprintf("%s (%s %s)", o.Operation, strings.ToUpper(o.Method), o.Path), Classname: o.API, Time: "0"}
		for _, v := range byOp[o.API+"\x00"+o.Operation] {
			msg := v.Field + ": " + v.Message
			text := fmt.Sprintf("tenant %s, %s %s", v.Tenant, v.Request.Method, v.Request.Path)
			if v.Request.Query != "" {
				text += "?" + v.Request.Query
			}
			if v.Request.Body != "" {
				text += "\n" + v.Request.Body
			}
			tc.Failures = append(tc.Failures, failure{Message: msg, Type: orDash(v.Rule), Text: text})
		}
		s := &root.Suites[i]
		s.Tests++
		root.Tests++
		s.Failures += len(tc.Failures)
		root.Failures += len(tc.Failures)
		s.Testcases = append(s.Testcases, tc)
	}
	out, err := xml.MarshalIndent(root, "", "  ")
	if err != nil {
		return nil, err
	}
	return append([]byte(xml.Header), append(out, '\n')...), nil
}

func orDash(s string) string {
	if s == "" {
		return "violation"
	}
	return s
}
