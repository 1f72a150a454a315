package brightpattern_test

import (
	"net/url"
	"testing"
	"time"
)

func TestControlPlaneDrivesAgent(t *testing.T) {
	t.Parallel()
	sb := start(t, 300*time.Millisecond)
	c := newClient(t, sb, "SwitchboardWebChat", "dev-manual")
	chat := manualChat(t, c)
	tenant := c.tenant()

	steps := []struct {
		action map[string]any
		want   string
	}{
		{map[string]any{"action": "join"}, "chat_session_party_joined"},
		{map[string]any{"action": "typing"}, "chat_session_typing"},
		{map[string]any{"action": "not_typing"}, "chat_session_not_typing"},
		{map[string]any{"action": "say", "text": "Exactly this."}, "chat_session_message"},
		{map[string]any{"action": "file", "file_name": "map.png", "file_type": "image"}, "chat_session_file"},
		{map[string]any{"action": "form", "form_name": "Survey", "form_timeout": 60}, "chat_session_form_show"},
		{map[string]any{"action": "transfer"}, "chat_session_party_joined"},
		{map[string]any{"action": "join", "party": "bot"}, "chat_session_party_joined"},
		{map[string]any{"action": "leave", "party": "bot"}, "chat_session_party_left"},
		{map[string]any{"action": "end"}, "chat_session_ended"},
	}
	for _, st := range steps {
		got := drive(t, sb, tenant, chat, st.action)
		if find(got, st.want) == nil {
			t.Fatalf("%v produced %v, want %s", st.action, names(got), st.want)
		}
		polled := c.poll(chat)
		if len(polled) != len(got) {
			t.Fatalf("%v: the client got %v, the control plane reported %v", st.action, names(polled), names(got))
		}
	}
	v := chats(t, sb, tenant)[chat]
	if v.Active || v.State != "completed" || len(v.Events) == 0 {
		t.Fatalf("chat view after end = %+v", v)
	}
	for _, e := range v.Events {
		if e.From == "server" && !e.Delivered {
			t.Fatalf("undelivered event after the client polled: %v", e.Event)
		}
	}
	// Without ?tenant= the chat is found in whichever tenant has it.
	r := admin(t, sb, "GET", "/brightpattern/chats", nil)
	if r.Status != 200 || !contains(string(r.Body), chat) {
		t.Fatalf("list all: %d", r.Status)
	}
}

func TestControlPlaneErrors(t *testing.T) {
	t.Parallel()
	sb := start(t, 300*time.Millisecond)
	c := newClient(t, sb, "SwitchboardWebChat", "dev-admin-err")
	chat := manualChat(t, c)
	q := "?tenant=" + url.QueryEscape(c.tenant())
	cases := []struct {
		name, method, path string
		body               any
		want               int
	}{
		{"unknown action", "POST", "/brightpattern/chats/" + chat + "/agent" + q, map[string]any{"action": "dance"}, 400},
		{"missing action", "POST", "/brightpattern/chats/" + chat + "/agent" + q, map[string]any{}, 400},
		{"say before join", "POST", "/brightpattern/chats/" + chat + "/agent" + q, map[string]any{"action": "say", "text": "hi"}, 409},
		{"unknown chat", "POST", "/brightpattern/chats/nope/agent" + q, map[string]any{"action": "join"}, 404},
		{"unknown chat anywhere", "POST", "/brightpattern/chats/nope/agent", map[string]any{"action": "join"}, 404},
		{"service without tenant", "GET", "/brightpattern/service", nil, 400},
		{"set service without tenant", "POST", "/brightpattern/service", map[string]any{"service_open": true}, 400},
		{"service bad value", "POST", "/brightpattern/service" + q, map[string]any{"service_open": "yes"}, 400},
		{"service", "GET", "/brightpattern/service" + q, nil, 200},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := admin(t, sb, tc.method, tc.path, tc.body)
			if r.Status != tc.want {
				t.Fatalf("status %d, want %d: %s", r.Status, tc.want, r.Body)
			}
		})
	}
	if got := drive(t, sb, c.tenant(), chat, map[string]any{"action": "leave"}); len(got) != 0 {
		t.Fatalf("leave with nobody there produced %v", names(got))
	}
	drive(t, sb, c.tenant(), chat, map[string]any{"action": "join"})
	if r := admin(t, sb, "POST", "/brightpattern/chats/"+chat+"/agent"+q, map[string]any{"action": "say"}); r.Status != 400 {
		t.Fatalf("say without text: %d", r.Status)
	}
	drive(t, sb, c.tenant(), chat, map[string]any{"action": "end"})
	if r := admin(t, sb, "POST", "/brightpattern/chats/"+chat+"/agent"+q, map[string]any{"action": "join"}); r.Status != 404 {
		t.Fatalf("drive an ended chat: %d", r.Status)
	}
}

func TestFixturesAndSpecs(t *testing.T) {
	t.Parallel()
	sb := start(t, 300*time.Millisecond)
	c := newClient(t, sb, "SwitchboardWebChat", "dev-fx")
	chat := c.requestChat(nil)
	r := admin(t, sb, "GET", "/fixtures?tenant="+url.QueryEscape(c.tenant()), nil)
	if r.Status != 200 || !contains(string(r.Body), "SwitchboardWebChat") || !contains(string(r.Body), chat) {
		t.Fatalf("fixtures: %d %s", r.Status, r.Body)
	}
	for _, name := range []string{"brightpattern", "admin"} {
		if r := admin(t, sb, "GET", "/openapi/"+name, nil); r.Status != 200 || !contains(string(r.Body), "MOBILE-API-140-327-PLAIN") && name == "brightpattern" {
			t.Fatalf("spec %s: %d", name, r.Status)
		}
	}
}
