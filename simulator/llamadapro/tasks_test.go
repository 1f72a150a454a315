package llamadapro_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/switchboard-sim/switchboard/simulator/switchboardtest"
)

type task struct {
	ID          string     `json:"id"`
	TenantID    string     `json:"tenantId"`
	Objective   string     `json:"objective"`
	Status      string     `json:"status"`
	CreatedAt   time.Time  `json:"createdAt"`
	UpdatedAt   time.Time  `json:"updatedAt"`
	DueDate     *time.Time `json:"dueDate"`
	CompletedAt *time.Time `json:"completedAt"`
	CancelledAt *time.Time `json:"cancelledAt"`
	AssignedTo  struct {
		ID   string `json:"id"`
		Type string `json:"type"`
	} `json:"assignedTo"`
	Context struct {
		ConversationID int64 `json:"conversationId"`
	} `json:"context"`
}

type taskPage struct {
	NextPageToken *string `json:"nextPageToken"`
	TotalCount    int     `json:"totalCount"`
	Items         []task  `json:"items"`
}

type errorBody struct {
	Code    int                       `json:"code"`
	Error   string                    `json:"error"`
	Message string                    `json:"message"`
	Details map[string]map[string]any `json:"details"`
}

func newTask(objective string, due time.Time) map[string]any {
	body := map[string]any{
		"context":    map[string]any{"conversationId": 1001},
		"createdBy":  map[string]any{"id": "u_1", "type": "user"},
		"assignedTo": map[string]any{"id": "123", "type": "user"},
		"dueDate":    due.Format(time.RFC3339),
	}
	if objective != "" {
		body["objective"] = objective
	}
	return body
}

func TestTaskLifecycleIsConsistentAtEveryStep(t *testing.T) {
	t.Parallel()
	sb := switchboardtest.Start(t)
	base := sb.API("llamadapro") + "/api/v1/tasks"
	k := switchboardtest.Bearer("lifecycle-key")
	now := sb.Admin.Now(t, "lifecycle-key")

	r := sb.Do(t, "POST", base, newTask("Send proposal to client", now.Add(48*time.Hour)), k)
	if r.Status != 200 {
		t.Fatalf("create: %d %s", r.Status, r.Body)
	}
	var created task
	r.JSON(t, &created)
	if created.Status != "scheduled" || !created.CreatedAt.Equal(now) || created.TenantID == "" {
		t.Fatalf("created task %+v: want scheduled, createdAt %v and a tenantId", created, now)
	}

	var got task
	sb.Do(t, "GET", base+"/"+created.ID, nil, k).JSON(t, &got)
	if got.Objective != "Send proposal to client" || got.ID != created.ID {
		t.Fatalf("get returned %+v", got)
	}

	sb.Admin.Advance(t, "lifecycle-key", time.Hour)
	r = sb.Do(t, "PUT", base+"/"+created.ID, map[string]any{"status": "completed", "objective": "Updated task objective"}, k)
	var updated task
	r.JSON(t, &updated)
	if updated.Status != "completed" || updated.Objective != "Updated task objective" ||
		updated.CompletedAt == nil || !updated.CompletedAt.Equal(now.Add(time.Hour)) || !updated.UpdatedAt.Equal(now.Add(time.Hour)) {
		t.Fatalf("update gave %+v, want completed at %v", updated, now.Add(time.Hour))
	}
	if updated.DueDate == nil || !updated.DueDate.Equal(*created.DueDate) {
		t.Fatalf("partial update changed dueDate: %v -> %v", created.DueDate, updated.DueDate)
	}

	var page taskPage
	sb.Do(t, "GET", base+"?status=completed&limit=100", nil, k).JSON(t, &page)
	if !containsTask(page.Items, created.ID) {
		t.Fatalf("completed task %s missing from status=completed list", created.ID)
	}

	r = sb.Do(t, "DELETE", base+"/"+created.ID, nil, k)
	var deleted task
	r.JSON(t, &deleted)
	if r.Status != 200 || deleted.ID != created.ID || deleted.Status != "completed" {
		t.Fatalf("delete: %d %+v", r.Status, deleted)
	}
	r = sb.Do(t, "GET", base+"/"+created.ID, nil, k)
	var nf errorBody
	r.JSON(t, &nf)
	if r.Status != 404 || nf.Code != 404 || nf.Error != "Not Found" || !strings.Contains(nf.Message, created.ID) {
		t.Fatalf("get after delete: %d %s", r.Status, r.Body)
	}
	if r := sb.Do(t, "DELETE", base+"/"+created.ID, nil, k); r.Status != 404 {
		t.Fatalf("second delete: %d, want 404", r.Status)
	}
}

