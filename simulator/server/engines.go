package server

import (
	"net/http"
	"strings"
	"sync"

	"github.com/gin-gonic/gin"

	"github.com/switchboard-sim/switchboard/simulator/errs"
	"github.com/switchboard-sim/switchboard/simulator/gateway"
)

// part is one API's (or the control plane's) gin engine, built in the
// background from its spec. Parsing six specs takes most of start-up, so the
// server answers an API as soon as that API's own engine is ready.
type part struct {
	get func() (*gin.Engine, error) // sync.OnceValues of the engine's build
}

// router sends each request to the engine of its first path segment
// (/llamadapro, /__admin, ...), or to a fallback that explains the layout.
type router struct {
	parts    map[string]*part
	order    []string
	fallback *gin.Engine
}

func (rt *router) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	seg := strings.TrimPrefix(r.URL.Path, "/")
	seg, _, _ = strings.Cut(seg, "/")
	if p, ok := rt.parts[seg]; ok {
		e, err := p.get()
		if err != nil {
			gateway.WriteDiagnostic(w, &gateway.Diagnostic{Kind: gateway.DiagStartUp, Message: "this API could not be started: " + err.Error()})
			return
		}
		e.ServeHTTP(w, r)
		return
	}
	rt.fallback.ServeHTTP(w, r)
}

// start builds every engine in the background.
func (rt *router) start() {
	for _, name := range rt.order {
		go rt.parts[name].get()
	}
}

// ready waits for every engine and returns the first error.
func (rt *router) ready() error {
	var first error
	for _, name := range rt.order {
		if _, err := rt.parts[name].get(); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// newRouter makes one part per API under its prefix and one for the control
// plane; prep runs (once) before any engine mounts its handlers.
func (s *Server) newRouter(prep func() error) *router {
	rt := &router{parts: map[string]*part{}}
	for _, api := range s.apis {
		api := api
		rt.order = append(rt.order, api.Name())
		rt.parts[api.Name()] = &part{get: sync.OnceValues(func() (*gin.Engine, error) {
			return s.buildEngine([]gateway.API{api}, true, false, prep)
		})}
	}
	rt.order = append(rt.order, strings.TrimPrefix(AdminPrefix, "/"))
	rt.parts[strings.TrimPrefix(AdminPrefix, "/")] = &part{get: sync.OnceValues(func() (*gin.Engine, error) {
		return s.buildEngine(nil, true, true, prep)
	})}
	fb := s.newEngine()
	fb.NoRoute(s.unrouted(nil, nil, errs.NotFound))
	fb.NoMethod(s.unrouted(nil, nil, errs.Method))
	rt.fallback = fb
	return rt
}
