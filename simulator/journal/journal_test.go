package journal

import (
	"fmt"
	"strings"
	"sync"
	"testing"
)

func TestRingBufferKeepsTheNewest(t *testing.T) {
	j := New(3)
	for i := 1; i <= 5; i++ {
		j.Add(Entry{API: "llamadapro", Path: fmt.Sprintf("/p/%d", i), Status: 200})
	}
	got := j.Find(Filter{})
	if len(got) != 3 || got[0].Path != "/p/3" || got[2].Path != "/p/5" {
		t.Fatalf("got %+v, want /p/3../p/5", got)
	}
	if lim := j.Find(Filter{Limit: 1}); len(lim) != 1 || lim[0].Path != "/p/5" {
		t.Fatalf("limit 1 gave %+v", lim)
	}
}

func TestBodiesAreBoundedInBytes(t *testing.T) {
	j := New(100)
	j.maxBytes = 1000
	big := string(make([]byte, 300))
	for i := 0; i < 10; i++ {
		j.Add(Entry{API: "a", Body: big})
	}
	if j.Len() != 3 || j.bytes > 1000 {
		t.Fatalf("len %d bytes %d, want 3 entries within 1000 bytes", j.Len(), j.bytes)
	}
	if got := j.Find(Filter{}); got[2].Seq != 10 {
		t.Fatalf("newest entry kept is %d, want 10", got[2].Seq)
	}
}

func TestFilter(t *testing.T) {
	j := New(10)
	j.Add(Entry{API: "a", Tenant: "t1", Operation: "GetTask", Method: "GET", Path: "/x/1", Status: 200})
	j.Add(Entry{API: "b", Tenant: "t2", Operation: "CreateTask", Method: "POST", Path: "/x/2", Status: 400})
	cases := []struct {
		name string
		f    Filter
		want int
	}{
		{"api", Filter{API: "a"}, 1},
		{"tenant", Filter{Tenant: "t2"}, 1},
		{"operation case-insensitive", Filter{Operation: "createtask"}, 1},
		{"status", Filter{Status: 400}, 1},
		{"path glob", Filter{Path: "/x/*"}, 2},
		{"nothing", Filter{API: "c"}, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := len(j.Find(c.f)); got != c.want {
				t.Fatalf("got %d entries, want %d", got, c.want)
			}
		})
	}
}

func TestRedact(t *testing.T) {
	h := Redact(map[string][]string{
		"Authorization": {"Bearer k1"},
		"X-Api-Key":     {"secret"},
		"Accept":        {"application/json"},
	})
	if h["Authorization"][0] != "Bearer [REDACTED]" || h["X-Api-Key"][0] != "[REDACTED]" || h["Accept"][0] != "application/json" {
		t.Fatalf("redacted headers: %v", h)
	}
	if v := RedactValue("auth-v2/ak/2021-07-10T06:27:33Z/host/abc"); v != "auth-v2/ak/2021-07-10T06:27:33Z/host/abc" {
		t.Fatalf("auth-v2 signature was redacted: %q", v)
	}
}

func TestConcurrentAdds(t *testing.T) {
	j := New(100)
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 1000; i++ {
				j.Add(Entry{API: "a"})
				_ = j.Find(Filter{Limit: 5})
			}
		}()
	}
	wg.Wait()
	if j.Len() != 100 {
		t.Fatalf("len %d, want 100", j.Len())
	}
}

func TestHeadersRoundTrip(t *testing.T) {
	j := New(2)
	j.Add(Entry{API: "a", Headers: map[string][]string{"Accept": {"a", "b"}, "X-Empty": {""}}})
	got := j.Find(Filter{})[0].Headers
	if len(got) != 2 || len(got["Accept"]) != 2 || got["Accept"][1] != "b" || got["X-Empty"][0] != "" {
		t.Fatalf("headers after the journal: %v", got)
	}
}

func TestDroppedCountsOverwrittenEntries(t *testing.T) {
	j := New(3)
	for i := 0; i < 5; i++ {
		j.Add(Entry{API: "a", Path: "/x"})
	}
	if j.Len() != 3 || j.Dropped() != 2 {
		t.Fatalf("len %d dropped %d, want 3 and 2", j.Len(), j.Dropped())
	}
	j.Clear()
	if j.Dropped() != 0 {
		t.Fatalf("dropped after clear: %d", j.Dropped())
	}
}

func TestCompleteFinishesAHeldEntryOnly(t *testing.T) {
	j := New(2)
	first := j.Add(Entry{API: "a", Status: 200})
	second := j.Add(Entry{API: "a", Status: 200})
	j.Complete(second, 201, "done", 1.5)
	j.Add(Entry{API: "a"}) // overwrites first
	j.Complete(first, 500, "late", 9)
	got := j.Find(Filter{})
	if got[0].Seq != second || got[0].Status != 201 || got[0].ResponseBody != "done" || got[0].LatencyMS != 1.5 {
		t.Fatalf("completed entry %+v", got[0])
	}
	if got[1].Status != 0 || got[1].ResponseBody != "" {
		t.Fatalf("an overwritten entry's completion landed elsewhere: %+v", got[1])
	}
}

// An entry added with raw request headers is stored redacted: the journal
// never holds a credential, whoever adds the entry.
func TestAddRedactsTheHeadersItIsGiven(t *testing.T) {
	j := New(4)
	j.Add(Entry{Headers: map[string][]string{
		"Authorization": {"Bearer k1"},
		"cookie":        {"sid=1"},
		"X-App-Key":     {"k"},
		"Accept":        {"application/json"},
	}})
	h := j.Find(Filter{})[0].Headers
	if h["Authorization"][0] != "Bearer [REDACTED]" || h["cookie"][0] != "[REDACTED]" || h["X-App-Key"][0] != "[REDACTED]" || h["Accept"][0] != "application/json" {
		t.Fatalf("stored headers: %v", h)
	}
}

// TestPathFilterIsTheFaultRulesGlob: the path filter reads a pattern as
// package glob does (the meaning fault rules use too).
func TestPathFilterIsTheFaultRulesGlob(t *testing.T) {
	j := New(10)
	for _, p := range []string{"/lp/tasks", "/lp/tasks/7", "/lp/tasks/7/notes", "/lp/contacts/7"} {
		j.Add(Entry{API: "lp", Path: p, Status: 200})
	}
	for pattern, want := range map[string]string{
		"/lp/tasks":     "/lp/tasks",
		"/lp/tasks*":    "/lp/tasks /lp/tasks/7 /lp/tasks/7/notes",
		"/lp/*/7":       "/lp/tasks/7 /lp/contacts/7",
		"/lp/tasks/?":   "/lp/tasks/7",
		"/lp/[ct]*/7/*": "/lp/tasks/7/notes",
		"/lp/bad[":      "",
	} {
		var got []string
		for _, e := range j.Find(Filter{Path: pattern}) {
			got = append(got, e.Path)
		}
		var gotSet, wantSet = map[string]bool{}, map[string]bool{}
		for _, p := range got {
			gotSet[p] = true
		}
		for _, p := range strings.Fields(want) {
			wantSet[p] = true
		}
		if fmt.Sprint(gotSet) != fmt.Sprint(wantSet) {
			t.Errorf("path %q found %v, want %v", pattern, got, want)
		}
	}
}
