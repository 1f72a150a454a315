package aicc_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/switchboard-sim/switchboard/simulator/aicc"
	"github.com/switchboard-sim/switchboard/simulator/switchboardtest"
)

// TestControlPlaneErrors covers every control-plane operation's documented errors.
func TestControlPlaneErrors(t *testing.T) {
	t.Parallel()
	e := start(t, aicc.Options{})
	sub := e.subscribe(t, "ch-e", e.receiverURL("e"), authV2())
	if sub.Auth.SecretKey != "****"+testSK[len(testSK)-4:] {
		t.Fatalf("secret key not masked: %q", sub.Auth.SecretKey)
	}
	conv := e.startConv(t, map[string]any{"channelId": "ch-e", "userId": "u-e", "flow": "none"})
	cases := []struct {
		name, method, path string
		body               any
		status             int
		mention            string
	}{
		{"subscription fields", "POST", "/aicc/subscriptions", map[string]any{"channelId": "bad id!", "baseUrl": "ftp://x", "auth": map[string]any{"accessKey": "a/b", "secretKey": "short"}}, 400, "auth.secretKey"},
		{"bearer without token", "POST", "/aicc/subscriptions", map[string]any{"channelId": "c", "baseUrl": "http://127.0.0.1:1", "auth": map[string]any{"mode": "bearer"}}, 400, "auth.token"},
		{"unknown auth mode", "POST", "/aicc/subscriptions", map[string]any{"channelId": "c", "baseUrl": "http://127.0.0.1:1", "auth": map[string]any{"mode": "basic"}}, 400, "auth.mode"},
		{"delete unknown subscription", "DELETE", "/aicc/subscriptions/sub-999999", nil, 404, "sub-999999"},
		{"unknown flow", "POST", "/aicc/conversations", map[string]any{"channelId": "ch-e", "userId": "u-x", "flow": "nope"}, 400, "flow"},
		{"duplicate open conversation", "POST", "/aicc/conversations", map[string]any{"channelId": "ch-e", "userId": "u-e"}, 409, conv.ID},
		{"unknown conversation", "GET", "/aicc/conversations/404", nil, 404, "404"},
		{"push to unknown conversation", "POST", "/aicc/conversations/404/messages", map[string]any{"messages": []any{map[string]any{"sourceType": "AGENT", "controlType": "CHAT"}}}, 404, "404"},
		{"push bad enum", "POST", "/aicc/conversations/" + conv.ID + "/messages", map[string]any{"messages": []any{map[string]any{"sourceType": "BOT", "controlType": "CHAT"}}}, 400, "sourceType"},
		{"push unknown resource", "POST", "/aicc/conversations/" + conv.ID + "/messages", map[string]any{"messages": []any{map[string]any{"sourceType": "AGENT", "controlType": "CHAT", "mediaType": "IMAGE", "content": "nope"}}}, 400, "messages[0].content"},
		{"push long messageCode", "POST", "/aicc/conversations/" + conv.ID + "/messages", map[string]any{"messages": []any{map[string]any{"sourceType": "AGENT", "controlType": "CHAT", "messageCode": strings.Repeat("x", 65)}}}, 400, "messageCode"},
		{"read with nothing unread", "POST", "/aicc/conversations/" + conv.ID + "/messages", map[string]any{"messages": []any{map[string]any{"sourceType": "AGENT", "controlType": "READ"}}}, 400, "unread"},
		{"empty batch", "POST", "/aicc/conversations/" + conv.ID + "/messages", map[string]any{"messages": []any{}}, 400, "messages"},
		{"redeliver unknown", "POST", "/aicc/deliveries/push-999999/redeliver", nil, 404, "push-999999"},
		{"fail with success code", "POST", "/aicc/receivers/e/fail", map[string]any{"count": 1, "status": 200, "resultCode": "0"}, 400, "resultCode"},
		{"fail status out of range", "POST", "/aicc/receivers/e/fail", map[string]any{"count": 1, "status": 700}, 400, "status"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			status, body := e.adminStatus(t, c.method, c.path, c.body)
			if status != c.status || !strings.Contains(jsonString(body), c.mention) {
				t.Fatalf("%d %v, want %d mentioning %q", status, body, c.status, c.mention)
			}
		})
	}
	noTenant := [][2]string{
		{"GET", "/aicc/subscriptions"}, {"GET", "/aicc/conversations"}, {"GET", "/aicc/deliveries"},
		{"GET", "/aicc/dead-letters"}, {"GET", "/aicc/receivers/e"}, {"GET", "/aicc/conversations/x"},
		{"DELETE", "/aicc/subscriptions/x"}, {"POST", "/aicc/deliveries/x/redeliver"},
	}
	for _, p := range noTenant {
		if r := e.sb.Do(t, p[0], e.sb.Admin.URL()+p[1], nil); r.Status != 400 || !strings.Contains(string(r.Body), "tenant") {
			t.Fatalf("%s %s without tenant: %d %s", p[0], p[1], r.Status, r.Body)
		}
	}
	// A closed conversation takes no more pushes; a gone subscription cannot redeliver.
	e.push(t, conv.ID, aicc.MessageSpec{SourceType: aicc.SourceAgent, ControlType: aicc.ControlDisconnect})
	if status, _ := e.adminStatus(t, "POST", "/aicc/conversations/"+conv.ID+"/messages", map[string]any{"messages": []any{map[string]any{"sourceType": "AGENT", "controlType": "CHAT", "content": "x"}}}); status != 409 {
		t.Fatalf("push to closed conversation: %d", status)
	}
	switchboardtest.Eventually(t, 0, "two pushes", func() bool { return len(e.deliveries(t, "&outcome=success")) == 1 })
	var fx struct {
		APIs struct {
			Aicc struct{ Subscriptions []aicc.Subscription }
		}
	}
	e.admin(t, "GET", "/fixtures", nil, &fx)
	if len(fx.APIs.Aicc.Subscriptions) != 1 || fx.APIs.Aicc.Subscriptions[0].Auth.SecretKey == testSK {
		t.Fatalf("fixtures: %+v", fx.APIs.Aicc)
	}
	var flows struct{ Flows map[string][]aicc.FlowStep }
	e.sb.Admin.Do(t, "GET", "/aicc/flows", nil).JSON(t, &flows)
	if len(flows.Flows["default"]) == 0 {
		t.Fatalf("flows: %v", flows)
	}
	var list struct{ Subscriptions []aicc.Subscription }
	e.admin(t, "GET", "/aicc/subscriptions", nil, &list)
	e.admin(t, "DELETE", "/aicc/subscriptions/"+sub.ID, nil, nil)
	if status, _ := e.adminStatus(t, "POST", "/aicc/deliveries/push-000001/redeliver", nil); status != 409 || len(list.Subscriptions) != 1 {
		t.Fatalf("redeliver after unsubscribe: %d (subscriptions %d)", status, len(list.Subscriptions))
	}
	var convs struct{ Conversations []aicc.Conversation }
	e.admin(t, "GET", "/aicc/conversations", nil, &convs)
	if len(convs.Conversations) != 1 || convs.Conversations[0].Status != aicc.StatusClosed {
		t.Fatalf("conversations: %+v", convs.Conversations)
	}
}

