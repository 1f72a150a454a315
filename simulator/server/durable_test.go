package server_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/switchboard-sim/switchboard/simulator/server"
	"github.com/switchboard-sim/switchboard/simulator/switchboardtest"
)

func withState(path string) switchboardtest.Option {
	return switchboardtest.WithConfig(func(c *server.Config) { c.StateFile = path })
}

// crashCopy copies a state file while its server still runs: what a kill -9
// leaves behind, since every acknowledged write is fsynced. (The server
// holds the file's lock, so a second server cannot open the file itself.)
func crashCopy(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "crashed.db")
	if err := os.WriteFile(out, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestStateSurvivesACrash writes through one server and reads through a
// second opened on what the file holds while the first was never closed.
func TestStateSurvivesACrash(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.jsonl")
	a := switchboardtest.Start(t, withState(path))
	tasks := a.API("llamadapro") + "/api/v1/tasks"
	now := a.Admin.Now(t, "k1")
	var created struct {
		ID string `json:"id"`
	}
	a.Do(t, "POST", tasks, map[string]any{
		"context": map[string]any{"conversationId": 1}, "objective": "survive", "createdBy": map[string]any{"id": "u", "type": "user"},
		"assignedTo": map[string]any{"id": "u", "type": "user"}, "dueDate": now.Add(2 * time.Hour).Format(time.RFC3339),
	}, k1).JSON(t, &created)
	a.Do(t, "DELETE", tasks+"/task_124", nil, k1)
	a.Admin.Advance(t, "k1", time.Hour)
	a.Do(t, "PUT", tasks+"/task_123", map[string]any{"objective": "edited"}, k1)
	a.Admin.SetAccess(t, "ro", "read-only")
	want := string(a.Do(t, "GET", tasks+"?limit=100", nil, k1).Body)

	b := switchboardtest.Start(t, withState(crashCopy(t, path)))
	btasks := b.API("llamadapro") + "/api/v1/tasks"
	if got := string(b.Do(t, "GET", btasks+"?limit=100", nil, k1).Body); got != want {
		t.Fatalf("state after restart differs:\nbefore %s\nafter  %s", want, got)
	}
	if got := b.Admin.Now(t, "k1"); !got.Equal(now.Add(time.Hour)) {
		t.Fatalf("clock after restart %v, want %v", got, now.Add(time.Hour))
	}
	if r := b.Do(t, "POST", btasks, map[string]any{}, switchboardtest.Bearer("ro")); r.Status != 403 {
		t.Fatalf("read-only credential after restart: %d", r.Status)
	}
	// The pending due-date timer was re-armed by the replay.
	b.Admin.Advance(t, "k1", 61*time.Minute)
	r := b.Do(t, "GET", btasks+"/"+created.ID, nil, k1)
	if !strings.Contains(string(r.Body), `"status":"overdue"`) {
		t.Fatalf("the replayed task did not go overdue: %s", r.Body)
	}
	// And the restarted server keeps appending: a third start sees b's writes too.
	b.Do(t, "DELETE", btasks+"/task_123", nil, k1)
	c := switchboardtest.Start(t, withState(crashCopy(t, b.Server.StateHealth().Path)))
	if r := c.Do(t, "GET", c.API("llamadapro")+"/api/v1/tasks/task_123", nil, k1); r.Status != 404 {
		t.Fatalf("a write made after the first restart was lost: %d", r.Status)
	}
}

func TestSnapshotRestoresATenantsWorldIntoAnother(t *testing.T) {
	sb := switchboardtest.Start(t)
	tasks := sb.API("llamadapro") + "/api/v1/tasks"
	sb.Do(t, "PUT", tasks+"/task_123", map[string]any{"objective": "saved world"}, k1)
	sb.Do(t, "DELETE", tasks+"/task_124", nil, k1)
	sb.Admin.Advance(t, "k1", 30*time.Minute)
	snap := sb.Admin.Do(t, "POST", "/snapshot?tenant=k1", nil).Body

	r := sb.Do(t, "POST", sb.Admin.URL()+"/restore?tenant=qa-run-7", snap)
	if r.Status != 200 || !strings.Contains(string(r.Body), `"failedWrites":0`) {
		t.Fatalf("restore: %d %s", r.Status, r.Body)
	}
	qa := switchboardtest.Bearer("qa-run-7")
	if r := sb.Do(t, "GET", tasks+"/task_123", nil, qa); !strings.Contains(string(r.Body), "saved world") {
		t.Fatalf("restored tenant lacks the edit: %s", r.Body)
	}
	if r := sb.Do(t, "GET", tasks+"/task_124", nil, qa); r.Status != 404 {
		t.Fatalf("restored tenant still has the deleted task: %d", r.Status)
	}
	if got, want := sb.Admin.Now(t, "qa-run-7"), sb.Admin.Now(t, "k1"); !got.Equal(want) {
		t.Fatalf("restored clock %v, want %v", got, want)
	}
	if r := sb.Do(t, "GET", tasks+"/task_123", nil, k1); !strings.Contains(string(r.Body), "saved world") {
		t.Fatal("restoring elsewhere changed the source tenant")
	}
	if r := sb.Do(t, "POST", sb.Admin.URL()+"/restore", []byte(`{"schemaVersion":2,"tenant":"x","now":"2025-01-01T00:00:00Z","records":[]}`)); r.Status != 400 {
		t.Fatalf("bad schemaVersion: %d", r.Status)
	}
	if r := sb.Do(t, "POST", sb.Admin.URL()+"/snapshot", nil); r.Status != 400 {
		t.Fatalf("snapshot without a tenant: %d", r.Status)
	}

}

func TestSnapshotHoldsOnlyWritesSinceTheTenantsLastReset(t *testing.T) {
	sb := switchboardtest.Start(t)
	tasks := sb.API("llamadapro") + "/api/v1/tasks"
	sb.Do(t, "PUT", tasks+"/task_123", map[string]any{"objective": "before the reset"}, k1)
	sb.Admin.Reset(t, "k1")
	sb.Do(t, "PUT", tasks+"/task_123", map[string]any{"objective": "after the reset"}, k1)
	sb.Do(t, "PUT", tasks+"/task_123", map[string]any{"objective": "another tenant"}, switchboardtest.Bearer("k2"))
	var snap struct {
		Records []struct {
			Kind   string `json:"kind"`
			Target string `json:"target"`
		} `json:"records"`
	}
	sb.Admin.Do(t, "POST", "/snapshot?tenant=k1", nil).JSON(t, &snap)
	if len(snap.Records) != 1 || snap.Records[0].Target != "/llamadapro/api/v1/tasks/task_123" {
		t.Fatalf("snapshot records %+v, want only the write after the reset", snap.Records)
	}
}

// TestResetCompactsTheStateFileAndKeepsTheClock: a tenant's reset drops its
// records from the file, and a restart still finds the tenant at the time
// it had (a reset without clock=true keeps it) with nothing before the reset.
func TestResetCompactsTheStateFileAndKeepsTheClock(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	a := switchboardtest.Start(t, withState(path))
	tasks := a.API("llamadapro") + "/api/v1/tasks"
	for i := 0; i < 20; i++ {
		a.Do(t, "PUT", tasks+"/task_123", map[string]any{"objective": fmt.Sprintf("edit %d", i)}, k1)
	}
	a.Admin.Advance(t, "k1", 2*time.Hour)
	if n := a.Server.StateHealth().Records; n < 21 {
		t.Fatalf("%d records before the reset", n)
	}
	a.Admin.Reset(t, "k1")
	if n := a.Server.StateHealth().Records; n != 1 {
		t.Fatalf("%d records after the reset, want only the reset", n)
	}
	a.Admin.Advance(t, "k1", time.Hour)
	want := a.Admin.Now(t, "k1")
	body := string(a.Do(t, "GET", tasks+"/task_123", nil, k1).Body)

	b := switchboardtest.Start(t, withState(crashCopy(t, path)))
	if got := b.Admin.Now(t, "k1"); !got.Equal(want) {
		t.Fatalf("clock after restart %v, want %v", got, want)
	}
	if got := string(b.Do(t, "GET", b.API("llamadapro")+"/api/v1/tasks/task_123", nil, k1).Body); got != body {
		t.Fatalf("after restart:\n%s\nwant\n%s", got, body)
	}
}

// TestWithoutStateFileNothingIsWrittenToDisk: serving writes and taking a
// snapshot leave the temporary directory empty.
func TestWithoutStateFileNothingIsWrittenToDisk(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	sb := switchboardtest.Start(t)
	tasks := sb.API("llamadapro") + "/api/v1/tasks"
	for i := 0; i < 10; i++ {
		sb.Do(t, "PUT", tasks+"/task_123", map[string]any{"objective": fmt.Sprintf("edit %d", i)}, k1)
	}
	if r := sb.Admin.Do(t, "POST", "/snapshot?tenant=k1", nil); r.Status != 200 || strings.Count(string(r.Body), `"kind":"api"`) != 10 {
		t.Fatalf("snapshot: %d %s", r.Status, r.Body)
	}
	if entries, _ := os.ReadDir(tmp); len(entries) != 0 {
		t.Fatalf("files written without --state-file: %v", entries)
	}
	if st := sb.Server.StateHealth(); st.Durable || st.Records != 10 || st.MaxBytes == 0 {
		t.Fatalf("in-memory history: %+v", st)
	}
}
