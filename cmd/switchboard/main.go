// Command switchboard is the Switchboard simulator: five contact-center and
// messaging APIs on one port, with a control plane, for offline integration
// tests. `switchboard` alone (or `switchboard serve`) starts it on
// 127.0.0.1:8080 from embedded fixtures; `switchboard test` runs Gherkin
// feature files against it, through the feature runner switchboard-test
// shipped beside it (see test.go). The CLI is spf13/cobra with pflag.
package main

import (
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/switchboard-sim/switchboard/simulator/cli"
	"github.com/switchboard-sim/switchboard/simulator/vendor"
	"github.com/switchboard-sim/switchboard/simulator/vendors"
)

const exitCodes = `Exit codes:
  0  success
  1  a failed test run (the feature runner's own exit code passes through), contract violations, a failed health check, or the simulator could not start
  2  usage error: unknown command or flag, a bad flag or SWITCHBOARD_* value;
     also report when it cannot fetch a report from --target`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run executes one command line and returns its exit code.
func run(args []string, stdout, stderr io.Writer) int {
	return cli.Execute(rootCmd(stdout, stderr), args, stderr, "switchboard:", "switchboard --help")
}

// rootCmd builds the command tree. The root command is serve, so
// `switchboard --seed 7` and `switchboard serve --seed 7` are the same.
func rootCmd(stdout, stderr io.Writer) *cobra.Command {
	root := serveCmd(stdout, stderr)
	root.Use = "switchboard"
	root.Short = "Offline simulator of five contact-center and messaging APIs"
	root.Long = `Switchboard simulates ` + vendors.Summary + ` on one
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
	root.Version = cli.BuildVersion().Version // --version; `switchboard version` says more
	root.SetVersionTemplate("switchboard {{.Version}}\n")
	root.SilenceErrors, root.SilenceUsage = true, true
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return cli.UsageError(err) })
	root.PersistentPreRunE = func(cmd *cobra.Command, _ []string) error { return cli.ApplyEnv(cmd.Flags()) }
	serve := serveCmd(stdout, stderr)
	serve.Short = "Start the simulator (the default command)"
	root.AddCommand(serve, testCmd(stdout, stderr), reportCmd(stdout),
		versionCmd(stdout), healthcheckCmd(stdout), stateCmd(stdout))
	// Each vendor's own commands (vendor.Commander).
	for _, v := range vendors.All() {
		if c, ok := v.(vendor.Commander); ok {
			root.AddCommand(c.Commands(stdout, stderr)...)
		}
	}
	root.CompletionOptions.HiddenDefaultCmd = false
	root.InitDefaultCompletionCmd()
	cli.MirrorEnv(root)
	return root
}
