package server_test

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/switchboard-sim/switchboard/simulator/server"
	"github.com/switchboard-sim/switchboard/simulator/switchboardtest"
)

func TestEvictedTenantReturnsExactlyAsItWasWithAStateFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	sb := switchboardtest.Start(t, switchboardtest.WithConfig(func(c *server.Config) {
		c.StateFile, c.MaxTenants = path, 2
	}))
	tasks := sb.API("llamadapro") + "/api/v1/tasks"
	sb.Do(t, "PUT", tasks+"/task_123", map[string]any{"objective": "remember me"}, k1)
	sb.Do(t, "DELETE", tasks+"/task_124", nil, k1)
	sb.Admin.Advance(t, "k1", 42*time.Minute)
	want := string(sb.Do(t, "GET", tasks+"?limit=100", nil, k1).Body)
	wantNow := sb.Admin.Now(t, "k1")

	for _, k := range []string{"k2", "k3", "k4"} {
		sb.Do(t, "GET", tasks+"/task_123", nil, switchboardtest.Bearer(k))
	}
	if n := sb.Server.Tenants().Len(); n != 2 || sb.Server.Tenants().Evictions() < 2 {
		t.Fatalf("held %d tenants after %d evictions, want 2", n, sb.Server.Tenants().Evictions())
	}
	if got := string(sb.Do(t, "GET", tasks+"?limit=100", nil, k1).Body); got != want {
		t.Fatalf("k1 after eviction:\n%s\nwant\n%s", got, want)
	}
	if got := sb.Admin.Now(t, "k1"); !got.Equal(wantNow) {
		t.Fatalf("k1's clock after eviction %v, want %v", got, wantNow)
	}
	if n := len(sb.Admin.Requests(t, "operation=UpdateTask")); n != 1 {
		t.Fatalf("the rebuild was journalled: %d UpdateTask entries, want 1", n)
	}
}

func TestEvictedTenantReturnsFreshWithoutAStateFile(t *testing.T) {
	sb := switchboardtest.Start(t, switchboardtest.WithConfig(func(c *server.Config) { c.MaxTenants = 1 }))
	tasks := sb.API("llamadapro") + "/api/v1/tasks"
	fresh := string(sb.Do(t, "GET", tasks+"/task_123", nil, k1).Body)
	sb.Do(t, "PUT", tasks+"/task_123", map[string]any{"objective": "forgotten"}, k1)
	sb.Do(t, "GET", tasks+"/task_123", nil, switchboardtest.Bearer("k2"))
	if got := string(sb.Do(t, "GET", tasks+"/task_123", nil, k1).Body); got != fresh {
		t.Fatalf("k1 after eviction without a state file:\n%s\nwant the fixtures\n%s", got, fresh)
	}
}

// TestPendingTimersKeepATenantInMemory: a call in progress has timers that
// must fire on time (its progress), so its tenant is not evicted until they
// have; a task's due date is internal and re-armed by a rebuild, so it
// holds nothing.
func TestPendingTimersKeepATenantInMemory(t *testing.T) {
	sb := switchboardtest.Start(t, switchboardtest.WithConfig(func(c *server.Config) { c.MaxTenants = 1 }))
	api := sb.API("llamadapro")
	if r := sb.Do(t, "POST", api+"/api/v2/calls/agent", map[string]any{"toPhoneNumber": "+56912345678", "objectives": []any{"Say hi"}}, k1); r.Status >= 300 {
		t.Fatalf("start call: %d %s", r.Status, r.Body)
	}
	sb.Do(t, "GET", api+"/api/v1/tasks/task_123", nil, switchboardtest.Bearer("k2"))
	if n := sb.Server.Tenants().Len(); n != 2 {
		t.Fatalf("held %d tenants, want k1 kept for its call's timers", n)
	}
	sb.Admin.Advance(t, "k1", 24*time.Hour) // the call runs its course
	sb.Do(t, "GET", api+"/api/v1/tasks/task_123", nil, switchboardtest.Bearer("k3"))
	if n := sb.Server.Tenants().Len(); n != 1 {
		t.Fatalf("held %d tenants once k1's timers fired, want 1", n)
	}
}
