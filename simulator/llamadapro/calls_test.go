package llamadapro_test

import (
	"encoding/binary"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/switchboard-sim/switchboard/simulator/switchboardtest"
)

// TestAgentCallCompletes follows a call through its life and checks the
// recording is a real WAV of the call's length and the transcript follows
// the objectives and names the contact.
func TestAgentCallCompletes(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	call := c.must(t, 200, "POST", "/api/v2/calls/agent", map[string]any{
		"toPhoneNumber": "+56912345678", "objectives": []any{"Confirm the appointment for Tuesday"},
		"localization": "US", "contactInfo": map[string]any{"firstName": "Jane", "lastName": "Doe", "company": "Acme"}, "maxDurationSeconds": 60,
	})
	id := num(call, "id")
	if call["status"] != "queued" || num(call, "contactId") != 501 || call["funnelConversationId"] == nil {
		t.Fatalf("call = %v", call)
	}
	c.fails(t, 404, "GET", path("/api/v1/calls/{}/recording", id), nil)
	c.fails(t, 404, "GET", path("/api/v1/calls/{}/transcription", id), nil)
	seq := num(call, "lastUpdateSequence")
	var seen []string
	for i := 0; i < 200; i++ {
		got := c.must(t, 200, "GET", path("/api/v1/calls/{}", id), nil)
		if st := got["status"].(string); len(seen) == 0 || seen[len(seen)-1] != st {
			seen = append(seen, st)
			if s := num(got, "lastUpdateSequence"); len(seen) > 1 && s <= seq {
				t.Errorf("lastUpdateSequence %d did not grow on %s", s, st)
			} else {
				seq = s
			}
		}
		if got["status"] == "completed" {
			if d := got["duration"].(float64); d < 20 || d > 60 {
				t.Errorf("duration %v outside [20, 60]", d)
			}
			break
		}
		c.advance(t, time.Second)
	}
	if strings.Join(seen, ",") != "queued,ringing,in-progress,completed" {
		t.Fatalf("statuses %v", seen)
	}
	final := c.must(t, 200, "GET", path("/api/v1/calls/{}", id), nil)
	rec := c.must(t, 200, "GET", path("/api/v1/calls/{}/recording", id), nil)
	if num(rec, "callId") != id || rec["duration"] != final["duration"] {
		t.Errorf("recording = %v", rec)
	}
	if got := c.must(t, 200, "GET", path("/api/v1/recordings/{}", num(rec, "id")), nil); got["url"] != rec["url"] {
		t.Errorf("GetRecording = %v", got)
	}
	wav := c.sb.Do(t, "GET", rec["url"].(string), nil, switchboardtest.Bearer(c.key))
	if wav.Status != http.StatusOK || wav.Header.Get("Content-Type") != "audio/wav" {
		t.Fatalf("wav download %d %s", wav.Status, wav.Header.Get("Content-Type"))
	}
	checkWAV(t, wav.Body, int(final["duration"].(float64)))
	tr := c.must(t, 200, "GET", path("/api/v1/calls/{}/transcription", id), nil)
	text := tr["text"].(string)
	if num(tr, "recordingId") != num(rec, "id") || !strings.Contains(text, "Jane") || !strings.Contains(text, "confirm the appointment for Tuesday") {
		t.Errorf("transcript does not follow the call:\n%s", text)
	}
	conv := c.must(t, 200, "GET", path("/api/v1/conversations/{}", num(final, "funnelConversationId")), nil)
	if s := list(conv, "channelSessions"); len(s) != 1 || obj(s[0])["channelType"] != "PHONE" || obj(s[0])["endTime"] == nil {
		t.Errorf("channel sessions = %v", s)
	}
}

