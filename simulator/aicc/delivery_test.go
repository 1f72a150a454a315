package aicc_test

import (
	"strings"
	"testing"
	"time"

	"github.com/switchboard-sim/switchboard/simulator/aicc"
	"github.com/switchboard-sim/switchboard/simulator/switchboardtest"
)

func text(src, content string) aicc.MessageSpec {
	return aicc.MessageSpec{SourceType: src, ControlType: aicc.ControlChat, MediaType: aicc.MediaText, Content: content}
}

// waitAttempt waits until push has n attempts and returns them.
func waitAttempts(t *testing.T, e *env, pushQuery string, n int) []aicc.Attempt {
	t.Helper()
	var as []aicc.Attempt
	switchboardtest.Eventually(t, 0, "attempt "+string(rune('0'+n)), func() bool {
		as = e.deliveries(t, pushQuery)
		return len(as) >= n
	})
	return as
}

// TestRetryBackoffKeepsOrder: the receiver fails 3 times with HTTP 500,
// then once with resultCode "1"; the push takes 5 attempts at the backoff
// times on the virtual clock, and the next message waits for it.
func TestRetryBackoffKeepsOrder(t *testing.T) {
	t.Parallel()
	e := start(t, aicc.Options{})
	e.subscribe(t, "ch-r", e.receiverURL("flaky"), authV2())
	e.admin(t, "POST", "/aicc/receivers/flaky/fail", map[string]any{"count": 3, "status": 500}, nil)
	e.admin(t, "POST", "/aicc/receivers/flaky/fail", map[string]any{"count": 1, "status": 200, "resultCode": "1"}, nil)
	conv := e.startConv(t, map[string]any{"channelId": "ch-r", "userId": "u-r", "flow": "none"})
	t0 := e.sb.Admin.Now(t, e.tenant)
	e.push(t, conv.ID, text(aicc.SourceAgent, "first"))
	e.push(t, conv.ID, text(aicc.SourceAgent, "second"))

	first := "&pushId=push-000001"
	wantErr := []string{"http-status: 500", "http-status: 500", "http-status: 500", "result-code", ""}
	wantAt := []time.Duration{0, time.Second, 3 * time.Second, 7 * time.Second, 15 * time.Second}
	for i := range wantAt {
		as := waitAttempts(t, e, first, i+1)
		a := as[i]
		if !a.Time.Equal(t0.Add(wantAt[i])) {
			t.Fatalf("attempt %d at %s, want t0+%s", i+1, a.Time, wantAt[i])
		}
		if !strings.HasPrefix(a.Error, wantErr[i]) || (wantErr[i] == "") != (a.Outcome == aicc.OutcomeSuccess) {
			t.Fatalf("attempt %d: outcome %s error %q, want %q", i+1, a.Outcome, a.Error, wantErr[i])
		}
		if a.Outcome == aicc.OutcomeFailed {
			if a.RetryAt == nil || !a.RetryAt.Equal(t0.Add(wantAt[i+1])) {
				t.Fatalf("attempt %d: retryAt %v, want t0+%s", i+1, a.RetryAt, wantAt[i+1])
			}
			// Before the clock reaches the retry, the second message must not go.
			if n := len(e.deliveries(t, "&pushId=push-000002")); n != 0 {
				t.Fatalf("the second message overtook the first: %d attempts", n)
			}
			e.sb.Admin.Advance(t, e.tenant, a.RetryAt.Sub(e.sb.Admin.Now(t, e.tenant)))
		}
	}
	second := waitAttempts(t, e, "&pushId=push-000002", 1)
	if second[0].Outcome != aicc.OutcomeSuccess || second[0].Time.Before(t0.Add(15*time.Second)) {
		t.Fatalf("second push: %+v", second[0])
	}
	if all := e.deliveries(t, ""); len(all) != 6 {
		t.Fatalf("journal has %d attempts, want 5 + 1", len(all))
	}
	// The receiver saw first x5 then second, never second before first succeeded.
	var order []string
	for _, p := range e.receiver(t, "flaky").Received {
		order = append(order, val(decodePush(t, p.Body).Messages[0].Content))
	}
	if strings.Join(order, ",") != "first,first,first,first,first,second" {
		t.Fatalf("receiver order: %v", order)
	}
}