func TestSeedUpdateExampleWorksAgainstFixtures(t *testing.T) {
	t.Parallel()
	sb := switchboardtest.Start(t)
	r := sb.Do(t, "PUT", sb.API("llamadapro")+"/api/v1/tasks/task_123",
		map[string]any{"status": "completed", "objective": "Updated task objective"}, switchboardtest.Bearer("k1"))
	var got task
	r.JSON(t, &got)
	if r.Status != 200 || got.ID != "task_123" || got.Status != "completed" || got.CompletedAt == nil {
		t.Fatalf("seed example PUT task_123: %d %s", r.Status, r.Body)
	}
}

func TestCreateWithoutObjectiveIsRejectedAndNothingIsCreated(t *testing.T) {
	t.Parallel()
	sb := switchboardtest.Start(t)
	base := sb.API("llamadapro") + "/api/v1/tasks"
	k := switchboardtest.Bearer("k-missing")
	var before taskPage
	sb.Do(t, "GET", base, nil, k).JSON(t, &before)

	body := newTask("", time.Now())
	delete(body, "context")
	r := sb.Do(t, "POST", base, body, k)
	var e errorBody
	r.JSON(t, &e)
	if r.Status != 400 || e.Code != 400 || e.Error != "Bad Request" {
		t.Fatalf("create without objective: %d %s", r.Status, r.Body)
	}
	for _, field := range []string{"objective", "context"} {
		if _, ok := e.Details[field]; !ok {
			t.Errorf("400 details do not name %q: %s", field, r.Body)
		}
	}
	var after taskPage
	sb.Do(t, "GET", base, nil, k).JSON(t, &after)
	if after.TotalCount != before.TotalCount {
		t.Fatalf("a rejected create changed the task count: %d -> %d", before.TotalCount, after.TotalCount)
	}
	entries := sb.Admin.Requests(t, "api=llamadapro&operation=CreateTask")
	if len(entries) != 1 || entries[0].Status != 400 || len(entries[0].Violations) < 2 {
		t.Fatalf("journal: %+v, want one CreateTask with its violations", entries)
	}
	if entries[0].Headers["Authorization"][0] != "Bearer [REDACTED]" {
		t.Fatalf("journal kept the credential: %v", entries[0].Headers["Authorization"])
	}
}

