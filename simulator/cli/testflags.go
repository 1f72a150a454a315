package cli

import (
	"github.com/spf13/cobra"
)

// TestOptions are the `switchboard test` flags.
type TestOptions struct {
	Target, AdminToken, JUnit, Cucumber, Tags, Scenarios string
	Concurrency                                          int
	Seed                                                 int64
	NoColor                                              bool
}

// TestCommand is the `test` command with its help and flags, declared once
// for both binaries: switchboard, whose `test` hands the command line to
// the feature runner, and switchboard-test, the runner, which parses the
// same flags and runs the features. run gets the parsed flags and the paths.
func TestCommand(run func(cmd *cobra.Command, o TestOptions, paths []string) error) *cobra.Command {
	var o TestOptions
	cmd := &cobra.Command{
		Use:   "test [flags] [PATH[:LINE]...]",
		Short: "Run Gherkin feature files against an in-process or running simulator",
		Long: `Run Gherkin feature files (the built-in flows when no PATH is given; a folder means every
*.feature in it, FILE:LINE one scenario) against a simulator started in-process, or against a
running one with --target. Exit 0 when every scenario passes, 1 when any fails, 2 on bad usage.
The steps are listed in docs/steps.md.

The features run in switchboard-test, the feature runner shipped beside switchboard (every
release archive, the container image and go install .../cmd/... carry both); switchboard test
runs the one beside its own executable, else switchboard-test on PATH.`,
		Example: `  switchboard test my.feature
  switchboard test features/ --junit junit.xml --tags "@crm && ~@wip"
  switchboard test --target http://127.0.0.1:8080 my.feature`,
		RunE: func(cmd *cobra.Command, paths []string) error { return run(cmd, o, paths) },
	}
	fs := cmd.Flags()
	fs.StringVar(&o.Target, "target", "", "base URL of a running simulator, e.g. http://127.0.0.1:8080 (default: start one in-process)")
	fs.StringVar(&o.AdminToken, "admin-token", "", "the simulator's admin token, sent on control-plane requests (in-process, the one it is started with)")
	fs.StringVar(&o.JUnit, "junit", "", "write a JUnit XML report to this file")
	fs.StringVar(&o.Cucumber, "cucumber", "", "write a Cucumber JSON report to this file")
	IntVar(fs, &o.Concurrency, "concurrency", 4, 1, "scenarios run at once")
	fs.StringVar(&o.Tags, "tags", "", `run only scenarios matching a tag expression, e.g. "@crm && ~@wip"`)
	fs.StringVar(&o.Scenarios, "scenarios", "", "in-process only: also load your scenario folder")
	Int64Var(fs, &o.Seed, "seed", 0, "in-process only: fake-data seed")
	fs.BoolVar(&o.NoColor, "no-color", false, "plain output without ANSI colours")
	return cmd
}
