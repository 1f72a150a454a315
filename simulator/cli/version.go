package cli

import (
	"runtime"
	"runtime/debug"
)

// Stamped by release builds, for both binaries:
//
//	-ldflags "-X github.com/switchboard-sim/switchboard/simulator/cli.version=v1.2.3
//	          -X github.com/switchboard-sim/switchboard/simulator/cli.commit=abc123"
//
// (see .goreleaser.yaml). Without them the build info answers.
var (
	version = ""
	commit  = ""
)

// Build is what `switchboard version` reports.
type Build struct {
	Version, Commit, Time, GoVersion, Platform string
	Modified                                   bool
}

// BuildVersion reads the stamped version, else the module version that
// `go install ...@v1.2.3` records, else "dev"; the commit likewise from
// the VCS stamp `go build` records in a checkout.
func BuildVersion() Build {
	b := Build{Version: version, Commit: commit, GoVersion: runtime.Version(), Platform: runtime.GOOS + "/" + runtime.GOARCH}
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