// checkWAV parses a RIFF/WAVE header and checks format and length.
func checkWAV(t *testing.T, b []byte, seconds int) {
	t.Helper()
	le := binary.LittleEndian
	switch {
	case len(b) < 44 || string(b[0:4]) != "RIFF" || string(b[8:12]) != "WAVE" || string(b[12:16]) != "fmt " || string(b[36:40]) != "data":
		t.Fatalf("not a RIFF/WAVE file: % x", b[:min(len(b), 44)])
	case le.Uint16(b[20:]) != 1 || le.Uint16(b[22:]) != 1 || le.Uint32(b[24:]) != 8000 || le.Uint16(b[34:]) != 16:
		t.Errorf("format: pcm=%d channels=%d rate=%d bits=%d", le.Uint16(b[20:]), le.Uint16(b[22:]), le.Uint32(b[24:]), le.Uint16(b[34:]))
	case int(le.Uint32(b[4:])) != len(b)-8 || int(le.Uint32(b[40:])) != len(b)-44:
		t.Errorf("chunk sizes %d/%d for %d bytes", le.Uint32(b[4:]), le.Uint32(b[40:]), len(b))
	}
	if got := float64(le.Uint32(b[40:])) / float64(le.Uint32(b[28:])); int(got) != seconds {
		t.Errorf("audio lasts %.2f s, want %d", got, seconds)
	}
	silent := true
	for i := 44; i+1 < len(b) && silent; i += 2 {
		silent = le.Uint16(b[i:]) == 0
	}
	if silent {
		t.Errorf("audio is all silence")
	}
}

func TestMagicNumbers(t *testing.T) {
	t.Parallel()
	tests := []struct {
		to, status string
		recorded   bool
	}{
		{"+15005550001", "no-answer", false},
		{"+15005550002", "busy", false},
		{"+15005550003", "failed", false},
		{"+15005550004", "completed", true},
	}
	for _, tt := range tests {
		t.Run(tt.status, func(t *testing.T) {
			c := newClient(t)
			call := c.must(t, 200, "POST", "/api/v1/calls/agent", map[string]any{"voiceAgentId": 124, "to": tt.to, "contextVariables": map[string]any{"customerFirstName": "Max"}})
			id := num(call, "id")
			c.advance(t, 10*time.Minute)
			got := c.must(t, 200, "GET", path("/api/v1/calls/{}", id), nil)
			if got["status"] != tt.status {
				t.Fatalf("status %v, want %s", got["status"], tt.status)
			}
			if tt.recorded {
				if got["duration"] != 1.0 {
					t.Errorf("hang-up duration %v", got["duration"])
				}
				c.must(t, 200, "GET", path("/api/v1/calls/{}/recording", id), nil)
				tr := c.must(t, 200, "GET", path("/api/v1/calls/{}/transcription", id), nil)
				if !strings.Contains(tr["text"].(string), "hung up") {
					t.Errorf("transcript = %v", tr["text"])
				}
				return
			}
			c.fails(t, 404, "GET", path("/api/v1/calls/{}/recording", id), nil)
			c.fails(t, 404, "GET", path("/api/v1/calls/{}/transcription", id), nil)
		})
	}
}

func TestVoiceAgentAndBridgeCalls(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	call := c.must(t, 200, "POST", "/api/v1/calls/agent", map[string]any{"voiceAgentId": 123, "to": "+525512345678",
		"contextVariables": map[string]any{"customerFirstName": "Pedro", "customerLastName": "Gomez"}, "customData": map[string]any{"customKey": "customValue"}})
	if num(call, "contactId") != 502 || obj(call["customData"])["customKey"] != "customValue" {
		t.Errorf("voice agent call = %v", call)
	}
	c.advance(t, 5*time.Minute)
	tr := c.must(t, 200, "GET", path("/api/v1/calls/{}/transcription", num(call, "id")), nil)
	if text := tr["text"].(string); !strings.Contains(text, "Pedro") || !strings.Contains(text, "Sofia") || !strings.Contains(text, "Confirm the customer's appointment") {
		t.Errorf("voice agent transcript:\n%s", text)
	}
	b := c.must(t, 200, "POST", "/api/v1/calls/bridge", map[string]any{"to": "+1234567890", "callCustomData": map[string]any{"customKey": "customValue"}})
	if b["status"] != "queued" || b["from"] != "+15550100000" {
		t.Errorf("bridge = %v", b)
	}
	c.fails(t, 400, "POST", "/api/v1/calls/agent", map[string]any{"voiceAgentId": 999, "to": "555", "contextVariables": map[string]any{}}, "voiceAgentId", "to")
	c.fails(t, 400, "POST", "/api/v1/calls/agent", map[string]any{"to": "+1234567890"}, "voiceAgentId", "contextVariables")
	c.fails(t, 400, "POST", "/api/v1/calls/bridge", map[string]any{"to": "1234", "from": "abc"}, "to", "from")
	c.fails(t, 400, "POST", "/api/v2/calls/agent", map[string]any{"toPhoneNumber": "56912", "fromPhoneNumber": "x", "objectives": []any{}, "localization": "AR", "maxDurationSeconds": 0},
		"localization") // the spec layer answers first; domain checks follow once the body fits the spec
	c.fails(t, 400, "POST", "/api/v2/calls/agent", map[string]any{"toPhoneNumber": "56912", "fromPhoneNumber": "x", "objectives": []any{" "}, "maxDurationSeconds": 0},
		"toPhoneNumber", "fromPhoneNumber", "objectives[0]", "maxDurationSeconds")
	c.fails(t, 400, "POST", "/api/v2/calls/agent", map[string]any{"toPhoneNumber": "+56912345678", "objectives": []any{}}, "objectives")
	c.fails(t, 404, "GET", "/api/v1/calls/123456", nil)
	c.fails(t, 404, "GET", "/api/v1/calls/123456/recording", nil)
	c.fails(t, 404, "GET", "/api/v1/calls/123456/transcription", nil)
}

