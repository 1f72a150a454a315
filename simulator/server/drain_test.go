package server_test

import (
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/switchboard-sim/switchboard/simulator/aicc"
	"github.com/switchboard-sim/switchboard/simulator/maiagent"
	"github.com/switchboard-sim/switchboard/simulator/server"
	"github.com/switchboard-sim/switchboard/simulator/switchboardtest"
)

// TestShutdownDeliversQueuedWebhookReplies: replies queued behind a slow
// receiver when the server closes are still delivered within the drain
// time (they used to be dropped).
func TestShutdownDeliversQueuedWebhookReplies(t *testing.T) {
	release := make(chan struct{})
	var mu sync.Mutex
	got := 0
	recv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		<-release
		mu.Lock()
		got++
		mu.Unlock()
		_, _ = w.Write([]byte(`{"message":"ok"}`))
	}))
	defer recv.Close()
	defer func() {
		select {
		case <-release:
		default:
			close(release)
		}
	}()
	// As for AICC below: the hold may outlast the default attempt timeout.
	sb := switchboardtest.Start(t, switchboardtest.WithConfig(func(c *server.Config) { c.DrainTimeout = 30 * time.Second }),
		switchboardtest.WithVendor(&maiagent.Vendor{Options: maiagent.Options{WebhookTimeout: 2 * time.Minute}}))
	key := switchboardtest.Header{"Authorization", "Api-Key drain"}
	base := sb.API("maiagent") + "/api/v1"
	sb.Admin.Do(t, "POST", "/maiagent/webhooks?tenant=drain", map[string]string{"url": recv.URL + "/hook"})
	var conv struct {
		ID string `json:"id"`
	}
	sb.Do(t, "POST", base+"/conversations/", map[string]any{"webChat": "0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d1"}, key).JSON(t, &conv)
	if conv.ID == "" {
		t.Fatal("no conversation")
	}
	for i := 0; i < 3; i++ {
		if r := sb.Do(t, "POST", base+"/messages/", map[string]any{"conversation": conv.ID, "content": "hi", "attachments": []any{}}, key); r.Status != 201 {
			t.Fatalf("message: %d %s", r.Status, r.Body)
		}
	}
	closed := make(chan error)
	go func() { closed <- sb.Server.Close() }()
	// Once the listeners are closed the server is draining: only now may
	// the receiver answer.
	switchboardtest.Eventually(t, 0, "the server to stop listening", func() bool {
		resp, err := http.Get(sb.Server.URL() + "/__admin/health")
		if err != nil {
			return true
		}
		resp.Body.Close()
		return false
	})
	close(release)
	if err := <-closed; err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if got != 3 {
		t.Fatalf("the receiver got %d of 3 replies queued at shutdown", got)
	}
}

// TestShutdownDeliversQueuedAICCPushes: pushes queued behind one being sent
// when the server closes go out within the drain time.
func TestShutdownDeliversQueuedAICCPushes(t *testing.T) {
	release := make(chan struct{})
	var mu sync.Mutex
	got := 0
	recv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		<-release
		mu.Lock()
		got++
		mu.Unlock()
		_, _ = w.Write([]byte(`{"resultCode":"0","resultDesc":"ok"}`))
	}))
	defer recv.Close()
	once := sync.Once{}
	defer once.Do(func() { close(release) })
	// The receiver holds the first push until the server is closing; on a
	// loaded machine that took longer than the default 5 s attempt timeout,
	// and the retry then waited on the virtual clock, which nothing moves.
	sb := switchboardtest.Start(t, switchboardtest.WithConfig(func(c *server.Config) { c.DrainTimeout = 30 * time.Second }),
		switchboardtest.WithVendor(&aicc.Vendor{Options: aicc.Options{DeliveryTimeout: 2 * time.Minute}}))
	q := "?tenant=drain-aicc"
	sb.Admin.Do(t, "POST", "/aicc/subscriptions"+q, map[string]any{"channelId": "ch-d", "baseUrl": recv.URL,
		"auth": map[string]any{"mode": "auth-v2", "accessKey": "test-ak", "secretKey": "Q3mZ8vK2pL9xR4tY7wN1cB6hJ5dF0gS3aE8uI2oP4kM"}})
	var conv struct {
		ID string `json:"id"`
	}
	sb.Admin.Do(t, "POST", "/aicc/conversations"+q, map[string]any{"channelId": "ch-d", "userId": "u", "flow": "none"}).JSON(t, &conv)
	for i := 0; i < 3; i++ {
		sb.Admin.Do(t, "POST", "/aicc/conversations/"+conv.ID+"/messages"+q, map[string]any{"messages": []map[string]any{{"sourceType": "AGENT", "controlType": "CHAT", "mediaType": "TEXT", "content": "hi"}}})
	}
	closed := make(chan error)
	go func() { closed <- sb.Server.Close() }()
	switchboardtest.Eventually(t, 0, "the server to stop listening", func() bool {
		resp, err := http.Get(sb.Server.URL() + "/__admin/health")
		if err != nil {
			return true
		}
		resp.Body.Close()
		return false
	})
	once.Do(func() { close(release) })
	if err := <-closed; err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if got != 3 {
		t.Fatalf("the receiver got %d of 3 pushes queued at shutdown", got)
	}
}
