package llamadapro

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

// decode reads the JSON body into v (the spec has already checked its shape).
func decode(c *gin.Context, v any) bool {
	if err := json.Unmarshal(gateway.Body(c), v); err != nil {
		gateway.Fail(c, errs.InvalidField("body", err.Error()))
		return false
	}
	return true
}

// numParam reads a numeric path parameter (validated as a number by the spec).
func numParam(c *gin.Context, name string) int64 {
	f, _ := strconv.ParseFloat(c.Param(name), 64)
	return int64(f)
}

// listQuery reads filterBy, searchBy, sortBy, page, pageSize and pageToken.
func listQuery(c *gin.Context) ListQuery {
	q := rawQuery(c.Request.URL.RawQuery)
	num := func(k string) int {
		f, _ := strconv.ParseFloat(q.Get(k), 64)
		return int(min(f, 1e6))
	}
	return ListQuery{FilterBy: q.Get("filterBy"), SearchBy: q.Get("searchBy"), SortBy: q.Get("sortBy"),
		Page: num("page"), PageSize: num("pageSize"), PageToken: q.Get("pageToken")}
}

// rawQuery parses a query string splitting on & only: the seed's own
// filterBy=firstName:John;email:john@example.com sends a raw semicolon,
// which net/url.ParseQuery rejects.
func rawQuery(raw string) url.Values {
	out := url.Values{}
	for _, part := range strings.Split(raw, "&") {
		if part == "" {
			continue
		}
		k, v, _ := strings.Cut(part, "=")
		k, err1 := url.QueryUnescape(k)
		v, err2 := url.QueryUnescape(v)
		if err1 == nil && err2 == nil {
			out.Add(k, v)
		}
	}
	return out
}

// writeList renders a list page as {items, nextPageToken, totalCount}.
func writeList(c *gin.Context, r listResult, err error) {
	if err != nil {
		gateway.Fail(c, err)
		return
	}
	body := gin.H{"items": r.Items, "totalCount": r.Total}
	if r.Next != nil {
		body["nextPageToken"] = *r.Next
	}
	gateway.JSON(c, http.StatusOK, body)
}

// baseURL is the absolute URL prefix this API is served under for this
// request (/llamadapro, or the root of its own port), for links in responses.
func baseURL(c *gin.Context) string {
	scheme := "http"
	if c.Request.TLS != nil {
		scheme = "https"
	}
	if p := c.GetHeader("X-Forwarded-Proto"); p == "http" || p == "https" {
		scheme = p
	}
	prefix, _, _ := strings.Cut(c.Request.URL.Path, "/api/")
	return scheme + "://" + c.Request.Host + prefix
}

// checkTenantParam rejects a tenantId query parameter that names another tenant.
func checkTenantParam(c *gin.Context) bool {
	if id := c.Query("tenantId"); id != "" && id != gateway.Tenant(c).ID() {
		gateway.Fail(c, errs.New(errs.Forbidden, "tenantId %s is not the tenant of this API key", id))
		return false
	}
	return true
}
