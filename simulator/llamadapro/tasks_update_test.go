package llamadapro

import (
	"encoding/json"
	"testing"
)

// TestUpdateDoesNotWriteThroughTheCancellationReason: the reason used to
// be decoded into the stored task's own *string, so a rejected patch still
// changed it, and a copy handed out earlier changed under its reader.
func TestUpdateDoesNotWriteThroughTheCancellationReason(t *testing.T) {
	s := newTestState(t, "reason")
	tk := s.CreateTask(NewTask{Objective: "o", Status: StatusCancelled})
	first, err := s.UpdateTask(tk.ID, map[string]json.RawMessage{"cancellationReason": json.RawMessage(`"first"`)})
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.UpdateTask(tk.ID, map[string]json.RawMessage{"cancellationReason": json.RawMessage(`"second"`), "dueDate": json.RawMessage(`"bad"`)})
	if err == nil {
		t.Fatal("a bad dueDate was accepted")
	}
	if got, _ := s.GetTask(tk.ID); got.CancellationReason == nil || *got.CancellationReason != "first" {
		t.Fatalf("after a rejected patch the reason is %v, want first", got.CancellationReason)
	}
	if _, err := s.UpdateTask(tk.ID, map[string]json.RawMessage{"cancellationReason": json.RawMessage(`"third"`)}); err != nil {
		t.Fatal(err)
	}
	if *first.CancellationReason != "first" {
		t.Fatalf("a copy handed out earlier now says %q", *first.CancellationReason)
	}
}
