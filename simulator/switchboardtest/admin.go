package switchboardtest

import (
	"net/http"
	"net/url"
	"testing"
	"time"
)

// AdminClient drives the control plane from a test.
type AdminClient struct {
	base   string
	client *http.Client
}

// URL is the control plane's base URL.
func (a *AdminClient) URL() string { return a.base }

// Do sends a control-plane request and fails the test unless it answers 200.
func (a *AdminClient) Do(t testing.TB, method, path string, body any) *Response {
	t.Helper()
	r := do(t, a.client, method, a.base+path, body)
	if r.Status != http.StatusOK {
		t.Fatalf("control plane %s %s: %d %s", method, path, r.Status, r.Body)
	}
	return r
}

func tenantQuery(tenant string) string {
	if tenant == "" {
		return ""
	}
	return "?tenant=" + url.QueryEscape(tenant)
}

// Advance moves one tenant's clock (by id or credential), or every clock
// when tenant is empty.
func (a *AdminClient) Advance(t testing.TB, tenant string, d time.Duration) {
	t.Helper()
	a.Do(t, http.MethodPost, "/clock/advance"+tenantQuery(tenant), map[string]string{"by": d.String()})
}

// Now is a tenant's current time.
func (a *AdminClient) Now(t testing.TB, tenant string) time.Time {
	t.Helper()
	var out struct {
		Now time.Time `json:"now"`
	}
	a.Do(t, http.MethodGet, "/clock"+tenantQuery(tenant), nil).JSON(t, &out)
	return out.Now
}

// SetAccess sets a credential's access: read-write, read-only or revoked.
func (a *AdminClient) SetAccess(t testing.TB, credential, access string) {
	t.Helper()
	a.Do(t, http.MethodPost, "/credentials", map[string]string{"credential": credential, "access": access})
}

// Reset returns a tenant (or all, when empty) to its fixtures.
func (a *AdminClient) Reset(t testing.TB, tenant string) {
	t.Helper()
	a.Do(t, http.MethodPost, "/reset"+tenantQuery(tenant), nil)
}

// JournalEntry is one recorded request as the control plane lists it.
type JournalEntry struct {
	Tenant     string `json:"tenant"`
	API        string `json:"api"`
	Operation  string `json:"operation"`
	Method     string `json:"method"`
	Path       string `json:"path"`
	Status     int    `json:"status"`
	Body       string `json:"body"`
	Violations []struct {
		Field   string `json:"field"`
		Message string `json:"message"`
	} `json:"violations"`
	Headers map[string][]string `json:"headers"`
	// Explanation says why a 400, 401, 403, 404 or 405 was not served as asked.
	Explanation *struct {
		Kind       string `json:"kind"`
		Summary    string `json:"summary"`
		Candidates []struct {
			Method    string   `json:"method"`
			Path      string   `json:"path"`
			Operation string   `json:"operation"`
			Differs   []string `json:"differs"`
		} `json:"candidates"`
		Expected []string `json:"expected"`
		Received []string `json:"received"`
		Tried    []string `json:"tried"`
		Fields   []struct {
			Pointer string `json:"pointer"`
			Rule    string `json:"rule"`
			Allowed string `json:"allowed"`
			Message string `json:"message"`
		} `json:"fields"`
	} `json:"explanation"`
}

// Requests lists journal entries; query is a raw query string such as
// "api=llamadapro&operation=CreateTask".
func (a *AdminClient) Requests(t testing.TB, query string) []JournalEntry {
	t.Helper()
	var out struct {
		Requests []JournalEntry `json:"requests"`
	}
	a.Do(t, http.MethodGet, "/requests?"+query, nil).JSON(t, &out)
	return out.Requests
}
