// Command vendors prints the name of every API in the binary's wiring list
// (simulator/vendors.All), one a line, so CI can loop over them (fuzzing
// each in turn) without naming any.
package main

import (
	"fmt"

	"github.com/switchboard-sim/switchboard/simulator/vendor"
	"github.com/switchboard-sim/switchboard/simulator/vendors"
)

func main() {
	for _, name := range vendor.Names(vendors.All()) {
		fmt.Println(name)
	}
}
