package aicc

import (
	"reflect"
	"testing"
	"time"
)

// queueHarness runs one tenant's delivery queues without HTTP: attempts
// handed to the sender are collected, and the test finishes them.
type queueHarness struct {
	t    *testing.T
	st   *State
	sub  Subscription
	sent []job
}

func newQueueHarness(t *testing.T, opts Options) *queueHarness {
	h := &queueHarness{t: t, st: unitState(t, opts)}
	h.st.api.dispatch = func(_ *State, j job) { h.sent = append(h.sent, j) }
	sub, err := h.st.Subscribe(Subscription{ChannelID: "ch-unit", BaseURL: "http://receiver.invalid/hook", Auth: AuthConfig{Mode: AuthNone}})
	if err != nil {
		t.Fatal(err)
	}
	h.sub = sub
	return h
}

func (h *queueHarness) enqueue(conv string) string {
	h.st.mu.Lock()
	defer h.st.mu.Unlock()
	return h.st.enqueueLocked(h.st.subs[h.sub.ID], conv, []DownLinkMsg{{}}, "")
}

// take returns the attempts sent since the last call.
func (h *queueHarness) take() []job {
	out := h.sent
	h.sent = nil
	return out
}

func (h *queueHarness) only() job {
	h.t.Helper()
	js := h.take()
	if len(js) != 1 {
		h.t.Fatalf("%d attempts sent, want exactly 1: %+v", len(js), js)
	}
	return js[0]
}

func (h *queueHarness) none() {
	h.t.Helper()
	if js := h.take(); len(js) != 0 {
		h.t.Fatalf("%d attempts sent, want none: %+v", len(js), js)
	}
}

func ok() result             { return result{status: 200} }
func failed(e string) result { return result{status: 500, err: e} }

func TestQueueSendsOnePushAtATimeInOrder(t *testing.T) {
	h := newQueueHarness(t, Options{})
	start := h.st.now()
	p1, p2, p3 := h.enqueue("conv-a"), h.enqueue("conv-a"), h.enqueue("conv-a")
	other := h.enqueue("conv-b") // another conversation: its own queue, not held back

	js := h.take()
	if len(js) != 2 || js[0].pushID != p1 || js[1].pushID != other {
		t.Fatalf("sent %+v, want the heads of both queues: %s and %s", js, p1, other)
	}
	h.st.clock.Advance(time.Minute) // the round trip's wall time is not the next push's time
	h.st.finish(js[0], ok())
	j := h.only()
	if j.pushID != p2 || j.attempt != 1 || !j.at.Equal(start) {
		t.Fatalf("after p1 succeeded sent %s attempt %d at %v, want %s attempt 1 at %v", j.pushID, j.attempt, j.at, p2, start)
	}
	h.st.finish(js[0], ok()) // a stale result for a push no longer at the head changes nothing
	h.none()
	h.st.finish(j, ok())
	if j = h.only(); j.pushID != p3 {
		t.Fatalf("sent %s, want %s", j.pushID, p3)
	}
	h.st.finish(j, ok())
	h.none()
	if got := len(h.st.Deliveries(AttemptFilter{ConversationID: "conv-a", Outcome: OutcomeSuccess})); got != 3 {
		t.Fatalf("%d successful attempts journalled for conv-a, want 3", got)
	}
	if n := len(h.st.queues); n != 1 {
		t.Fatalf("%d queues left, want only conv-b's (conv-a's is empty and dropped)", n)
	}
}

func TestQueueRetriesWithDoublingBackoffThenDeadLetters(t *testing.T) {
	h := newQueueHarness(t, Options{Backoff: time.Second, Attempts: 3})
	start := h.st.now()
	p1, p2 := h.enqueue("conv"), h.enqueue("conv")
	j := h.only()

	wantRetry := []time.Duration{time.Second, 3 * time.Second} // 1 s, then 2 s more
	for i, after := range wantRetry {
		h.st.finish(j, failed("boom"))
		h.none() // nothing goes until the retry is due, and p2 waits behind p1
		h.st.clock.Advance(after - time.Millisecond - h.st.now().Sub(start))
		h.none()
		h.st.clock.Advance(time.Millisecond)
		j = h.only()
		if j.pushID != p1 || j.attempt != i+2 || !j.at.Equal(start.Add(after)) {
			t.Fatalf("retry %d: sent %s attempt %d at %v, want %s attempt %d at %v", i+1, j.pushID, j.attempt, j.at, p1, i+2, start.Add(after))
		}
	}
	h.st.finish(j, failed("still down"))
	next := h.only()
	if next.pushID != p2 || next.attempt != 1 {
		t.Fatalf("after p1 gave up sent %s attempt %d, want %s attempt 1", next.pushID, next.attempt, p2)
	}

	var got []string
	for _, a := range h.st.Deliveries(AttemptFilter{PushID: p1}) {
		retry := "-"
		if a.RetryAt != nil {
			retry = a.RetryAt.Sub(start).String()
		}
		got = append(got, a.Outcome+"/"+retry+"/"+map[bool]string{true: "dead", false: "live"}[a.DeadLettered])
	}
	want := []string{"failed/1s/live", "failed/3s/live", "failed/-/dead"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("journal of p1 = %v, want %v", got, want)
	}
	dead := h.st.DeadLetters()
	if len(dead) != 1 || dead[0].PushID != p1 || dead[0].Attempts != 3 || dead[0].LastError != "still down" {
		t.Fatalf("dead letters %+v, want p1 after 3 attempts, last error 'still down'", dead)
	}
}

func TestClosedStateIgnoresLateResults(t *testing.T) {
	h := newQueueHarness(t, Options{})
	h.enqueue("conv")
	j := h.only()
	h.st.Close()
	h.st.finish(j, ok())
	if n := len(h.st.Deliveries(AttemptFilter{})); n != 0 {
		t.Fatalf("%d attempts journalled after Close, want 0", n)
	}
}
