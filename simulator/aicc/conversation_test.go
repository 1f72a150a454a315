package aicc_test

import (
	"bytes"
	"encoding/base64"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/switchboard-sim/switchboard/simulator/aicc"
	"github.com/switchboard-sim/switchboard/simulator/aicc/authv2"
	"github.com/switchboard-sim/switchboard/simulator/switchboardtest"
)

// TestDefaultFlowToBuiltInReceiver is the first acceptance case: robot
// greeting, transfer, agent text, image, READ, agent DISCONNECT arrive in
// order at the built-in receiver, each signature verifies and every body
// validates against the spec.
func TestDefaultFlowToBuiltInReceiver(t *testing.T) {
	t.Parallel()
	e := start(t, aicc.Options{})
	e.subscribe(t, "ch-1", e.receiverURL("demo"), authV2())
	conv := e.startConv(t, map[string]any{"channelId": "ch-1", "userId": "u-1"})

	// The customer writes while the robot serves: a message the agent reads later.
	r := e.uplink(t, map[string]any{"channel": "WEB", "controlType": "CHAT", "mediaType": "TEXT", "content": "Where is my parcel?", "from": "u-1", "to": "ch-1", "sourceType": "CUSTOMER"})
	okStatus(t, r)
	var sent aicc.SendResult
	r.JSON(t, &sent)
	if sent.ResultCode != "0" || sent.MessageID == "" || sent.ConversationID != conv.ID || r.Header.Get("ccmessaging-token") != conv.ID {
		t.Fatalf("send = %+v, token %q", sent, r.Header.Get("ccmessaging-token"))
	}
	e.sb.Admin.Advance(t, e.tenant, time.Minute)

	var got aicc.Conversation
	e.admin(t, "GET", "/aicc/conversations/"+conv.ID, nil, &got)
	if got.Status != aicc.StatusClosed {
		t.Fatalf("status = %s, want closed", got.Status)
	}
	switchboardtest.Eventually(t, 0, "every push delivered", func() bool {
		ok := e.deliveries(t, "&outcome=success")
		return len(ok) > 0 && countMessages(t, ok) == len(got.Downlink)
	})
	rec := e.receiver(t, "demo")
	var seen []aicc.DownLinkMsg
	for _, p := range rec.Received {
		if !p.Verified || p.Status != 200 {
			t.Fatalf("push %d: verified=%v status=%d %s", p.Seq, p.Verified, p.Status, p.VerifyError)
		}
		validatePush(t, p.Body)
		// Verify again here with the exported verifier, from what arrived.
		h := http.Header{}
		for k, v := range p.Headers {
			h.Set(k, v)
		}
		req := authv2.Request{Method: "POST", Path: "/aicc/receiver/demo/webhooks/v1/messages", Header: h, Body: p.Body}
		if _, err := authv2.Verify(h.Get("Authorization"), req, testSK); err != nil {
			t.Fatalf("push %d: %v", p.Seq, err)
		}
		if !strings.HasPrefix(h.Get("Authorization"), "auth-v2/"+testAK+"/") || h.Get("Host") != "127.0.0.1" {
			t.Fatalf("push %d headers: %v", p.Seq, p.Headers)
		}
		seen = append(seen, decodePush(t, p.Body).Messages...)
	}
	if len(seen) != len(got.Downlink) {
		t.Fatalf("received %d messages, conversation pushed %d", len(seen), len(got.Downlink))
	}
	for i := range seen {
		if seen[i].Timestamp != got.Downlink[i].Timestamp || seen[i].ControlType != got.Downlink[i].ControlType || val(seen[i].Content) != val(got.Downlink[i].Content) {
			t.Fatalf("message %d out of order: got %+v want %+v", i, seen[i], got.Downlink[i])
		}
	}
	want := []string{"ROBOT CHAT TEXT", "ROBOT TRANS2AGENT TEXT", "AGENT CHAT TEXT", "AGENT CHAT IMAGE", "AGENT READ ", "AGENT DISCONNECT "}
	at := 0
	var image, read aicc.DownLinkMsg
	for _, m := range seen {
		k := m.SourceType + " " + m.ControlType + " " + val(m.MediaType)
		if at < len(want) && k == want[at] {
			at++
		}
		switch k {
		case "AGENT CHAT IMAGE":
			image = m
		case "AGENT READ ":
			read = m
		}
	}
	if at != len(want) {
		t.Fatalf("sequence %v not found in order; matched %d", want, at)
	}
	if val(read.Content) != sent.MessageID {
		t.Fatalf("READ content = %q, want the customer's message id %q", val(read.Content), sent.MessageID)
	}
	checkDownload(t, e, val(image.Content), "image/png", []byte("\x89PNG\r\n\x1a\n"))
}

func countMessages(t *testing.T, as []aicc.Attempt) int {
	n := 0
	for _, a := range as {
		n += len(decodePush(t, []byte(a.Body)).Messages)
	}
	return n
}

func val(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func checkDownload(t *testing.T, e *env, id, contentType string, magic []byte) {
	t.Helper()
	auth := []switchboardtest.Header{switchboardtest.Bearer(e.tenant), {"x-app-key", "app-1"}}
	r := e.sb.Do(t, "POST", e.sb.API("aicc")+"/apiaccess/ccmessaging/downloadFileStream",
		map[string]any{"fileId": id, "channel": "WEB", "fileType": strings.TrimPrefix(contentType[strings.Index(contentType, "/")+1:], "x-")}, auth...)
	okStatus(t, r)
	var out struct{ ResultCode, FileStream string }
	r.JSON(t, &out)
	b, err := base64.StdEncoding.DecodeString(out.FileStream)
	if err != nil || out.ResultCode != "0" || !bytes.HasPrefix(b, magic) {
		t.Fatalf("downloadFileStream %s: code %q err %v prefix %q", id, out.ResultCode, err, b[:min(len(b), 8)])
	}
	raw := e.sb.Do(t, "GET", e.sb.API("aicc")+"/apiaccess/ccmessaging/downloadFileStream?fileId="+id, nil, auth...)
	okStatus(t, raw)
	if raw.Header.Get("Content-Type") != contentType || !bytes.Equal(raw.Body, b) {
		t.Fatalf("raw download %s: content type %q, %d bytes (want %d)", id, raw.Header.Get("Content-Type"), len(raw.Body), len(b))
	}
}
