package brightpattern

import (
	"encoding/json"
)

// fakeSDP is the agent's WebRTC offer: well-formed, but no media ever flows.
const fakeSDP = "v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n" +
	"a=group:BUNDLE 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\n" +
	"a=rtcp:9 IN IP4 0.0.0.0\r\na=ice-ufrag:swbd\r\na=ice-pwd:switchboardsimulatorpwd0\r\n" +
	"a=fingerprint:sha-256 00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF\r\n" +
	"a=setup:actpass\r\na=mid:0\r\na=sendrecv\r\na=rtpmap:111 opus/48000/2\r\n"

// signalData reads a signaling message's data, sent either as an object or
// as a string holding JSON; asString says which, so replies match.
func signalData(v any) (map[string]any, bool) {
	switch d := v.(type) {
	case map[string]any:
		return d, false
	case string:
		var m map[string]any
		if json.Unmarshal([]byte(d), &m) == nil {
			return m, true
		}
	}
	return nil, false
}

// signal plays the agent's side of a WebRTC call. Callers hold mu.
func (s *State) signal(c *Chat, data any) {
	msg, asString := signalData(data)
	typ, _ := msg["type"].(string)
	timing := s.fx.Flow.Call
	id := c.ID
	switch typ {
	case "REQUEST_CALL":
		video, _ := msg["offerVideo"].(bool)
		if c.agent == nil {
			s.sendSignal(c, asString, map[string]any{"type": "CALL_REJECTED", "reason_code": 1, "reason": "no agent is connected"})
			return
		}
		s.clock.Stop(c.callTimer)
		c.callTimer = s.clock.After(timing.AnswerAfter.D(), func() {
			s.callStep(id, asString, map[string]any{"type": "OFFER_CALL", "offerVideo": video, "sdp": fakeSDP},
				map[string]any{"type": "ICE_CANDIDATE", "sdpMid": "0", "sdpMLineIndex": 0,
					"candidate": "candidate:1 1 udp 2122260223 127.0.0.1 49152 typ host"})
		})
	case "ANSWER_CALL":
		c.inCall = true
		s.clock.Stop(c.callTimer)
		c.callTimer = s.clock.After(timing.Duration.D(), func() {
			s.callStep(id, asString, map[string]any{"type": "END_CALL"})
		})
	case "END_CALL":
		c.inCall = false
		s.clock.Stop(c.callTimer)
		c.callTimer = nil
	}
	// ICE_CANDIDATE, REQUEST_PHONE_CALL and REQUEST_SMS need no answer.
}

// callStep is a call timer: the agent sends its signaling messages.
func (s *State) callStep(id string, asString bool, msgs ...map[string]any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.chats[id]
	if !ok || c.ended || s.closed || c.callTimer == nil {
		return
	}
	c.callTimer = nil
	for _, m := range msgs {
		if m["type"] == "END_CALL" {
			c.inCall = false
		}
		s.sendSignal(c, asString, m)
	}
}

// sendSignal emits a chat_session_signaling from the agent. Callers hold mu.
func (s *State) sendSignal(c *Chat, asString bool, msg map[string]any) {
	var data any = msg
	if asString {
		b, _ := json.Marshal(msg)
		data = string(b)
	}
	party := c.ID
	if p := c.speaker(""); p != nil {
		party = p.ID
	}
	now := s.now()
	c.add(signalingEvent(party, c.nextMsgID(), data), now, false)
}
