// Command switchboard is the Switchboard simulator: five contact-center and
// messaging APIs on one port, with a control plane, for offline integration
// tests. `switchboard` alone (or `switchboard serve`) starts it on
// 127.0.0.1:8080 from embedded fixtures.
package main

import (
	"fmt"
	"io"
	"os"
)

// command is one subcommand: it parses its own args and returns an exit code.
type command func(args []string, stdout, stderr io.Writer) int

func commands() map[string]command {
	return map[string]command{
		"serve":  serve,
		"report": report,
		"aicc":   aiccCmd,
		"test":   testCmd,
		"state":  stateCmd,
	}
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	name := "serve"
	if len(args) > 0 && len(args[0]) > 0 && args[0][0] != '-' {
		name, args = args[0], args[1:]
	}
	if name == "help" {
		usage(stdout)
		return 0
	}
	cmd, ok := commands()[name]
	if !ok {
		fmt.Fprintf(stderr, "switchboard: unknown command %q\n", name)
		usage(stderr)
		return 2
	}
	return cmd(args, stdout, stderr)
}

func usage(w io.Writer) {
	fmt.Fprintln(w, `usage: switchboard [command] [flags]

commands:
  serve   start the simulator (the default); see switchboard serve -h
  report  fetch the contract report from a running simulator; exit 1 on violations
  aicc    sign or verify an AICC auth-v2 Authorization header (switchboard aicc sign|verify -h)
  state   switchboard state check FILE: verify a --state-file's pages and records
  test    run Gherkin feature files against an in-process or running simulator (switchboard test -h)
  help    this text`)
}
