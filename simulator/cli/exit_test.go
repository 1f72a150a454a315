package cli

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

func TestExecuteExitCodesAndHints(t *testing.T) {
	for _, tc := range []struct {
		name string
		err  error
		code int
		out  string // all of stderr
	}{
		{"success", nil, 0, ""},
		{"usage error", UsageError(errors.New("bad --x")), 2, "sb: bad --x\nRun 'sb --help' for usage.\n"},
		{"failure", Failure(errors.New("unhealthy")), 1, "sb: unhealthy\n"},
		{"silent 1, already reported", ExitCode(1), 1, ""},
		{"silent 2, already explained (the runner's usage error)", ExitCode(2), 2, ""},
		{"any other error is usage", errors.New("unknown flag: --nope"), 2, "sb: unknown flag: --nope\nRun 'sb --help' for usage.\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := &cobra.Command{Use: "sb", SilenceErrors: true, SilenceUsage: true,
				RunE: func(*cobra.Command, []string) error { return tc.err }}
			var stderr bytes.Buffer
			if code := Execute(root, nil, &stderr, "sb:", "sb --help"); code != tc.code || stderr.String() != tc.out {
				t.Errorf("exit %d, stderr %q; want %d, %q", code, stderr.String(), tc.code, tc.out)
			}
		})
	}
	var stderr bytes.Buffer
	root := &cobra.Command{Use: "sb", SilenceErrors: true, SilenceUsage: true, RunE: func(*cobra.Command, []string) error { return nil }}
	if code := Execute(root, []string{"--nope"}, &stderr, "sb:", "sb --help"); code != 2 || !strings.Contains(stderr.String(), "--nope") {
		t.Errorf("cobra's own flag error: exit %d, %q", code, stderr.String())
	}
}
