package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
)

// testModule is where `go run` finds the feature runner from a source checkout.
const testModule = "github.com/switchboard-sim/switchboard/cmd/switchboard-test"

// testCmd runs the feature runner, switchboard-test: the binary beside this
// one, else one on PATH, else `go run` of it from the source tree. The
// runner is separate so the simulator stays free of godog (see
// cmd/switchboard-test).
func testCmd(args []string, stdout, stderr io.Writer) int {
	name, prefix := runner()
	cmd := exec.Command(name, append(prefix, args...)...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, stdout, stderr
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &exit):
		return exit.ExitCode()
	default:
		fmt.Fprintf(stderr, "switchboard test: cannot run the feature runner (%v); build it with: go build %s\n", err, testModule)
		return 2
	}
}

func runner() (string, []string) {
	if self, err := os.Executable(); err == nil {
		sibling := filepath.Join(filepath.Dir(self), "switchboard-test")
		if _, err := os.Stat(sibling); err == nil {
			return sibling, nil
		}
	}
	if p, err := exec.LookPath("switchboard-test"); err == nil {
		return p, nil
	}
	return "go", []string{"run", testModule}
}
