package contract

import (
	"fmt"
	"strings"
	"time"

	"github.com/switchboard-sim/switchboard/simulator/junit"
)

// JUnit renders the report as JUnit XML that the common JUnit schema
// accepts: one testsuite per API and one testcase per operation exercised,
// failing with its first violation. The schema allows one failure per
// testcase, so each further violation of the operation is a testcase of its
// own; there is one failure per violation in all.
func (rep Report) JUnit(at time.Time) ([]byte, error) {
	byOp := map[string][]Violation{}
	for _, v := range rep.Violations {
		k := v.API + "\x00" + v.Operation
		byOp[k] = append(byOp[k], v)
	}
	var r junit.Report
	idx := map[string]int{}
	for _, o := range rep.Operations {
		i, ok := idx[o.API]
		if !ok {
			i = len(r.Suites)
			idx[o.API] = i
			r.Suites = append(r.Suites, junit.Suite{Name: o.API, Package: "switchboard.contract." + o.API, Timestamp: at})
		}
		name := fmt.Sprintf("%s (%s %s)", o.Operation, strings.ToUpper(o.Method), o.Path)
		vs := byOp[o.API+"\x00"+o.Operation]
		c := junit.Case{Name: name, Classname: o.API}
		if len(vs) > 0 {
			c.Failure = failure(vs[0])
		}
		cases := []junit.Case{c}
		for k, v := range vs[min(1, len(vs)):] {
			cases = append(cases, junit.Case{Name: fmt.Sprintf("%s violation #%d", name, k+2), Classname: o.API, Failure: failure(v)})
		}
		r.Suites[i].Cases = append(r.Suites[i].Cases, cases...)
	}
	return r.Marshal()
}

func failure(v Violation) *junit.Problem {
	text := fmt.Sprintf("tenant %s, %s %s", v.Tenant, v.Request.Method, v.Request.Path)
	if v.Request.Query != "" {
		text += "?" + v.Request.Query
	}
	if v.Request.Body != "" {
		text += "\n" + v.Request.Body
	}
	rule := v.Rule
	if rule == "" {
		rule = "violation"
	}
	return &junit.Problem{Message: v.Field + ": " + v.Message, Type: rule, Text: text}
}
