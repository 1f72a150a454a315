// Command ginfloor is the floor under Switchboard's GET: gin, configured as
// the simulator configures it (release mode, context fallback, the recovery
// middleware, the same server read-header timeout), answering the bare
// handler's fixed body. scripts/ratio.sh reads it against the bare handler:
// what is left between this and 1.0 is gin's, and no pipeline change can
// take it back.
package main

import (
	"flag"
	"io"
	"log"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:18182", "listen address (loopback only)")
	flag.Parse()
	body := []byte(`{"id":"task_123","tenantId":"3b2a1c0d9e8f","createdAt":"2025-03-01T09:00:00Z","updatedAt":"2025-03-01T09:00:00Z","context":{"conversationId":1001},"objective":"Send proposal to client","createdBy":{"id":"u_1","type":"user"},"assignedTo":{"id":"123","type":"user"},"publishedAt":"2025-03-01T09:00:00Z","dueDate":"2025-03-06T09:00:00Z","completedAt":null,"cancelledAt":null,"cancellationReason":null,"status":"scheduled"}`)
	gin.SetMode(gin.ReleaseMode)
	e := gin.New()
	e.ContextWithFallback = true
	e.Use(gin.CustomRecoveryWithWriter(io.Discard, func(*gin.Context, any) {}))
	e.GET("/llamadapro/api/v1/tasks/:taskId", func(c *gin.Context) { c.Data(http.StatusOK, "application/json", body) })
	srv := &http.Server{Addr: *addr, Handler: e, ReadHeaderTimeout: 10 * time.Second}
	log.Fatal(srv.ListenAndServe())
}
