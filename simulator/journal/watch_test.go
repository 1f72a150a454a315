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