func TestBadInputGets4xxInTheVendorShapeAndChangesNothing(t *testing.T) {
	t.Parallel()
	sb := switchboardtest.Start(t)
	base := sb.API("llamadapro") + "/api/v1/tasks"
	k := switchboardtest.Bearer("k-bad")
	json := switchboardtest.Header{"Content-Type", "application/json"}
	huge := `{"objective":"` + strings.Repeat("x", 2<<20) + `"}`
	cases := []struct {
		name, method, url string
		body              any
		headers           []switchboardtest.Header
		status            int
		field             string
	}{
		{"malformed JSON", "POST", base, "{bad", []switchboardtest.Header{k, json}, 400, "body"},
		{"wrong type", "POST", base, `{"objective":5,"context":{"conversationId":"x"},"createdBy":{"id":"1","type":"user"},"assignedTo":{"id":"1","type":"user"}}`, []switchboardtest.Header{k, json}, 400, "objective"},
		{"unknown enum", "PUT", base + "/task_123", `{"status":"pending"}`, []switchboardtest.Header{k, json}, 400, "status"},
		{"unknown enum in query", "GET", base + "?status=pending", nil, []switchboardtest.Header{k}, 400, "status"},
		{"bad date in query", "GET", base + "?dueBefore=tomorrow", nil, []switchboardtest.Header{k}, 400, "dueBefore"},
		{"limit below 1", "GET", base + "?limit=0", nil, []switchboardtest.Header{k}, 400, "limit"},
		{"foreign page token", "GET", base + "?pageToken=Xde34567890", nil, []switchboardtest.Header{k}, 400, "pageToken"},
		{"oversized body", "POST", base, huge, []switchboardtest.Header{k, json}, 413, ""},
		{"unknown id", "GET", base + "/task_nope", nil, []switchboardtest.Header{k}, 404, ""},
		{"wrong method", "PATCH", base + "/task_123", `{}`, []switchboardtest.Header{k, json}, 405, ""},
		{"wrong content type", "POST", base, `objective=x`, []switchboardtest.Header{k, {"Content-Type", "application/x-www-form-urlencoded"}}, 415, "Content-Type"},
		{"empty body", "PUT", base + "/task_123", nil, []switchboardtest.Header{k, json}, 400, "body"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := sb.Do(t, c.method, c.url, c.body, c.headers...)
			var e errorBody
			r.JSON(t, &e)
			if r.Status != c.status || e.Code != c.status || e.Error == "" || e.Message == "" || e.Details == nil {
				t.Fatalf("%s: %d %s, want %d in {code,error,message,details}", c.name, r.Status, r.Body, c.status)
			}
			if c.field != "" {
				if _, ok := e.Details[c.field]; !ok {
					t.Fatalf("details do not name %q: %s", c.field, r.Body)
				}
			}
		})
	}
	var got task
	sb.Do(t, "GET", base+"/task_123", nil, k).JSON(t, &got)
	if got.Status != "scheduled" || got.Objective != "Send proposal to client" {
		t.Fatalf("bad requests changed task_123: %+v", got)
	}
}

func TestAuth(t *testing.T) {
	t.Parallel()
	sb := switchboardtest.Start(t)
	url := sb.API("llamadapro") + "/api/v1/tasks"
	cases := []struct {
		name   string
		header switchboardtest.Header
		status int
	}{
		{"bearer", switchboardtest.Bearer("k1"), 200},
		{"x-api-key", switchboardtest.Header{"x-api-key", "k1"}, 200},
		{"no credential", switchboardtest.Header{"Accept", "application/json"}, 401},
		{"basic scheme", switchboardtest.Header{"Authorization", "Basic azE6"}, 401},
		{"empty bearer", switchboardtest.Header{"Authorization", "Bearer "}, 401},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if r := sb.Do(t, "GET", url, nil, c.header); r.Status != c.status {
				t.Fatalf("%d %s, want %d", r.Status, r.Body, c.status)
			}
		})
	}

	sb.Admin.SetAccess(t, "ro-key", "read-only")
	if r := sb.Do(t, "GET", url, nil, switchboardtest.Bearer("ro-key")); r.Status != 200 {
		t.Fatalf("read-only GET: %d", r.Status)
	}
	r := sb.Do(t, "POST", url, newTask("x", time.Now()), switchboardtest.Bearer("ro-key"))
	if r.Status != 403 || !strings.Contains(string(r.Body), `"code":403`) {
		t.Fatalf("read-only POST: %d %s, want 403", r.Status, r.Body)
	}
	sb.Admin.SetAccess(t, "gone-key", "revoked")
	if r := sb.Do(t, "GET", url, nil, switchboardtest.Bearer("gone-key")); r.Status != 401 {
		t.Fatalf("revoked: %d, want 401", r.Status)
	}
	sb.Admin.SetAccess(t, "gone-key", "read-write")
	if r := sb.Do(t, "GET", url, nil, switchboardtest.Bearer("gone-key")); r.Status != 200 {
		t.Fatalf("restored: %d, want 200", r.Status)
	}
}

