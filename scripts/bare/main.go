// Command bare is the load script's ceiling: a plain net/http handler that
// returns a fixed task body, so Switchboard's figures can be read against
// what this machine does with no routing, validation or state at all.
package main

import (
	"flag"
	"log"
	"net/http"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:18181", "listen address (loopback only)")
	flag.Parse()
	body := []byte(`{"id":"task_123","tenantId":"3b2a1c0d9e8f","createdAt":"2025-03-01T09:00:00Z","updatedAt":"2025-03-01T09:00:00Z","context":{"conversationId":1001},"objective":"Send proposal to client","createdBy":{"id":"u_1","type":"user"},"assignedTo":{"id":"123","type":"user"},"publishedAt":"2025-03-01T09:00:00Z","dueDate":"2025-03-06T09:00:00Z","completedAt":null,"cancelledAt":null,"cancellationReason":null,"status":"scheduled"}`)
	log.Fatal(http.ListenAndServe(*addr, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(body)
	})))
}
