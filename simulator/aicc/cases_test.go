package aicc_test

import (
	"testing"
	"time"

	"github.com/switchboard-sim/switchboard/simulator/aicc"
	"github.com/switchboard-sim/switchboard/simulator/switchboardtest"
)

func boolp(b bool) *bool { return &b }

// TestEverySeedCase pushes every case of seed 001 by hand and checks each
// pushed body against the spec and the seed's field rules.
func TestEverySeedCase(t *testing.T) {
	t.Parallel()
	e := start(t, aicc.Options{})
	e.subscribe(t, "ch-all", e.receiverURL("all"), map[string]any{
		"mode": "auth-v2", "accessKey": testAK, "secretKey": testSK,
		"timestampFormat": "epochMillis", "signedHeaders": []string{"Host", "content-type"},
	})
	conv := e.startConv(t, map[string]any{"channelId": "ch-all", "userId": "u-all", "flow": "none"})
	okStatus(t, e.uplink(t, map[string]any{"channel": "WEB", "controlType": "CHAT", "mediaType": "TEXT", "content": "hi", "from": "u-all", "to": "ch-all", "sourceType": "CUSTOMER"}))
	sys := func(content string) aicc.MessageSpec { return text(aicc.SourceSystem, content) }
	media := func(src, m string) aicc.MessageSpec {
		return aicc.MessageSpec{SourceType: src, ControlType: aicc.ControlChat, MediaType: m}
	}
	cases := []struct {
		name  string
		spec  aicc.MessageSpec
		check func(m aicc.DownLinkMsg) bool
	}{
		{"connect", aicc.MessageSpec{SourceType: aicc.SourceSystem, ControlType: aicc.ControlConnect, MediaType: aicc.MediaText, Content: "The session is connected."}, func(m aicc.DownLinkMsg) bool { return m.ControlType == "CONNECT" }},
		{"robot answer", aicc.MessageSpec{SourceType: aicc.SourceRobot, ControlType: aicc.ControlChat, MediaType: aicc.MediaText, Content: "Try this.", SimQuestions: "A?;B?"}, func(m aicc.DownLinkMsg) bool {
			return val(m.SimQuestions) == "A?;B?" && val(m.SenderNickname) != "" && len(val(m.MessageCode)) > 0 && len(val(m.MessageCode)) <= 64
		}},
		{"trans2agent", aicc.MessageSpec{SourceType: aicc.SourceRobot, ControlType: aicc.ControlTrans2Agent, MediaType: aicc.MediaText, Content: "Transferring."}, func(m aicc.DownLinkMsg) bool { return m.ControlType == "TRANS2AGENT" }},
		{"queuing", sys("Queuing..."), func(m aicc.DownLinkMsg) bool {
			return val(m.SenderNickname) == "SYSTEM" && val(m.Content) == "Queuing..."
		}},
		{"connected", sys("The call is connected to an agent."), func(m aicc.DownLinkMsg) bool { return m.ControlType == "CHAT" && m.SourceType == "SYSTEM" }},
		{"agent text", text(aicc.SourceAgent, "Hello"), func(m aicc.DownLinkMsg) bool { return m.MessageCode != nil && val(m.SenderNickname) != "" }},
		{"image", media(aicc.SourceAgent, aicc.MediaImage), func(m aicc.DownLinkMsg) bool { return val(m.Content) != "" }},
		{"video", media(aicc.SourceAgent, aicc.MediaVideo), func(m aicc.DownLinkMsg) bool { return val(m.Content) != "" }},
		{"audio", media(aicc.SourceRobot, aicc.MediaAudio), func(m aicc.DownLinkMsg) bool { return val(m.Content) != "" }},
		{"document", media(aicc.SourceAgent, aicc.MediaDocument), func(m aicc.DownLinkMsg) bool { return val(m.Content) != "" }},
		{"locate", media(aicc.SourceAgent, aicc.MediaLocate), func(m aicc.DownLinkMsg) bool { return len(val(m.Content)) > 5 }},
		{"read", aicc.MessageSpec{SourceType: aicc.SourceAgent, ControlType: aicc.ControlRead}, func(m aicc.DownLinkMsg) bool { return m.MediaType == nil && val(m.Content) != "" }},
		{"timeout async off", aicc.MessageSpec{SourceType: aicc.SourceSystem, ControlType: aicc.ControlDisconnect, IsOfflineStatus: boolp(false)}, func(m aicc.DownLinkMsg) bool {
			return m.IsOfflineStatus != nil && !*m.IsOfflineStatus && m.Content == nil && m.MediaType == nil
		}},
	}
	for _, c := range cases {
		if c.name == "timeout async off" {
			continue // it closes the conversation: pushed last, below
		}
		msgs := e.push(t, conv.ID, c.spec)
		if len(msgs) != 1 || !c.check(msgs[0]) || msgs[0].From != "ch-all" || msgs[0].To != "u-all" || msgs[0].Channel != "WEB" {
			t.Fatalf("%s: %+v", c.name, msgs)
		}
	}
	last := cases[len(cases)-1]
	if msgs := e.push(t, conv.ID, last.spec); !last.check(msgs[0]) {
		t.Fatalf("%s: %+v", last.name, msgs[0])
	}
	// The async switch on: the TIPS text and isOfflineStatus true, by flow.
	on := e.startConv(t, map[string]any{"channelId": "ch-all", "userId": "u-on", "flow": "timeout", "asyncSwitch": true})
	e.sb.Admin.Advance(t, e.tenant, 2*time.Minute)
	var got aicc.Conversation
	e.admin(t, "GET", "/aicc/conversations/"+on.ID, nil, &got)
	tail := got.Downlink[len(got.Downlink)-1]
	if got.Status != aicc.StatusClosed || tail.IsOfflineStatus == nil || !*tail.IsOfflineStatus || val(tail.MediaType) != "TEXT" || val(tail.Content) == "" {
		t.Fatalf("async-on timeout: %+v", tail)
	}

	want := len(cases) + 3 // + the robot's answer to "hi", + 2 timeout-flow batches
	switchboardtest.Eventually(t, 0, "all pushes", func() bool { return len(e.deliveries(t, "&outcome=success")) == want })
	for _, p := range e.receiver(t, "all").Received {
		if !p.Verified {
			t.Fatalf("push %d not verified: %s", p.Seq, p.VerifyError)
		}
		validatePush(t, p.Body)
	}
	for _, a := range e.deliveries(t, "") {
		body := decodePush(t, []byte(a.Body))
		if want := "auth-v2/" + testAK + "/" + itoa(body.Timestamp) + "/host;content-type/"; len(a.RequestHeaders["Authorization"]) < len(want) || a.RequestHeaders["Authorization"][:len(want)] != want {
			t.Fatalf("epochMillis header: %q, want prefix %q", a.RequestHeaders["Authorization"], want)
		}
	}
	downloads := map[string][2]string{"VIDEO": {"video/mp4", "\x00\x00\x00\x1cftyp"}, "AUDIO": {"audio/wav", "RIFF"}, "DOCUMENT": {"application/pdf", "%PDF-1.4"}}
	e.admin(t, "GET", "/aicc/conversations/"+conv.ID, nil, &got)
	for _, m := range got.Downlink {
		if d, ok := downloads[val(m.MediaType)]; ok {
			checkDownload(t, e, val(m.Content), d[0], []byte(d[1]))
		}
	}
}

func itoa(n int64) string {
	b := []byte{}
	for n > 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(b)
}
