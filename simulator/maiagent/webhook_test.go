package maiagent_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/switchboard-sim/switchboard/simulator/switchboardtest"
)

type delivery struct {
	Attempt   int    `json:"attempt"`
	MessageID string `json:"messageId"`
	URL       string `json:"url"`
	Outcome   string `json:"outcome"`
	Status    int    `json:"status"`
}

func deliveries(t *testing.T, sb *switchboardtest.Instance, key string) []delivery {
	t.Helper()
	var out struct{ Deliveries []delivery }
	sb.Admin.Do(t, "GET", "/maiagent/webhooks/deliveries?tenant="+key, nil).JSON(t, &out)
	return out.Deliveries
}

// TestWebhookReply: POST /messages/ stores the message; the assistant's
// reply reaches the webhook receiver and then shows in the message list.
func TestWebhookReply(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	var got []map[string]any
	recv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		var m map[string]any
		_ = json.Unmarshal(b, &m)
		mu.Lock()
		got = append(got, m)
		mu.Unlock()
		w.Write([]byte(`{"message":"ok"}`))
	}))
	defer recv.Close()
	sb := switchboardtest.Start(t)
	key := apiKey("hook")
	sb.Admin.Do(t, "POST", "/maiagent/webhooks?tenant=hook", map[string]string{"url": recv.URL + "/webhook"})
	var hook struct{ URL string }
	sb.Admin.Do(t, "GET", "/maiagent/webhooks?tenant=hook", nil).JSON(t, &hook)
	if hook.URL != recv.URL+"/webhook" {
		t.Fatalf("webhook %q", hook.URL)
	}

	conv := sb.Do(t, "POST", base(sb)+"/conversations/", map[string]any{"webChat": webChat1}, key).Map(t)["id"].(string)
	r := sb.Do(t, "POST", base(sb)+"/messages/", map[string]any{"conversation": conv, "content": hoursQ, "attachments": []any{}}, key)
	if r.Status != 201 {
		t.Fatalf("create message: %d %s", r.Status, r.Body)
	}
	sent := r.Map(t)
	if sent["type"] != "incoming" || sent["content"] != hoursQ {
		t.Fatalf("stored message %s", r.Body)
	}
	switchboardtest.Eventually(t, 0, "the webhook", func() bool { mu.Lock(); defer mu.Unlock(); return len(got) == 1 })
	reply := got[0]
	if reply["type"] != "outgoing" || reply["content"] != hoursA || reply["conversation"] != conv || reply["created_at"] == nil {
		t.Fatalf("webhook payload %v", reply)
	}
	var page msgPage
	sb.Do(t, "GET", base(sb)+"/messages/?conversation="+conv, nil, key).JSON(t, &page)
	if page.Count != 2 || page.Results[0].ID != reply["id"] || page.Results[0].Content != hoursA {
		t.Fatalf("message list after the reply: %+v", page)
	}
	// The attempt is recorded once the receiver has answered, just after it saw the payload.
	switchboardtest.Eventually(t, 0, "the delivery record", func() bool { return len(deliveries(t, sb, "hook")) > 0 })
	ds := deliveries(t, sb, "hook")
	if len(ds) != 1 || ds[0].Outcome != "delivered" || ds[0].Status != 200 || ds[0].MessageID != reply["id"] {
		t.Fatalf("deliveries %+v", ds)
	}
}

// TestWebhookFailuresAreRecorded: no webhook set, and a receiver that fails.
func TestWebhookFailuresAreRecorded(t *testing.T) {
	t.Parallel()
	failing := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(500) }))
	defer failing.Close()
	sb := switchboardtest.Start(t)
	send := func(key string) {
		conv := sb.Do(t, "POST", base(sb)+"/conversations/", map[string]any{"webChat": webChat1}, apiKey(key)).Map(t)["id"].(string)
		if r := sb.Do(t, "POST", base(sb)+"/messages/", map[string]any{"conversation": conv, "content": "hi"}, apiKey(key)); r.Status != 201 {
			t.Fatalf("create message: %d %s", r.Status, r.Body)
		}
	}
	send("nohook")
	switchboardtest.Eventually(t, 0, "a skipped delivery", func() bool { ds := deliveries(t, sb, "nohook"); return len(ds) == 1 && ds[0].Outcome == "skipped" })

	sb.Admin.Do(t, "POST", "/maiagent/webhooks?tenant=failing", map[string]string{"url": failing.URL})
	send("failing")
	switchboardtest.Eventually(t, 0, "three failed attempts", func() bool { return len(deliveries(t, sb, "failing")) == 3 })
	for i, d := range deliveries(t, sb, "failing") {
		if d.Outcome != "failed" || d.Status != 500 || d.Attempt != i+1 {
			t.Fatalf("attempt %d: %+v", i+1, d)
		}
	}
}

func TestWebhookAdminErrors(t *testing.T) {
	t.Parallel()
	sb := switchboardtest.Start(t)
	tests := []struct {
		name, method, path string
		body               any
	}{
		{"set without tenant", "POST", "/maiagent/webhooks", map[string]string{"url": "http://127.0.0.1:1/"}},
		{"relative url", "POST", "/maiagent/webhooks?tenant=x", map[string]string{"url": "/hook"}},
		{"no url field", "POST", "/maiagent/webhooks?tenant=x", map[string]string{}},
		{"deliveries without tenant", "GET", "/maiagent/webhooks/deliveries", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := sb.Do(t, tc.method, sb.Admin.URL()+tc.path, tc.body)
			if r.Status != 400 || r.Map(t)["error"] == nil {
				t.Fatalf("%d %s, want 400 with the control plane's error", r.Status, r.Body)
			}
		})
	}
}