func jsonString(m map[string]any) string {
	var b strings.Builder
	for k, v := range m {
		b.WriteString(k)
		b.WriteString(strings.ReplaceAll(strings.TrimSpace(fmtAny(v)), "\n", " "))
	}
	return b.String()
}

func fmtAny(v any) string {
	switch x := v.(type) {
	case map[string]any:
		return jsonString(x)
	case []any:
		var s []string
		for _, i := range x {
			s = append(s, fmtAny(i))
		}
		return strings.Join(s, " ")
	case string:
		return x
	}
	return ""
}

// TestUplinkAndReceiverErrors covers the vendor surface's documented errors.
func TestUplinkAndReceiverErrors(t *testing.T) {
	t.Parallel()
	e := start(t, aicc.Options{})
	api := e.sb.API("aicc")
	send := api + "/apiaccess/ccmessaging/send"
	dl := api + "/apiaccess/ccmessaging/downloadFileStream"
	bearer, appKey := switchboardtest.Bearer(e.tenant), switchboardtest.Header{"x-app-key", "app-1"}
	chat := map[string]any{"channel": "WEB", "controlType": "CHAT", "mediaType": "TEXT", "content": "hi", "from": "u-up", "to": "ch-up", "sourceType": "CUSTOMER"}
	connect := map[string]any{"channel": "WEB", "controlType": "CONNECT", "mediaType": "TEXT", "from": "u-up", "to": "ch-up", "sourceType": "CUSTOMER"}
	cases := []struct {
		name, method, url string
		body              any
		headers           []switchboardtest.Header
		status            int
		code              string
	}{
		{"no bearer", "POST", send, chat, []switchboardtest.Header{appKey}, 401, "401"},
		{"no app key", "POST", send, chat, []switchboardtest.Header{bearer}, 401, "401"},
		{"missing fields", "POST", send, map[string]any{"controlType": "CHAT"}, []switchboardtest.Header{bearer, appKey}, 400, "2"},
		{"chat before connect", "POST", send, chat, []switchboardtest.Header{bearer, appKey}, 409, "409"},
		{"unknown file", "POST", dl, map[string]any{"fileId": "image-999999", "channel": "WEB", "fileType": "png"}, []switchboardtest.Header{bearer, appKey}, 404, "404"},
		{"bad file type", "POST", dl, map[string]any{"fileId": "x", "channel": "WEB", "fileType": "exe"}, []switchboardtest.Header{bearer, appKey}, 400, "2"},
		{"raw unknown file", "GET", dl + "?fileId=nope", nil, []switchboardtest.Header{bearer, appKey}, 404, "404"},
		{"raw without fileId", "GET", dl, nil, []switchboardtest.Header{bearer, appKey}, 400, "2"},
		{"download without bearer", "POST", dl, map[string]any{"fileId": "x", "channel": "WEB", "fileType": "png"}, []switchboardtest.Header{appKey}, 401, "401"},
		{"raw download without bearer", "GET", dl + "?fileId=x", nil, []switchboardtest.Header{appKey}, 401, "401"},
		{"receiver without subscription", "POST", api + "/receiver/ghost/webhooks/v1/messages", map[string]any{"timestamp": 1, "messages": []any{}}, nil, 400, "2"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := e.sb.Do(t, c.method, c.url, c.body, c.headers...)
			var out struct{ ResultCode string }
			r.JSON(t, &out)
			if r.Status != c.status || out.ResultCode != c.code {
				t.Fatalf("%d %s, want %d resultCode %s", r.Status, r.Body, c.status, c.code)
			}
		})
	}
	// A read-only credential may not send.
	e.sb.Admin.SetAccess(t, e.tenant, "read-only")
	if r := e.uplink(t, connect); r.Status != http.StatusForbidden {
		t.Fatalf("read-only send: %d %s", r.Status, r.Body)
	}
	e.sb.Admin.SetAccess(t, e.tenant, "read-write")

	// The customer's own session: CONNECT runs the robot flow, TRANS2AGENT the
	// transfer, DISCONNECT closes it; a wrong signature gets 401 at the receiver.
	e.subscribe(t, "ch-up", e.receiverURL("up"), map[string]any{"mode": "auth-v2", "accessKey": testAK, "secretKey": strings.Repeat("A", 43)})
	okStatus(t, e.uplink(t, connect))
	okStatus(t, e.uplink(t, chat))
	trans := map[string]any{"channel": "WEB", "controlType": "TRANS2AGENT", "mediaType": "TEXT", "from": "u-up", "to": "ch-up", "sourceType": "CUSTOMER"}
	okStatus(t, e.uplink(t, trans))
	e.sb.Admin.Advance(t, e.tenant, 10*time.Second)
	var convs struct{ Conversations []aicc.Conversation }
	e.admin(t, "GET", "/aicc/conversations", nil, &convs)
	if len(convs.Conversations) != 1 || convs.Conversations[0].Status != aicc.StatusAgent {
		t.Fatalf("after transfer: %+v", convs.Conversations)
	}
	disc := map[string]any{"channel": "WEB", "controlType": "DISCONNECT", "mediaType": "TEXT", "from": "u-up", "to": "ch-up", "sourceType": "CUSTOMER"}
	okStatus(t, e.uplink(t, disc))
	e.admin(t, "GET", "/aicc/conversations", nil, &convs)
	if convs.Conversations[0].Status != aicc.StatusClosed {
		t.Fatalf("after disconnect: %+v", convs.Conversations[0])
	}
	// connect flow, robot answer, transfer now, transfer +8s: four pushes, all verified.
	switchboardtest.Eventually(t, 0, "customer session pushes", func() bool { return len(e.receiver(t, "up").Received) == 4 })
	for _, p := range e.receiver(t, "up").Received {
		if !p.Verified {
			t.Fatalf("push %d: %s", p.Seq, p.VerifyError)
		}
	}
	forged := e.sb.Do(t, "POST", api+"/receiver/up/webhooks/v1/messages",
		`{"timestamp":1,"messages":[{"from":"ch-up","channel":"WEB","to":"u-up","controlType":"CHAT","mediaType":"TEXT","content":"x","sourceType":"AGENT","timestamp":1}]}`,
		switchboardtest.Header{"Authorization", "auth-v2/" + testAK + "/2025-03-03T09:00:00Z/host/" + strings.Repeat("0", 64)})
	if forged.Status != http.StatusUnauthorized || !strings.Contains(string(forged.Body), "mismatch") {
		t.Fatalf("forged push: %d %s", forged.Status, forged.Body)
	}
	rec := e.receiver(t, "up")
	if last := rec.Received[len(rec.Received)-1]; last.Verified || last.Status != 401 {
		t.Fatalf("forged push recorded as %+v", last)
	}
}
