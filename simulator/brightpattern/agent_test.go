package brightpattern_test

import (
	"encoding/json"
	"testing"
	"time"
)

// connected opens a chat and waits until the agent has greeted.
func connected(t *testing.T, c *client) (chat, agent string) {
	t.Helper()
	chat = c.requestChat(map[string]any{"first_name": "Kim"})
	seen := c.pollUntil(chat, 2*time.Second, func(e event) bool {
		return e.name() == "chat_session_message" && contains(e.str("msg"), "How can I help")
	})
	return chat, seen[len(seen)-1].str("party_id")
}

func TestWebRTCSignaling(t *testing.T) {
	t.Parallel()
	sb := start(t, 300*time.Millisecond)
	for _, asString := range []bool{false, true} {
		c := newClient(t, sb, "NoBot", "dev-call-"+map[bool]string{false: "obj", true: "str"}[asString])
		chat, agent := connected(t, c)
		data := func(m map[string]any) any {
			if asString {
				b, _ := json.Marshal(m)
				return string(b)
			}
			return m
		}
		read := func(e event) map[string]any {
			if s, ok := e["data"].(string); ok {
				var m map[string]any
				_ = json.Unmarshal([]byte(s), &m)
				return m
			}
			m, _ := e["data"].(map[string]any)
			return m
		}
		c.sendEvent(chat, map[string]any{"event": "chat_session_signaling", "msg_id": "3", "destination_party_id": agent, "data": data(map[string]any{"type": "REQUEST_CALL", "offerVideo": false})})
		got := c.pollUntil(chat, time.Second, func(e event) bool { return e.name() == "chat_session_signaling" && read(e)["type"] == "OFFER_CALL" })
		offer := read(got[len(got)-1])
		if sdp, _ := offer["sdp"].(string); !contains(sdp, "v=0") || got[len(got)-1].str("party_id") != agent {
			t.Fatalf("offer = %v", got[len(got)-1])
		}
		if _, isString := got[len(got)-1]["data"].(string); isString != asString {
			t.Fatalf("the offer's data form should match the client's (string %v)", asString)
		}
		c.sendEvent(chat, map[string]any{"event": "chat_session_signaling", "msg_id": "5", "data": data(map[string]any{"type": "ICE_CANDIDATE", "sdpMid": "0", "sdpMLineIndex": 0, "candidate": "candidate:1"})})
		c.sendEvent(chat, map[string]any{"event": "chat_session_signaling", "msg_id": "7", "data": data(map[string]any{"type": "ANSWER_CALL", "sdp": "v=0"})})
		c.pollUntil(chat, 15*time.Second, func(e event) bool { return e.name() == "chat_session_signaling" && read(e)["type"] == "END_CALL" })
		if find(c.history(chat), "chat_session_signaling") != nil {
			t.Fatal("signaling must not be in the history")
		}
	}
}

func TestNoAgentAvailable(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, app string
		switches  map[string]any
	}{
		{"fixture", "NoAgents", nil},
		{"control plane", "SwitchboardWebChat", map[string]any{"agents_available": false}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			sb := start(t, 300*time.Millisecond)
			c := newClient(t, sb, tc.app, "dev-wait")
			if tc.switches != nil {
				setService(t, sb, c.tenant(), tc.switches)
			}
			chat := c.requestChat(nil)
			var ewts []string
			for i := 0; i < 12; i++ {
				c.advance(30 * time.Second)
				for _, e := range c.poll(chat) {
					if e.name() == "chat_session_party_joined" {
						t.Fatal("an agent joined although none is available")
					}
					if e.name() == "chat_session_status" && e.str("state") == "queued" {
						ewts = append(ewts, e.str("ewt"))
					}
					if e.name() == "chat_session_status" && e.str("state") == "failed" {
						if len(ewts) < 3 || ewts[0] == ewts[len(ewts)-1] {
							t.Fatalf("ewt did not grow: %v", ewts)
						}
						c.must(404, "GET", "chats/active", nil)
						return
					}
				}
			}
			t.Fatalf("the chat never failed; ewts %v", ewts)
		})
	}
}

func TestAvailability(t *testing.T) {
	t.Parallel()
	sb := start(t, 300*time.Millisecond)
	c := newClient(t, sb, "SwitchboardWebChat", "dev-hours")
	open := newClient(t, sb, "AlwaysOpen", "dev-hours")
	avail := func(c *client) string {
		var out struct {
			Chat string `json:"chat"`
		}
		c.must(200, "GET", "availability", nil).decode(t, &out)
		return out.Chat
	}
	if got := avail(c); got != "available" {
		t.Fatalf("Monday 09:00: %s", got)
	}
	setService(t, sb, c.tenant(), map[string]any{"service_open": false})
	if got := avail(c); got != "notAvailable" {
		t.Fatalf("closed by the control plane: %s", got)
	}
	setService(t, sb, c.tenant(), map[string]any{"service_open": nil})
	c.advance(12 * time.Hour) // Monday 21:00
	if got := avail(c); got != "notAvailable" {
		t.Fatalf("after hours: %s", got)
	}
	open.advance(12 * time.Hour)
	if got := avail(open); got != "available" {
		t.Fatalf("AlwaysOpen after hours: %s", got)
	}
}