func TestCreateCallAndLoadRecording(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	ext := c.must(t, 200, "POST", "/api/v1/calls", map[string]any{"status": "completed", "userId": 7, "metadata": map[string]any{"pbx": "x"},
		"from": "+14155552671", "to": "+56912345678", "duration": 95, "direction": "outbound", "startTime": "2025-03-01T10:00:00Z", "funnelConversationId": 1001})
	if ext["status"] != "completed" || ext["duration"] != 95.0 || num(ext, "contactId") != 501 || ext["startTime"] != "2025-03-01T10:00:00Z" {
		t.Errorf("external call = %v", ext)
	}
	c.must(t, 200, "GET", path("/api/v1/calls/{}", num(ext, "id")), nil)
	c.fails(t, 404, "GET", path("/api/v1/calls/{}/recording", num(ext, "id")), nil)
	c.fails(t, 400, "POST", "/api/v1/calls", map[string]any{"status": "completed"}, "userId", "metadata", "from", "to", "duration", "direction", "startTime")
	c.fails(t, 400, "POST", "/api/v1/calls", map[string]any{"status": "completed", "userId": nil, "metadata": nil, "from": "a", "to": "b", "duration": nil, "direction": "outbound",
		"startTime": "2025-03-01T10:00:00Z", "funnelConversationId": 5}, "funnelConversationId")

	rec := c.must(t, 200, "POST", "/api/v1/recordings", map[string]any{"userId": 7, "url": "https://storage.example.com/a.wav", "callTo": "+56912345678",
		"callFrom": "+14155552671", "callDirection": "outgoing", "callStartTime": "2025-03-01T10:00:00Z"})
	if rec["url"] != "https://storage.example.com/a.wav" || rec["startTime"] != "2025-03-01T10:00:00Z" {
		t.Errorf("loaded recording = %v", rec)
	}
	call := c.must(t, 200, "GET", path("/api/v1/calls/{}", num(rec, "callId")), nil)
	if call["status"] != "completed" || call["duration"] != rec["duration"] {
		t.Errorf("loaded call = %v", call)
	}
	c.must(t, 200, "GET", path("/api/v1/calls/{}/transcription", num(rec, "callId")), nil)
	if got := c.must(t, 200, "GET", path("/api/v1/calls/{}/recording", num(rec, "callId")), nil); got["id"] != rec["id"] {
		t.Errorf("call recording = %v", got)
	}
	c.fails(t, 400, "POST", "/api/v1/recordings", map[string]any{"userId": 7, "url": "ftp:/x", "callTo": "1", "callStartTime": "yesterday"}, "url", "callTo", "callStartTime")
	c.fails(t, 400, "POST", "/api/v1/recordings", map[string]any{"callDirection": "sideways"}, "userId", "url", "callDirection")
	c.fails(t, 404, "GET", "/api/v1/recordings/424242", nil)
	c.fails(t, 404, "GET", "/api/v1/recordings/424242/audio", nil)
}
