package dashboard_test

import (
	"net/http"
	"testing"

	"github.com/switchboard-sim/switchboard/simulator/switchboardtest"
)

type panelsOut struct {
	Tenants []struct {
		Tenant string `json:"tenant"`
		APIs   []struct {
			API    string `json:"api"`
			Tables []struct {
				Title string `json:"title"`
				Rows  []struct {
					Cells   []string `json:"cells"`
					Actions []struct {
						Label, Method, Path string
					} `json:"actions"`
				} `json:"rows"`
			} `json:"tables"`
		} `json:"apis"`
	} `json:"tenants"`
}

// TestPanelsShowEachUsedAPIAndCreateNothing: every API a tenant used shows
// its tables; asking about a tenant that does not exist creates none.
func TestPanelsShowEachUsedAPIAndCreateNothing(t *testing.T) {
	sb := switchboardtest.Start(t)
	sb.Do(t, "GET", sb.API("llamadapro")+"/api/v1/tasks", nil, switchboardtest.Bearer("p1")).Expect(t, 200)
	sb.Do(t, "GET", sb.API("maiagent")+"/api/conversations/", nil, switchboardtest.Header{"Authorization", "Api-Key p1"}).Expect(t, 200)

	var out panelsOut
	sb.Admin.Do(t, http.MethodGet, "/panels?tenant=p1", nil).JSON(t, &out)
	if len(out.Tenants) != 1 {
		t.Fatalf("tenants = %d, want 1", len(out.Tenants))
	}
	got := map[string][]string{}
	for _, a := range out.Tenants[0].APIs {
		for _, tb := range a.Tables {
			got[a.API] = append(got[a.API], tb.Title)
		}
	}
	if len(got["llamadapro"]) != 3 || len(got["maiagent"]) != 3 {
		t.Fatalf("tables = %v, want LlamadaPro's and MaiAgent's three each", got)
	}
	if _, ok := got["aicc"]; ok {
		t.Fatalf("tables = %v: AICC was never used by this tenant", got)
	}

	sb.Admin.Do(t, http.MethodGet, "/panels?tenant=never-seen", nil).JSON(t, &out)
	if len(out.Tenants) != 0 {
		t.Fatalf("an unknown tenant got panels: %+v", out.Tenants)
	}
	var tenants struct {
		Tenants []struct{ ID string } `json:"tenants"`
	}
	sb.Admin.Do(t, http.MethodGet, "/tenants", nil).JSON(t, &tenants)
	if len(tenants.Tenants) != 1 {
		t.Fatalf("tenants = %+v, want only p1's", tenants.Tenants)
	}
}

// TestEventsStreamIsGuarded: the stream and the page sit behind the guard.
func TestEventsStreamIsGuarded(t *testing.T) {
	sb := switchboardtest.Start(t)
	req, _ := http.NewRequest(http.MethodGet, sb.URL+"/__admin/ui", nil)
	req.Host = "evil.example"
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Fatalf("a foreign Host got %d for the dashboard, want 403", resp.StatusCode)
	}
}
