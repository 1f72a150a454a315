package switchboardtest_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/switchboard-sim/switchboard/simulator/switchboardtest"
)

// TestUnknownPathIsJournalledWithTheClosestOperation is the acceptance of
// issue 14: a typo in a path gets the vendor's 404 body as before, and the
// journal entry and the header name the operation that was meant.
func TestUnknownPathIsJournalledWithTheClosestOperation(t *testing.T) {
	sb := switchboardtest.Start(t)
	sb.Do(t, http.MethodGet, sb.API("llamadapro")+"/api/v1/tasks", nil, switchboardtest.Bearer("k1")).Expect(t, 200)
	r := sb.Do(t, http.MethodGet, sb.API("llamadapro")+"/api/v1/task/task_123", nil, switchboardtest.Bearer("k1"))
	if r.Status != http.StatusNotFound {
		t.Fatalf("status %d, want 404: %s", r.Status, r.Body)
	}
	// The vendor's body: exactly what LlamadaPro's error renderer gives,
	// without a word of the explanation.
	if strings.Contains(string(r.Body), "tasks/{taskId}") || strings.Contains(string(r.Body), "did you mean") {
		t.Fatalf("the explanation leaked into the vendor's body: %s", r.Body)
	}
	var body map[string]any
	if err := json.Unmarshal(r.Body, &body); err != nil {
		t.Fatalf("body is not the vendor's JSON: %s", r.Body)
	}
	if h := r.Header.Get(switchboardtest.ExplainHeader); !strings.Contains(h, "GET /api/v1/tasks/{taskId}") {
		t.Fatalf("%s = %q, want it to name GET /api/v1/tasks/{taskId}", switchboardtest.ExplainHeader, h)
	}
	got := sb.Admin.Requests(t, "api=llamadapro&path=/llamadapro/api/v1/task/task_123")
	if len(got) != 1 {
		t.Fatalf("journal has %d entries for the unknown path, want 1", len(got))
	}
	e := got[0]
	if e.Status != 404 || e.Explanation == nil || e.Explanation.Kind != "unknown-path" {
		t.Fatalf("entry = %+v, want a 404 with an unknown-path explanation", e)
	}
	if len(e.Explanation.Candidates) == 0 || len(e.Explanation.Candidates) > 3 || e.Explanation.Candidates[0].Path != "/api/v1/tasks/{taskId}" {
		t.Fatalf("candidates = %+v, want at most 3 with /api/v1/tasks/{taskId} first", e.Explanation.Candidates)
	}
	if e.Tenant == "" {
		t.Errorf("the entry names no tenant; the credential's tenant exists")
	}
}

func TestWrongMethodIsExplained(t *testing.T) {
	sb := switchboardtest.Start(t)
	r := sb.Do(t, http.MethodDelete, sb.API("llamadapro")+"/api/v1/tasks", nil, switchboardtest.Bearer("k1"))
	if r.Status != http.StatusMethodNotAllowed && r.Status != http.StatusNotFound {
		t.Fatalf("status %d: %s", r.Status, r.Body)
	}
	e := sb.Admin.Requests(t, "api=llamadapro&method=DELETE")
	if len(e) != 1 || e[0].Explanation == nil || e[0].Explanation.Kind != "method" {
		t.Fatalf("entries = %+v, want one with a method explanation", e)
	}
	if c := e[0].Explanation.Candidates; len(c) == 0 || c[0].Path != "/api/v1/tasks" {
		t.Fatalf("candidates = %+v, want /api/v1/tasks first", c)
	}
}

// TestAuthFailureNamesTheSchemeNotTheSecret: MaiAgent wants Api-Key, the
// client sent Bearer.
func TestAuthFailureNamesTheSchemeNotTheSecret(t *testing.T) {
	sb := switchboardtest.Start(t)
	r := sb.Do(t, http.MethodGet, sb.API("maiagent")+"/api/conversations/", nil, switchboardtest.Header{"Authorization", "Bearer sekrit-123"})
	if r.Status != http.StatusUnauthorized {
		t.Fatalf("status %d: %s", r.Status, r.Body)
	}
	h := r.Header.Get(switchboardtest.ExplainHeader)
	if !strings.Contains(h, "Authorization") || !strings.Contains(h, "Bearer [REDACTED]") || strings.Contains(h, "sekrit") {
		t.Fatalf("%s = %q, want the expected header and the redacted Bearer that arrived", switchboardtest.ExplainHeader, h)
	}
	e := sb.Admin.Requests(t, "api=maiagent&status=401")
	if len(e) != 1 || e[0].Explanation == nil || e[0].Explanation.Kind != "auth" || len(e[0].Explanation.Expected) == 0 {
		t.Fatalf("entries = %+v, want an auth explanation", e)
	}
	if !strings.Contains(strings.Join(e[0].Explanation.Expected, " "), "Api-Key") {
		t.Fatalf("expected = %v, want it to name Api-Key", e[0].Explanation.Expected)
	}
}

func TestContractViolationNamesPointerRuleAndAllowedValues(t *testing.T) {
	sb := switchboardtest.Start(t)
	r := sb.Do(t, http.MethodGet, sb.API("llamadapro")+"/api/v1/tasks?status=pending", nil, switchboardtest.Bearer("k1"))
	r.Expect(t, http.StatusBadRequest)
	h := r.Header.Get(switchboardtest.ExplainHeader)
	if !strings.Contains(h, "query:/status (enum): one of completed, cancelled, scheduled, overdue") {
		t.Fatalf("%s = %q, want the pointer, the rule and the allowed values", switchboardtest.ExplainHeader, h)
	}
	e := sb.Admin.Requests(t, "api=llamadapro&status=400")
	if len(e) != 1 || e[0].Explanation == nil || e[0].Explanation.Kind != "contract" || len(e[0].Explanation.Fields) != 1 {
		t.Fatalf("entries = %+v, want a contract explanation", e)
	}
	if f := e[0].Explanation.Fields[0]; f.Pointer != "query:/status" || f.Rule != "enum" || !strings.Contains(f.Allowed, "overdue") {
		t.Fatalf("field = %+v", f)
	}
}

// TestTenantRefusalNamesTheKeysTried: a revoked Bright Pattern credential
// is read (tenant URL and appId) but refused; the explanation says which
// keys named the tenant.
func TestTenantRefusalNamesTheKeysTried(t *testing.T) {
	sb := switchboardtest.Start(t)
	sb.Admin.SetAccess(t, "demo.brightpattern.com/SwitchboardWebChat", "revoked")
	r := sb.Do(t, http.MethodPost, sb.API("brightpattern")+"/clientweb/api/v1/chats?tenantUrl=demo.brightpattern.com",
		map[string]any{"phone_number": "", "from": "", "parameters": map[string]any{}},
		switchboardtest.Header{"Authorization", `MOBILE-API-140-327-PLAIN appId="SwitchboardWebChat", clientId="x"`})
	r.Expect(t, http.StatusUnauthorized)
	h := r.Header.Get(switchboardtest.ExplainHeader)
	for _, want := range []string{"tenant URL demo.brightpattern.com", "appId SwitchboardWebChat", "revoked"} {
		if !strings.Contains(h, want) {
			t.Fatalf("%s = %q, want it to name %q", switchboardtest.ExplainHeader, h, want)
		}
	}
	e := sb.Admin.Requests(t, "api=brightpattern&status=401")
	if len(e) != 1 || e[0].Explanation == nil || e[0].Explanation.Kind != "tenant" || len(e[0].Explanation.Tried) < 3 {
		t.Fatalf("entries = %+v, want a tenant explanation with the keys tried", e)
	}
}
