// Command bare is the load script's ceiling: a plain net/http handler that
// returns a fixed task body, so Switchboard's figures can be read against
// what this machine does with no routing, validation or state at all.
package main

import (
	"flag"
	"log"
	"net/http"

	"github.com/switchboard-sim/switchboard/scripts/internal/taskbody"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:18181", "listen address (loopback only)")
	flag.Parse()
	log.Fatal(http.ListenAndServe(*addr, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(taskbody.Body)
	})))
}
