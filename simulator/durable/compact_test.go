package durable

import (
	"fmt"
	"reflect"
	"testing"
	"time"
)

// The in-memory history gives back each record exactly as appended,
// whatever order the header map iterates in (it differs from one loop to
// the next), in memory of its own: changing the caller's buffers changes
// nothing kept.
func TestMemoryKeepsTheRecordExactly(t *testing.T) {
	m := NewMemory(0)
	var want []Record
	var bodies [][]byte
	paris := time.FixedZone("CET", 3600)
	for i := range 200 {
		h := map[string][]string{}
		for k := range i % 7 {
			vals := make([]string, k%3)
			for j := range vals {
				vals[j] = fmt.Sprintf("v%d-%d-%s", k, j, string(rune('a'+i%26)))
			}
			h[fmt.Sprintf("Header-%d", k)] = vals
		}
		var body []byte
		if i%5 != 0 {
			body = []byte(fmt.Sprintf(`{"n":%d}`, i))
		}
		if i%50 == 1 {
			body = make([]byte, memChunkMax/3+i) // a chunk of its own
		}
		at := time.Date(2030, 1, 2, 3, 4, 5, i, time.UTC)
		switch i % 4 {
		case 1:
			at = time.Time{}
		case 2:
			at = at.In(paris)
		}
		rec := Record{Seq: uint64(i + 1), Kind: []string{"api", "admin"}[i%2], Tenant: "t", At: at, Method: "POST", Target: fmt.Sprintf("/x/%d?q=%d", i, i), Header: h, Body: body}
		if i%3 == 0 {
			rec.Header = nil
		}
		c := rec
		c.Body = append([]byte(nil), body...)
		if body == nil {
			c.Body = nil
		}
		if rec.Header != nil {
			c.Header = map[string][]string{}
			for k, vs := range h {
				c.Header[k] = append([]string{}, vs...)
			}
		}
		want = append(want, c)
		bodies = append(bodies, body)
		if err := m.Append(rec); err != nil {
			t.Fatal(err)
		}
	}
	for _, b := range bodies {
		if len(b) > 0 {
			b[0] = 'X' // the request's buffer is reused
		}
	}
	got, err := m.Tenant("t")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("%d records, want %d", len(got), len(want))
	}
	for i := range want {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Fatalf("record %d:\n got %+v\nwant %+v", i, got[i], want[i])
		}
	}
}

// A Request is kept as the Record it stands for: only the kept headers,
// in a map even when none was sent.
func TestMemoryKeepsARequestAsItsRecord(t *testing.T) {
	h := map[string][]string{"Authorization": {"Bearer k"}, "Accept": {"*/*"}, "Cookie": {"a=1", "b=2"}, "X-Api-Key": {}}
	keep := []string{"Authorization", "Cookie", "X-Api-Key", "User-Agent"}
	at := time.Date(2030, 1, 2, 3, 4, 5, 6, time.UTC)
	for _, r := range []Request{
		{Kind: "api", Tenant: "t", At: at, Method: "POST", Target: "/tasks?x=1", Header: h, Keep: keep, Body: []byte(`{}`)},
		{Kind: "admin", Tenant: "t", Method: "DELETE", Target: "/y", Header: map[string][]string{"Accept": {"a"}}, Keep: keep},
		{Kind: "admin", Tenant: "t", Method: "DELETE", Target: "/y"},
	} {
		m := NewMemory(0)
		if err := m.AppendRequest(r); err != nil {
			t.Fatal(err)
		}
		recs, err := m.Tenant("t")
		want := r.Record()
		want.Seq = 1
		if err != nil || len(recs) != 1 || !reflect.DeepEqual(recs[0], want) {
			t.Fatalf("%+v:\n got %+v %v\nwant %+v", r, recs, err, want)
		}
	}
}

// BenchmarkMemoryAppend is what the in-memory history costs a create.
func BenchmarkMemoryAppend(b *testing.B) {
	m := NewMemory(0)
	h := map[string][]string{"Authorization": {"Bearer sk_live_123"}, "Content-Type": {"application/json"},
		"User-Agent": {"Go-http-client/1.1"}, "Accept-Encoding": {"gzip"}, "Content-Length": {"170"}}
	keep := []string{"Authorization", "X-Api-Key", "Cookie", "Content-Type", "X-Switchboard-Tenant", "User-Agent"}
	body := []byte(`{"context":{"conversationId":1001},"objective":"bench","createdBy":{"id":"u_1","type":"user"},"assignedTo":{"id":"123","type":"user"},"dueDate":"2030-01-01T00:00:00Z"}`)
	at := time.Date(2030, 1, 2, 3, 4, 5, 6, time.UTC)
	b.ReportAllocs()
	for b.Loop() {
		_ = m.AppendRequest(Request{Kind: "api", Tenant: "t1", At: at, Method: "POST", Target: "/llamadapro/api/v1/tasks", Header: h, Keep: keep, Body: body})
	}
}
