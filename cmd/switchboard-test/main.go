// Command switchboard-test is the feature runner: it runs Gherkin feature
// files against Switchboard, and `switchboard test` runs it. It is a
// binary of its own so that the simulator does not link godog, whose
// internal/builder package runs `go env GOTOOLDIR` when it is initialised,
// at every start of any binary that links it. Every artifact ships the
// two binaries together; the flags are declared once, in simulator/cli.
package main

import (
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/switchboard-sim/switchboard/simulator/cli"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run executes one command line and returns its exit code: 0 when every
// scenario passes, 1 when any fails, 2 on bad usage.
func run(args []string, stdout, stderr io.Writer) int {
	root := cli.TestCommand(func(_ *cobra.Command, o cli.TestOptions, paths []string) error {
		return runFeatures(o, paths, stdout, stderr)
	})
	root.Use = "switchboard-test [flags] [PATH[:LINE]...]"
	root.Version = cli.BuildVersion().Version
	root.SetVersionTemplate("switchboard-test {{.Version}}\n")
	root.SilenceErrors, root.SilenceUsage = true, true
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return cli.UsageError(err) })
	root.PersistentPreRunE = func(cmd *cobra.Command, _ []string) error { return cli.ApplyEnv(cmd.Flags()) }
	root.CompletionOptions.DisableDefaultCmd = true
	cli.MirrorEnv(root)
	return cli.Execute(root, args, stderr, "switchboard test:", "switchboard test --help")
}