func TestTransferAndAgentEnd(t *testing.T) {
	t.Parallel()
	sb := start(t, 300*time.Millisecond)
	c := newClient(t, sb, "NoBot", "dev-transfer")
	chat, first := connected(t, c)
	c.sendEvent(chat, map[string]any{"event": "chat_session_message", "msg_id": "3", "msg": "please transfer me"})
	got := c.pollUntil(chat, time.Second, is("chat_session_party_joined"))
	left := find(got, "chat_session_party_left")
	second := got[len(got)-1].str("party_id")
	if left == nil || left.str("party_id") != first || second == first {
		t.Fatalf("transfer = %v", names(got))
	}
	c.sendEvent(chat, map[string]any{"event": "chat_session_message", "msg_id": "5", "msg": "ok bye"})
	end := c.pollUntil(chat, time.Second, is("chat_session_ended"))
	if st := find(end, "chat_session_status"); st == nil || st.str("state") != "completed" {
		t.Fatalf("agent end = %v", names(end))
	}
	c.must(404, "GET", "chats/active", nil)
}

func TestClientEvents(t *testing.T) {
	t.Parallel()
	sb := start(t, 300*time.Millisecond)
	c := newClient(t, sb, "NoBot", "dev-events")
	chat, _ := connected(t, c)
	ok := []map[string]any{
		{"event": "chat_session_typing", "msg": "Hel"},
		{"event": "chat_session_not_typing"},
		{"event": "chat_session_navigation", "msg_id": "1", "title": "Home", "page": "http://localhost/"},
		{"event": "chat_session_location", "msg_id": 9, "latitude": 52.1, "longitude": 4.3},
		{"event": "chat_session_form_data", "form_request_id": "", "form_name": "RequestLocation", "data": map[string]any{"text": "here"}},
		{"event": "chat_session_message", "msg_id": chat + ":11", "msg": "hi", "type": "odd", "state": 7, "timestamp": "x"},
	}
	for _, ev := range ok {
		c.sendEvent(chat, ev)
	}
	bad := []struct {
		name string
		ev   map[string]any
	}{
		{"unknown type", map[string]any{"event": "chat_session_dance"}},
		{"no type", map[string]any{"msg": "x"}},
		{"message without msg", map[string]any{"event": "chat_session_message", "msg_id": "3"}},
		{"signaling without type", map[string]any{"event": "chat_session_signaling", "data": map[string]any{}}},
		{"form data not an object", map[string]any{"event": "chat_session_form_data", "data": "x"}},
		{"form name not a string", map[string]any{"event": "chat_session_form_data", "form_name": 5}},
		{"file type unknown", map[string]any{"event": "chat_session_file", "file_id": "x", "file_type": "video"}},
		{"navigation title not a string", map[string]any{"event": "chat_session_navigation", "title": []any{1}}},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			c.must(400, "POST", "chats/"+chat+"/events", map[string]any{"events": []any{tc.ev}})
		})
	}
	c.must(400, "POST", "chats/"+chat+"/events", map[string]any{"nothing": true})
	c.must(404, "POST", "chats/nope/events", map[string]any{"events": []any{}})
	c.must(404, "GET", "chats/nope/history", nil)
	c.must(404, "GET", "chats/nope/events", nil)
	h := c.history(chat)
	if loc := find(h, "chat_session_location"); loc == nil || loc.str("msg_id") != "9" || loc.str("party_id") != chat {
		t.Fatalf("location in history = %v", loc)
	}
	var last float64
	for _, e := range h {
		if ts, ok := e["timestamp"].(float64); ok {
			if ts < last {
				t.Fatalf("history out of order at %v", e)
			}
			last = ts
		}
	}
	// The agent leaves at once, so the answer to Send Events carries it.
	if left := c.sendEvent(chat, map[string]any{"event": "chat_session_disconnect"}); find(left, "chat_session_party_left") == nil {
		t.Fatalf("disconnect answered %v, want the agent leaving", names(left))
	}
	if again := c.poll(chat); find(again, "chat_session_party_left") == nil {
		t.Fatalf("poll after the answer = %v: the poll must deliver every server event too", names(again))
	}
	c.must(200, "GET", "chats/active", nil)
}
