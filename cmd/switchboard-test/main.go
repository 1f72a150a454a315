// Command switchboard-test runs Gherkin feature files against Switchboard;
// `switchboard test` runs it. It is a binary of its own so that the
// simulator does not link godog, whose package initialisation runs `go env`
// and would add a tenth of a second to every simulator start.
package main

import (
	"io"
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run accepts the arguments with or without a leading "test", as
// `switchboard test ...` forwards them.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "test" {
		args = args[1:]
	}
	return testCmd(args, stdout, stderr)
}
