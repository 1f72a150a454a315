package gateway

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/gin-gonic/gin"

	"github.com/switchboard-sim/switchboard/simulator/errs"
	"github.com/switchboard-sim/switchboard/simulator/journal"
	"github.com/switchboard-sim/switchboard/simulator/tenant"
)

// Misser answers the requests under an API's prefix that no operation of
// its spec serves (an unknown path, or a method the path does not have):
// in the vendor's own error shape, unchanged, journalled like any other
// request, with the closest operations in the journal entry and in the
// X-Switchboard-Explain header.
type Misser struct {
	api    API
	ops    *opIndex
	deps   *Deps
	prefix string
}

// NewMisser indexes doc's operations for api, served under prefix.
func NewMisser(api API, doc *openapi3.T, deps *Deps, prefix string) *Misser {
	aliases := map[string]string{}
	if a, ok := api.(Aliaser); ok {
		aliases = a.PathAliases()
	}
	return &Misser{api: api, ops: operations(doc, aliases), deps: deps, prefix: prefix}
}

// Serve answers c with err in the vendor's shape.
func (m *Misser) Serve(c *gin.Context, err *errs.Error) {
	start := time.Now()
	rec := &recorder{} // misses are rare: no pooled exchange
	rec.reset(c.Writer)
	rec.facts = &facts{api: m.api}
	c.Writer = rec
	defer rec.release()
	m.api.WriteError(c, err)
	x := m.explanation(c)
	if x != nil {
		rec.Header().Set(ExplainHeader, headerValue(x.Summary))
	}
	if m.deps != nil && m.deps.Journal != nil && !tenant.IsRestoring(c.Request.Context()) {
		m.record(c, rec, start, x)
	}
	rec.Header().Set("Content-Length", fmt.Sprint(rec.buf.Len()))
	rec.ResponseWriter.WriteHeader(rec.status)
	_, _ = rec.ResponseWriter.Write(rec.buf.Bytes())
}

func (m *Misser) explanation(c *gin.Context) (x *journal.Explanation) {
	defer func() {
		if v := recover(); v != nil {
			x = nil
		}
	}()
	path := strings.TrimPrefix(c.Request.URL.Path, m.prefix)
	cands := m.ops.closest(c.Request.Method, path)
	kind := "unknown-path"
	segs := segments(path)
	for _, op := range m.ops.ops {
		if len(segs) == len(op.segs) && allMatch(segs, op.segs) {
			kind = "method"
			break
		}
	}
	return &journal.Explanation{Kind: kind, Summary: didYouMean(c.Request.Method, path, cands), Candidates: cands}
}

// allMatch is whether got matches the template want segment for segment.
func allMatch(got, want []string) bool {
	for i := range want {
		if got[i] != want[i] && !isParam(want[i]) {
			return false
		}
	}
	return true
}

// tenantOf finds the request's tenant without creating one: a typo must
// not make a tenant appear.
func (m *Misser) tenantOf(c *gin.Context) (t *tenant.Tenant) {
	if m.deps.Tenants == nil {
		return nil
	}
	defer func() {
		if recover() != nil {
			t = nil
		}
	}()
	key := c.GetHeader(TenantHeader)
	if key == "" {
		cred, err := m.api.Authenticate(c)
		if err != nil {
			return nil
		}
		key = cred
	}
	t, _ = m.deps.Tenants.Lookup(key)
	return t
}

func (m *Misser) record(c *gin.Context, rec *recorder, start time.Time, x *journal.Explanation) {
	var body []byte
	if c.Request.Body != nil && c.Request.Body != http.NoBody {
		body, _ = io.ReadAll(io.LimitReader(c.Request.Body, 16<<10))
	}
	journalAnswer(m.deps, m.api, c, m.tenantOf(c), journal.Entry{Explanation: x}, time.Since(start), body, rec)
}
