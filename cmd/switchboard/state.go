package main

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/switchboard-sim/switchboard/simulator/cli"
	"github.com/switchboard-sim/switchboard/simulator/durable"
)

// stateCmd is `switchboard state check FILE [--json]`: exit 0 when the file
// is intact, 1 when it is damaged, 2 when it cannot be read.
func stateCmd(stdout io.Writer) *cobra.Command {
	state := &cobra.Command{
		Use:   "state",
		Short: "Inspect a --state-file",
		Args:  cobra.NoArgs,
	}
	var asJSON bool
	check := &cobra.Command{
		Use:   "check FILE",
		Short: "Verify a --state-file's pages and records; exit 1 when it is damaged",
		Long: `Open a state file read-only and check every page and every record's checksum. It reports the
file's health, and each damaged place with its byte offset, page, record and tenant.
Exit 0 when the file is intact, 1 when it is damaged, 2 when it cannot be read.`,
		Args: cobra.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			rep, err := durable.Check(args[0])
			if err != nil {
				return cli.UsageError(fmt.Errorf("state check: %w", err))
			}
			if asJSON {
				_ = json.NewEncoder(stdout).Encode(rep)
			} else {
				rep.WriteText(stdout)
			}
			if !rep.OK() {
				return cli.ExitCode(1)
			}
			return nil
		},
	}
	check.Flags().BoolVar(&asJSON, "json", false, "print the report as JSON")
	state.AddCommand(check)
	return state
}
