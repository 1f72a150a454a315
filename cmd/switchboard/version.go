package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/switchboard-sim/switchboard/simulator/cli"
)

func versionCmd(stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version, commit and Go version of this build",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			b := cli.BuildVersion()
			commit := b.Commit
			if b.Time != "" {
				commit += " (" + b.Time + ")"
			}
			if b.Modified {
				commit += " with local changes"
			}
			fmt.Fprintf(stdout, "switchboard %s\ncommit  %s\ngo      %s %s\n", b.Version, commit, b.GoVersion, b.Platform)
			return nil
		},
	}
}