// TestDeadLetterThenLaterConversationsDeliver: a receiver that never
// succeeds dead-letters the push after 8 attempts; later pushes go on, and
// a redelivery succeeds once the receiver recovers.
func TestDeadLetterThenLaterConversationsDeliver(t *testing.T) {
	t.Parallel()
	e := start(t, aicc.Options{})
	e.subscribe(t, "ch-d", e.receiverURL("down"), map[string]any{"mode": "bearer", "token": "s3cret-token"})
	e.admin(t, "POST", "/aicc/receivers/down/fail", map[string]any{"count": 8, "status": 503}, nil)
	conv := e.startConv(t, map[string]any{"channelId": "ch-d", "userId": "u-d", "flow": "none"})
	e.push(t, conv.ID, text(aicc.SourceAgent, "doomed"))
	for i := 1; i <= 8; i++ {
		as := waitAttempts(t, e, "&pushId=push-000001", i)
		a := as[i-1]
		if a.Outcome != aicc.OutcomeFailed || a.Status != 503 {
			t.Fatalf("attempt %d: %+v", i, a)
		}
		if got := a.RequestHeaders["Authorization"]; got != "Bearer [REDACTED]" {
			t.Fatalf("bearer token shown as %q, want it redacted", got)
		}
		if i < 8 {
			e.sb.Admin.Advance(t, e.tenant, a.RetryAt.Sub(e.sb.Admin.Now(t, e.tenant)))
		} else if !a.DeadLettered || a.RetryAt != nil {
			t.Fatalf("attempt 8 should dead-letter: %+v", a)
		}
	}
	var dl struct{ DeadLetters []aicc.DeadLetter }
	e.admin(t, "GET", "/aicc/dead-letters", nil, &dl)
	if len(dl.DeadLetters) != 1 || dl.DeadLetters[0].PushID != "push-000001" || dl.DeadLetters[0].Attempts != 8 {
		t.Fatalf("dead letters: %+v", dl.DeadLetters)
	}
	// The same conversation and a later one both deliver.
	e.push(t, conv.ID, text(aicc.SourceAgent, "after"))
	later := e.startConv(t, map[string]any{"channelId": "ch-d", "userId": "u-d2", "flow": "none"})
	e.push(t, later.ID, text(aicc.SourceAgent, "later conversation"))
	switchboardtest.Eventually(t, 0, "later pushes delivered", func() bool { return len(e.deliveries(t, "&outcome=success")) == 2 })

	var re aicc.Redelivered
	e.admin(t, "POST", "/aicc/deliveries/push-000001/redeliver", nil, &re)
	if re.RedeliveryOf != "push-000001" || re.PushID == "push-000001" {
		t.Fatalf("redeliver: %+v", re)
	}
	as := waitAttempts(t, e, "&pushId="+re.PushID, 1)
	if as[0].Outcome != aicc.OutcomeSuccess || as[0].RedeliveryOf != "push-000001" {
		t.Fatalf("redelivery attempt: %+v", as[0])
	}
	// An attempt id works too, and the copy carries the same messages.
	var again aicc.Redelivered
	e.admin(t, "POST", "/aicc/deliveries/"+as[0].ID+"/redeliver", nil, &again)
	got := waitAttempts(t, e, "&pushId="+again.PushID, 1)
	if again.RedeliveryOf != re.PushID || got[0].Outcome != aicc.OutcomeSuccess ||
		val(decodePush(t, []byte(got[0].Body)).Messages[0].Content) != "doomed" {
		t.Fatalf("redeliver by attempt id: %+v %+v", again, got[0])
	}
}
