// Command switchboard is the Switchboard simulator: five contact-center and
// messaging APIs on one port, with a control plane, for offline integration
// tests. `switchboard` alone (or `switchboard serve`) starts it on
// 127.0.0.1:8080 from embedded fixtures; `switchboard test` runs Gherkin
// feature files against it. The CLI is spf13/cobra with pflag.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"
)

const exitCodes = `Exit codes:
  0  success
  1  a failed test run, contract violations, a failed health check, or the simulator could not start
  2  usage error: unknown command or flag, a bad flag or SWITCHBOARD_* value;
     also report when it cannot fetch a report from --target`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run executes one command line and returns its exit code.
func run(args []string, stdout, stderr io.Writer) int {
	root := rootCmd(stdout, stderr)
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
		fmt.Fprintln(stderr, "switchboard:", ex.err)
	}
	if ex.code == 2 {
		fmt.Fprintln(stderr, "Run 'switchboard --help' for usage.")
	}
	return ex.code
}

// rootCmd builds the command tree. The root command is serve, so
// `switchboard --seed 7` and `switchboard serve --seed 7` are the same.
func rootCmd(stdout, stderr io.Writer) *cobra.Command {
	root := serveCmd(stdout, stderr)
	root.Use = "switchboard"
	root.Short = "Offline simulator of five contact-center and messaging APIs"
	root.Long = `Switchboard simulates Ringotel, Huawei AICC, LlamadaPro, Bright Pattern chat and MaiAgent on one
port, each validated against its OpenAPI contract, with a control plane at /__admin.
Without a command it serves (see "switchboard serve --help").

Every flag is also read from SWITCHBOARD_<NAME> (--api-port is SWITCHBOARD_API_PORT);
a flag beats its variable, which beats the default.

` + exitCodes
	root.Args = nil // unknown words are reported as unknown commands
	root.Example = `  switchboard                                   serve on 127.0.0.1:8080
  switchboard --seed 7 --clock real             another seed, wall-clock time
  switchboard test my.feature --junit out.xml   run feature files in-process
  switchboard report --junit contract.xml       gate CI on contract violations`
	root.Version = buildVersion().Version // --version; `switchboard version` says more
	root.SetVersionTemplate("switchboard {{.Version}}\n")
	root.SilenceErrors, root.SilenceUsage = true, true
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError(err) })
	root.PersistentPreRunE = func(cmd *cobra.Command, _ []string) error { return applyEnv(cmd.Flags()) }
	serve := serveCmd(stdout, stderr)
	serve.Short = "Start the simulator (the default command)"
	root.AddCommand(serve, testCmd(stdout, stderr), reportCmd(stdout), aiccCmd(stdout, stderr),
		versionCmd(stdout), healthcheckCmd(stdout))
	root.CompletionOptions.HiddenDefaultCmd = false
	root.InitDefaultCompletionCmd()
	mirrorEnv(root)
	return root
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

// usageError is exit 2: the command line or environment was wrong.
func usageError(err error) error { return &exitError{code: 2, err: err} }

// failure is exit 1 with a message: the command ran and did not succeed.
func failure(err error) error { return &exitError{code: 1, err: err} }

// exitCode is a silent exit with the given code.
func exitCode(code int) error { return &exitError{code: code} }