func TestTenantsAreIsolated(t *testing.T) {
	t.Parallel()
	sb := switchboardtest.Start(t)
	base := sb.API("llamadapro") + "/api/v1/tasks"
	var a, b task
	sb.Do(t, "POST", base, newTask("only in k1", time.Now().Add(time.Hour)), switchboardtest.Bearer("k1")).JSON(t, &a)
	if r := sb.Do(t, "GET", base+"/"+a.ID, nil, switchboardtest.Bearer("k2")); r.Status != 404 {
		t.Fatalf("k2 sees k1's task: %d", r.Status)
	}
	sb.Do(t, "GET", base+"/task_123", nil, switchboardtest.Bearer("k2")).JSON(t, &b)
	if a.TenantID == b.TenantID {
		t.Fatalf("k1 and k2 share tenant %s", a.TenantID)
	}
	// The same credential on another header form is the same tenant.
	if r := sb.Do(t, "GET", base+"/"+a.ID, nil, switchboardtest.Header{"x-api-key", "k1"}); r.Status != 200 {
		t.Fatalf("x-api-key k1 is not k1's tenant: %d", r.Status)
	}
	// X-Switchboard-Tenant picks a tenant explicitly.
	r := sb.Do(t, "GET", base+"/"+a.ID, nil, switchboardtest.Bearer("k2"), switchboardtest.Header{"X-Switchboard-Tenant", a.TenantID})
	if r.Status != 200 {
		t.Fatalf("X-Switchboard-Tenant %s: %d", a.TenantID, r.Status)
	}
}

func TestPaginationAcrossPagesHasNoDuplicatesOrGapsUnderInserts(t *testing.T) {
	t.Parallel()
	sb := switchboardtest.Start(t)
	base := sb.API("llamadapro") + "/api/v1/tasks"
	k := switchboardtest.Bearer("k-pages")
	var all taskPage
	sb.Do(t, "GET", base+"?limit=1000", nil, k).JSON(t, &all)
	if len(all.Items) != 100 && len(all.Items) != all.TotalCount {
		t.Fatalf("limit 1000 gave %d items of %d", len(all.Items), all.TotalCount)
	}
	if all.TotalCount < 25 {
		t.Fatalf("only %d fixture tasks, want at least 25", all.TotalCount)
	}
	seen := map[string]bool{}
	url := base + "?limit=7"
	pages := 0
	for {
		var p taskPage
		sb.Do(t, "GET", url, nil, k).JSON(t, &p)
		pages++
		for _, it := range p.Items {
			if seen[it.ID] {
				t.Fatalf("task %s seen twice", it.ID)
			}
			seen[it.ID] = true
		}
		// A concurrent insert between pages must not shift later pages.
		sb.Do(t, "POST", base, newTask(fmt.Sprintf("inserted during page %d", pages), time.Now().Add(time.Hour)), k)
		if p.NextPageToken == nil {
			break
		}
		url = base + "?limit=7&pageToken=" + *p.NextPageToken
	}
	if pages < 3 || len(seen) != all.TotalCount {
		t.Fatalf("%d pages covered %d tasks, want >=3 pages covering all %d", pages, len(seen), all.TotalCount)
	}
	for _, it := range all.Items {
		if !seen[it.ID] {
			t.Fatalf("gap: task %s never paged", it.ID)
		}
	}
}

