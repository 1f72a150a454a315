package maiagent

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/switchboard-sim/switchboard/simulator/errs"
	"github.com/switchboard-sim/switchboard/simulator/gateway"
)

// Page sizes: DRF's default when pageSize is absent, and its cap.
const (
	defaultPageSize = 10
	maxPageSize     = 100
)

func (a *API) state(c *gin.Context) *State { return a.stateOf(gateway.Tenant(c)) }

// decode unmarshals the (already spec-validated) JSON body.
func decode(c *gin.Context, v any) bool {
	if err := json.Unmarshal(gateway.Body(c), v); err != nil {
		gateway.Fail(c, &errs.Error{Code: errs.Invalid, Message: "JSON parse error - " + err.Error(),
			Fields: []errs.Field{{Name: "body", Reason: "JSON parse error - " + err.Error(), Rule: "syntax"}}})
		return false
	}
	return true
}

// respond writes v as JSON with status, or err in DRF's shape.
func respond(c *gin.Context, status int, v any, err error) {
	if err != nil {
		gateway.Fail(c, err)
		return
	}
	gateway.JSON(c, status, v)
}

// origin is the scheme and host the client used, for absolute URLs.
func origin(c *gin.Context) string {
	scheme := "http"
	if c.Request.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + c.Request.Host
}

// apiBase is the absolute URL of this API's mount (e.g.
// http://127.0.0.1:8080/maiagent): everything before /api/ in the path.
func apiBase(c *gin.Context) string {
	p := c.Request.URL.Path
	if i := strings.Index(p, "/api/"); i >= 0 {
		p = p[:i]
	}
	return origin(c) + p
}

// pageSize reads ?pageSize=, clamped like DRF's max_page_size.
func pageSize(c *gin.Context) int {
	n, err := strconv.Atoi(c.Query("pageSize"))
	if err != nil || n < 1 {
		return defaultPageSize
	}
	return min(n, maxPageSize)
}

// withQuery is the request's absolute URL with one query parameter
// replaced (or removed when value is ""), as DRF builds next/previous.
func withQuery(c *gin.Context, key, value string) *string {
	q := c.Request.URL.Query()
	if value == "" {
		q.Del(key)
	} else {
		q.Set(key, value)
	}
	u := url.URL{Path: c.Request.URL.Path, RawQuery: q.Encode()}
	s := origin(c) + u.String()
	return &s
}

// cursorList renders a cursor page: {count?, next, previous, results}.
func cursorList[T any](c *gin.Context, p Page[T], withCount bool) {
	body := gin.H{"next": nil, "previous": nil, "results": p.Results}
	if withCount {
		body["count"] = p.Count
	}
	if p.Next != nil {
		body["next"] = withQuery(c, "cursor", p.Next.Encode())
	}
	if p.Previous != nil {
		body["previous"] = withQuery(c, "cursor", p.Previous.Encode())
	}
	c.PureJSON(http.StatusOK, body) // URLs unescaped, as DRF writes them
}

// cursorParam decodes ?cursor=; a bad one is DRF's 404 "Invalid cursor".
func cursorParam(c *gin.Context) (Cursor, bool) {
	cur, err := DecodeCursor(c.Query("cursor"))
	if err != nil {
		gateway.Fail(c, errs.NotFoundf("Invalid cursor"))
		return Cursor{}, false
	}
	return cur, true
}
