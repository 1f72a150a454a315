// Package jsoncodectest checks, in a test binary, that every response gin
// renders through jsoncodec is byte-identical to encoding/json's.
package jsoncodectest

import (
	"fmt"
	"os"
	"testing"

	"github.com/switchboard-sim/switchboard/simulator/jsoncodec"
)

// Run is a TestMain body: it installs a verifying codec, runs the tests and
// returns their exit code, or 1 if any response differed from
// encoding/json's. Each difference, and with -v the count of values that took
// each path, goes to stderr.
//
//	func TestMain(m *testing.M) { os.Exit(jsoncodectest.Run(m)) }
func Run(m *testing.M) int {
	st := jsoncodec.InstallVerifying(func(v any, got, want []byte) {
		fmt.Fprintf(os.Stderr, "jsoncodec: %T marshalled as\n%s\nwant (encoding/json)\n%s\n", v, got, want)
	})
	code := m.Run()
	if n := st.Mismatches.Load(); n > 0 {
		fmt.Fprintf(os.Stderr, "jsoncodec: %d responses differ from encoding/json\n", n)
		code = 1
	}
	if testing.Verbose() || code != 0 {
		fmt.Fprintf(os.Stderr, "jsoncodec: %d values by the fast path, %d by encoding/json, %d mismatches\n",
			st.Fast.Load(), st.Fallback.Load(), st.Mismatches.Load())
	}
	return code
}
