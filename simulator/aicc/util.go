package aicc

import (
	"fmt"

	"github.com/switchboard-sim/switchboard/simulator/errs"
)

func seqID(prefix string, n int) string { return fmt.Sprintf("%s-%06d", prefix, n) }

func notFound(kind, id string) error { return errs.NotFoundf("no %s %q", kind, id) }

// capBytes keeps at most n bytes of b, marking a cut.
func capBytes(b []byte, n int) string {
	if len(b) > n {
		return string(b[:n]) + "…[truncated]"
	}
	return string(b)
}
