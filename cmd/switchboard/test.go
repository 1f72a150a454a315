package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/switchboard-sim/switchboard/simulator/cli"
)

// runnerName is the feature runner's binary, cmd/switchboard-test. It is
// separate so the simulator does not link godog, whose internal/builder
// package runs `go env GOTOOLDIR` at every start; every artifact ships the
// two binaries together.
const runnerName = "switchboard-test"

// testCmd is `switchboard test`: the runner's own flags and help (declared
// once, in simulator/cli), checked here, then the command line handed to
// the runner, whose exit code is ours.
func testCmd(stdout, stderr io.Writer) *cobra.Command {
	cmd := cli.TestCommand(func(cmd *cobra.Command, _ cli.TestOptions, paths []string) error {
		return execRunner(runnerArgs(cmd.Flags(), paths), stdout, stderr)
	})
	// The runner reads the SWITCHBOARD_* variables itself, from the
	// environment it inherits; here they would pass as flags, the admin
	// token among them, on the runner's command line.
	cmd.PersistentPreRunE = func(*cobra.Command, []string) error { return nil }
	return cmd
}

// runnerArgs rebuilds the command line for the runner: the flags given,
// each as --name=value, then the paths after "--".
func runnerArgs(fs *pflag.FlagSet, paths []string) []string {
	var args []string
	fs.Visit(func(f *pflag.Flag) { args = append(args, "--"+f.Name+"="+f.Value.String()) })
	return append(append(args, "--"), paths...)
}

// execRunner runs the feature runner with args and returns its exit code.
func execRunner(args []string, stdout, stderr io.Writer) error {
	path, err := findRunner()
	if err != nil {
		fmt.Fprintln(stderr, "switchboard test:", err)
		return cli.ExitCode(2) // not a mistake in the command line: no usage hint
	}
	cmd := exec.Command(path, args...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, stdout, stderr
	err = cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &exit) && exit.ExitCode() > 0:
		return cli.ExitCode(exit.ExitCode()) // the runner has said why
	default:
		return cli.Failure(fmt.Errorf("feature runner %s: %w", path, err))
	}
}

// findRunner finds switchboard-test beside this executable (symlinks
// resolved, so a link on PATH to an unpacked release finds its pair), else
// on PATH.
func findRunner() (string, error) {
	name := runnerName
	if runtime.GOOS == "windows" {
		name += ".exe"
	}
	beside := "the folder of switchboard"
	if self, err := os.Executable(); err == nil {
		if real, err := filepath.EvalSymlinks(self); err == nil {
			self = real
		}
		sibling := filepath.Join(filepath.Dir(self), name)
		if fi, err := os.Stat(sibling); err == nil && !fi.IsDir() {
			return sibling, nil
		}
		beside = sibling
	}
	if p, err := exec.LookPath(runnerName); err == nil {
		return p, nil
	}
	return "", fmt.Errorf("cannot find the feature runner %s: it is neither at %s nor on PATH. "+
		"It ships beside switchboard in every release archive and in the container image, and "+
		"go install github.com/switchboard-sim/switchboard/cmd/...@latest installs both", name, beside)
}
