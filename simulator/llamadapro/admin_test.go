package llamadapro_test

import (
	"testing"
	"time"
)

func TestFixturesListMagicValues(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	m := c.sb.Admin.Do(t, "GET", "/fixtures?tenant="+c.key, nil).Map(t)
	lp := obj(obj(m["apis"])["llamadapro"])
	magic := obj(lp["magicNumbers"])
	if magic["noAnswer"] != "+15005550001" || magic["busy"] != "+15005550002" || magic["failed"] != "+15005550003" || magic["hangUp"] != "+15005550004" {
		t.Errorf("magicNumbers = %v", magic)
	}
	for _, k := range []string{"contactIds", "conversationIds", "funnels", "customFieldDefinitionIds", "whatsappTemplates", "fileIds", "voiceAgents"} {
		if lp[k] == nil {
			t.Errorf("fixtures lack %s", k)
		}
	}
}

// TestResetStopsTimersAndRestoresFixtures resets a tenant mid-call: the old
// call's timers must not touch the new state, and fixtures come back.
func TestResetStopsTimersAndRestoresFixtures(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	c.must(t, 200, "POST", "/api/v2/calls/agent", map[string]any{"toPhoneNumber": "+56912345678", "objectives": []any{"Say hi"}})
	c.must(t, 200, "DELETE", "/api/v1/contacts/501", nil)
	c.sb.Admin.Reset(t, c.key)
	c.advance(t, time.Hour)
	c.must(t, 200, "GET", "/api/v1/contacts/501", nil)
	c.fails(t, 404, "GET", "/api/v1/calls/7001", nil)
}
