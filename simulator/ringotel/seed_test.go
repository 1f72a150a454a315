package ringotel_test

import (
	"net/http"
	"testing"
)

// The seed's five examples, byte for byte as the seed writes them.
var seedExamples = []struct {
	name, body string
	want       func(t *testing.T, r msgResult)
}{
	{"sync text into a session", `{
"method": "message",
"params":{
"from": "9003",
"to": "234567668",
"content": "Hello",
"orgid": "17076444409917912922",
"sessionid": "1710004869211-d3103a34bd2ce6023a"
}
}`, func(t *testing.T, r msgResult) {
		if !idPattern.MatchString(r.MessageID) || r.SessionID != "" {
			t.Errorf("want only a messageid, got %+v", r)
		}
	}},
	{"implicit session", `{
"method": "message",
"params":{
"from": "234567668",
"to": "9004",
"orgid": "17076444409917912922"
}
}`, func(t *testing.T, r msgResult) {
		if r.SessionID != "1710098613465-02d8b0a8b078cf73e5" || r.MessageID != "" {
			t.Errorf("want the seed's sessionid alone, got %+v", r)
		}
	}},
	{"sync into the new session", `{
"method": "message",
"params":{
"from": "9003",
"to": "234567668",
"content": "Hello",
"orgid": "17076444409917912922",
"sessionid": "1710098613465-02d8b0a8b078cf73e5"
}
}`, func(t *testing.T, r msgResult) {
		if !idPattern.MatchString(r.MessageID) || r.SessionID != "" {
			t.Errorf("want only a messageid, got %+v", r)
		}
	}},
	{"sync a file by messageid", `{
"method": "message",
"params":{
"from": "9003",
"to": "234567668",
"orgid": "17076444409917912922",
"messageid": "1710100665847-a1f4a223ffd202a9ea",
"sessionid": "1710098613465-02d8b0a8b078cf73e5"
}
}`, func(t *testing.T, r msgResult) {
		if !idPattern.MatchString(r.MessageID) || r.SessionID != "" {
			t.Errorf("want only a messageid, got %+v", r)
		}
	}},
	{"sync a call record", `{ "method": "message",
"params":{
"sessionid": "1738273559644-acb978e33dd4646786",
"content": {
"activity_type":"outbound",
"call_duration":105,
"caller_number":"9009",
"called_number":"380820432435",
"call_subject":"Brieff Utterances",
"call_summary":"The conversation consists of brief, repetitive utterances from both speakers, primarily 'Oh' and 'I don't know'.",
"call_transcription":"17191774976125638450-1759295823160-e4984da8007a55ac96.json"
},
"type": 8,
"orgid": "17076444409917912922"
}
}`, func(t *testing.T, r msgResult) {
		if !idPattern.MatchString(r.MessageID) || r.SessionID != "" {
			t.Errorf("want only a messageid, got %+v", r)
		}
	}},
}

// Every seed example works as written against a fresh tenant, each on its own.
func TestSeedExamplesOnFreshTenants(t *testing.T) {
	t.Parallel()
	c := newClient(t, "seed")
	for i, ex := range seedExamples {
		t.Run(ex.name, func(t *testing.T) {
			c := &client{sb: c.sb, key: "fresh-" + ex.name + string(rune('a'+i))}
			r := c.raw(t, ex.body, [2]string{"Content-Type", "application/json"})
			if r.Status != http.StatusOK || r.Error != nil {
				t.Fatalf("want a result, got %d %s", r.Status, r.Raw)
			}
			var res msgResult
			if err := jsonUnmarshal(r.Result, &res); err != nil {
				t.Fatal(err)
			}
			ex.want(t, res)
		})
	}
}

// The examples in the seed's order on one tenant, then what they left behind.
func TestSeedExamplesInSequence(t *testing.T) {
	t.Parallel()
	c := newClient(t, "seq")
	for _, ex := range seedExamples {
		if r := c.raw(t, ex.body); r.Error != nil || r.Status != http.StatusOK {
			t.Fatalf("%s: %d %s", ex.name, r.Status, r.Raw)
		}
	}
	_, msgs := c.messages(t, seedOrg, "1710098613465-02d8b0a8b078cf73e5")
	if len(msgs) != 2 || msgs[0].Type != 1 || msgs[1].Type != 2 || msgs[1].CopiedFrom != "1710100665847-a1f4a223ffd202a9ea" {
		t.Fatalf("session 02d8: want a text then the copied file, got %+v", msgs)
	}
	if msgs[1].File == nil || msgs[1].File["name"] != "delivery-note-0423.pdf" || !msgs[0].Read || msgs[0].Direction != "outbound" {
		t.Errorf("file copy or flags wrong: %+v", msgs)
	}
	_, calls := c.messages(t, seedOrg, "1738273559644-acb978e33dd4646786")
	if len(calls) != 1 || calls[0].Type != 8 || calls[0].Call["call_duration"] != 105.0 || calls[0].Direction != "outbound" || !calls[0].Read {
		t.Errorf("call record: got %+v", calls)
	}
}
