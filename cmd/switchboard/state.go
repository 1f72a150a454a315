package main

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/switchboard-sim/switchboard/simulator/durable"
)

// stateCmd is `switchboard state check FILE [--json]`: exit 0 when the file
// is intact, 1 when it is damaged, 2 when it cannot be read.
func stateCmd(args []string, stdout, stderr io.Writer) int {
	if len(args) < 2 || args[0] != "check" {
		fmt.Fprintln(stderr, "usage: switchboard state check FILE [--json]")
		return 2
	}
	rep, err := durable.Check(args[1])
	if err != nil {
		fmt.Fprintln(stderr, "switchboard state check:", err)
		return 2
	}
	if len(args) > 2 && args[2] == "--json" {
		_ = json.NewEncoder(stdout).Encode(rep)
	} else {
		rep.WriteText(stdout)
	}
	if !rep.OK() {
		return 1
	}
	return 0
}