func TestFiltersAndLimitClamp(t *testing.T) {
	t.Parallel()
	sb := switchboardtest.Start(t)
	base := sb.API("llamadapro") + "/api/v1/tasks"
	k := switchboardtest.Bearer("k-filter")
	var all taskPage
	sb.Do(t, "GET", base+"?limit=500", nil, k).JSON(t, &all)
	if len(all.Items) > 100 {
		t.Fatalf("limit 500 returned %d items, want clamp to 100", len(all.Items))
	}
	var def taskPage
	sb.Do(t, "GET", base, nil, k).JSON(t, &def)
	if len(def.Items) != 20 {
		t.Fatalf("default page has %d items, want 20", len(def.Items))
	}
	statuses := map[string]bool{}
	for _, it := range all.Items {
		statuses[it.Status] = true
	}
	for _, s := range []string{"scheduled", "overdue", "completed", "cancelled"} {
		if !statuses[s] {
			t.Fatalf("fixtures have no %s task", s)
		}
	}
	now := sb.Admin.Now(t, "k-filter")
	checks := []struct {
		query string
		keep  func(task) bool
	}{
		{"status=overdue", func(x task) bool { return x.Status == "overdue" }},
		{"assignedToType=ai_employee", func(x task) bool { return x.AssignedTo.Type == "ai_employee" }},
		{"assignedToId=123", func(x task) bool { return x.AssignedTo.ID == "123" }},
		{"conversationId=1002", func(x task) bool { return x.Context.ConversationID == 1002 }},
		{"dueBefore=" + now.Format(time.RFC3339), func(x task) bool { return x.DueDate != nil && x.DueDate.Before(now) }},
		{"dueAfter=" + now.Format(time.RFC3339), func(x task) bool { return x.DueDate != nil && x.DueDate.After(now) }},
	}
	for _, c := range checks {
		t.Run(c.query, func(t *testing.T) {
			var p taskPage
			sb.Do(t, "GET", base+"?limit=100&"+c.query, nil, k).JSON(t, &p)
			want := 0
			for _, it := range all.Items {
				if c.keep(it) {
					want++
				}
			}
			if want == 0 || p.TotalCount != want || len(p.Items) != want {
				t.Fatalf("%s: %d items (total %d), want %d (>0)", c.query, len(p.Items), p.TotalCount, want)
			}
			for _, it := range p.Items {
				if !c.keep(it) {
					t.Fatalf("%s returned non-matching %+v", c.query, it)
				}
			}
		})
	}
}

func TestScheduledTaskBecomesOverdueWhenTheClockPassesItsDueDate(t *testing.T) {
	t.Parallel()
	sb := switchboardtest.Start(t)
	base := sb.API("llamadapro") + "/api/v1/tasks"
	k := switchboardtest.Bearer("k-overdue")
	now := sb.Admin.Now(t, "k-overdue")
	var created task
	sb.Do(t, "POST", base, newTask("Due in 90 minutes", now.Add(90*time.Minute)), k).JSON(t, &created)

	sb.Admin.Advance(t, "k-overdue", 89*time.Minute)
	var got task
	sb.Do(t, "GET", base+"/"+created.ID, nil, k).JSON(t, &got)
	if got.Status != "scheduled" {
		t.Fatalf("before due: %s", got.Status)
	}
	sb.Admin.Advance(t, "k-overdue", 2*time.Minute)
	var p taskPage
	sb.Do(t, "GET", base+"?status=overdue&limit=100", nil, k).JSON(t, &p)
	if !containsTask(p.Items, created.ID) {
		t.Fatalf("task %s not listed as overdue after its due date", created.ID)
	}
	sb.Do(t, "GET", base+"/"+created.ID, nil, k).JSON(t, &got)
	if !got.UpdatedAt.Equal(now.Add(90 * time.Minute)) {
		t.Fatalf("overdue stamped at %v, want the due instant %v", got.UpdatedAt, now.Add(90*time.Minute))
	}
	// Another tenant's clock did not move.
	if other := sb.Admin.Now(t, "k-other"); !other.Equal(now) {
		t.Fatalf("advancing k-overdue moved k-other's clock to %v", other)
	}
}

func TestSameSeedGivesByteIdenticalResponses(t *testing.T) {
	t.Parallel()
	fetch := func(seed int64) []string {
		sb := switchboardtest.Start(t, switchboardtest.WithSeed(seed))
		base := sb.API("llamadapro") + "/api/v1/tasks"
		k := switchboardtest.Bearer("k1")
		var out []string
		out = append(out, string(sb.Do(t, "GET", base+"?limit=100", nil, k).Body))
		out = append(out, string(sb.Do(t, "POST", base, newTask("same", time.Date(2025, 3, 10, 0, 0, 0, 0, time.UTC)), k).Body))
		out = append(out, string(sb.Do(t, "GET", base+"?limit=5", nil, k).Body))
		return out
	}
	a, b, c := fetch(42), fetch(42), fetch(43)
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("response %d differs between two runs with seed 42:\n%s\n%s", i, a[i], b[i])
		}
	}
	if a[0] == c[0] {
		t.Fatal("seeds 42 and 43 gave the same fixture data")
	}
}

func containsTask(items []task, id string) bool {
	for _, it := range items {
		if it.ID == id {
			return true
		}
	}
	return false
}
