package cli

import (
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"
)

// Execute runs root with args and returns the process exit code: 0
// success, 1 a command that ran and did not succeed, 2 a usage error.
// Errors are printed after prefix ("switchboard:"), and a usage error with
// a message is followed by a hint to helpCmd ("switchboard --help").
func Execute(root *cobra.Command, args []string, stderr io.Writer, prefix, helpCmd string) int {
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return 0
	}
	var ex *exitError
	if !errors.As(err, &ex) {
		ex = &exitError{code: 2, err: err} // cobra's own errors are all usage errors
	}
	if ex.err != nil {
		fmt.Fprintln(stderr, prefix, ex.err)
	}
	if ex.code == 2 && ex.err != nil { // a silent exit 2 has already said why
		fmt.Fprintf(stderr, "Run '%s' for usage.\n", helpCmd)
	}
	return ex.code
}

// exitError carries an exit code; a nil err means the command has already
// said why (a failed test run prints its own report).
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit status %d", e.code)
	}
	return e.err.Error()
}

func (e *exitError) Unwrap() error { return e.err }

// UsageError is exit 2: the command line or environment was wrong.
func UsageError(err error) error { return &exitError{code: 2, err: err} }

// Failure is exit 1 with a message: the command ran and did not succeed.
func Failure(err error) error { return &exitError{code: 1, err: err} }

// ExitCode is a silent exit with the given code.
func ExitCode(code int) error { return &exitError{code: code} }
