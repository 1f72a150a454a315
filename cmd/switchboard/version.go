package main

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// Stamped by release builds: -ldflags "-X main.version=v1.2.3 -X main.commit=abc123"
// (see .goreleaser.yaml). Without them the build info answers.
var (
	version = ""
	commit  = ""
)

// build is what `switchboard version` reports.
type build struct {
	Version, Commit, Time, GoVersion, Platform string
	Modified                                   bool
}

// buildVersion reads the stamped version, else the module version that
// `go install ...@v1.2.3` records, else "dev"; the commit likewise from
// the VCS stamp `go build` records in a checkout.
func buildVersion() build {
	b := build{Version: version, Commit: commit, GoVersion: runtime.Version(), Platform: runtime.GOOS + "/" + runtime.GOARCH}
	info, ok := debug.ReadBuildInfo()
	if ok {
		if b.Version == "" && info.Main.Version != "" && info.Main.Version != "(devel)" {
			b.Version = info.Main.Version
		}
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				if b.Commit == "" {
					b.Commit = s.Value
				}
			case "vcs.time":
				b.Time = s.Value
			case "vcs.modified":
				b.Modified = s.Value == "true"
			}
		}
	}
	if b.Version == "" {
		b.Version = "dev"
	}
	if b.Commit == "" {
		b.Commit = "unknown"
	}
	return b
}

func versionCmd(stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version, commit and Go version of this build",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			b := buildVersion()
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
