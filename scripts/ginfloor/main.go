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

	"github.com/switchboard-sim/switchboard/scripts/internal/taskbody"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:18182", "listen address (loopback only)")
	flag.Parse()
	gin.SetMode(gin.ReleaseMode)
	e := gin.New()
	e.ContextWithFallback = true
	e.Use(gin.CustomRecoveryWithWriter(io.Discard, func(*gin.Context, any) {}))
	e.GET("/llamadapro/api/v1/tasks/:taskId", func(c *gin.Context) { c.Data(http.StatusOK, "application/json", taskbody.Body) })
	srv := &http.Server{Addr: *addr, Handler: e, ReadHeaderTimeout: 10 * time.Second}
	log.Fatal(srv.ListenAndServe())
}
