package aicc_test

import (
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/switchboard-sim/switchboard/simulator/aicc"
	"github.com/switchboard-sim/switchboard/simulator/switchboardtest"
)

// TestAttemptFailureKinds: a timeout, a refused connection, a non-JSON
// answer and a redirect each fail the attempt, and the last attempt
// dead-letters (Attempts 2, so one retry each).
func TestAttemptFailureKinds(t *testing.T) {
	t.Parallel()
	hang := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.ReadAll(r.Body) // so the server notices when the client gives up
		select {
		case <-r.Context().Done():
		case <-time.After(10 * time.Second): // never answer in time
		}
	}))
	defer hang.Close()
	notJSON := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte("OK")) }))
	defer notJSON.Close()
	redirect := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/elsewhere", http.StatusFound) }))
	defer redirect.Close()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	refused := "http://" + ln.Addr().String()
	ln.Close()

	e := start(t, aicc.Options{DeliveryTimeout: 300 * time.Millisecond, Attempts: 2, Backoff: time.Minute})
	cases := []struct{ channel, url, want string }{
		{"ch-hang", hang.URL, "timeout"},
		{"ch-refused", refused, "connection-refused"},
		{"ch-json", notJSON.URL, "invalid-json"},
		{"ch-redirect", redirect.URL, "http-status: 302"},
	}
	for _, c := range cases {
		sub := e.subscribe(t, c.channel, c.url, map[string]any{"mode": "none"})
		conv := e.startConv(t, map[string]any{"channelId": c.channel, "userId": "u", "flow": "none"})
		e.push(t, conv.ID, text(aicc.SourceAgent, "x"))
		q := "&subscriptionId=" + sub.ID
		as := waitAttempts(t, e, q, 1)
		if as[0].Outcome != aicc.OutcomeFailed || !strings.HasPrefix(as[0].Error, c.want) {
			t.Fatalf("%s: %+v", c.channel, as[0])
		}
	}
	e.sb.Admin.Advance(t, e.tenant, time.Minute)
	switchboardtest.Eventually(t, 0, "four dead letters", func() bool {
		var dl struct{ DeadLetters []aicc.DeadLetter }
		e.admin(t, "GET", "/aicc/dead-letters", nil, &dl)
		return len(dl.DeadLetters) == len(cases)
	})
	// A tenant reset mid-flight drops its deliveries without trouble.
	e.subscribe(t, "ch-hang", hang.URL, map[string]any{"mode": "none"})
	conv := e.startConv(t, map[string]any{"channelId": "ch-hang", "userId": "u2", "flow": "default"})
	_ = conv
	e.sb.Admin.Reset(t, e.tenant)
	var list struct{ Subscriptions []aicc.Subscription }
	e.admin(t, "GET", "/aicc/subscriptions", nil, &list)
	if len(list.Subscriptions) != 0 {
		t.Fatalf("after reset: %+v", list.Subscriptions)
	}
}
