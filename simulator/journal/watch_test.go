package journal

import "testing"

// TestWatchDropsForASlowSubscriber: Add never waits for a watcher.
func TestWatchDropsForASlowSubscriber(t *testing.T) {
	j := New(100)
	ch, stop := j.Watch(2)
	for i := 0; i < 10; i++ {
		j.Add(Entry{API: "x", Headers: map[string][]string{"A": {"b"}}})
	}
	if len(ch) != 2 {
		t.Fatalf("buffered %d entries, want 2 (the rest dropped)", len(ch))
	}
	e := <-ch
	if e.Seq != 1 || e.Headers["A"][0] != "b" {
		t.Fatalf("first entry = %+v, want seq 1 with its headers", e)
	}
	stop()
	stop()
	j.Add(Entry{API: "x"})
	if len(ch) != 1 {
		t.Fatalf("a stopped watcher got an entry")
	}
	if j.Len() != 11 {
		t.Fatalf("journal holds %d, want 11", j.Len())
	}
}

// TestWatchersSeeRedactedHeaders: a watcher (the dashboard's live stream)
// gets what the journal holds, never the request's own secrets or map.
func TestWatchersSeeRedactedHeaders(t *testing.T) {
	j := New(10)
	ch, stop := j.Watch(1)
	defer stop()
	h := map[string][]string{"Authorization": {"Bearer s3cret-key"}, "Accept": {"*/*"}}
	j.Add(Entry{API: "x", Headers: h})
	e := <-ch
	if got := e.Headers["Authorization"][0]; got == "Bearer s3cret-key" || got == "" {
		t.Fatalf("watcher saw Authorization %q, want it redacted", got)
	}
	if e.Headers["Accept"][0] != "*/*" {
		t.Fatalf("watcher lost a plain header: %v", e.Headers)
	}
	e.Headers["Accept"][0] = "changed"
	if h["Accept"][0] != "*/*" {
		t.Fatal("the watcher's headers share the request's map")
	}
}
