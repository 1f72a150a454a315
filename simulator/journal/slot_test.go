package journal

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/switchboard-sim/switchboard/simulator/errs"
)

func requestHeaders() map[string][]string {
	return map[string][]string{
		"Authorization":   {"Bearer sk_live_123"},
		"Content-Type":    {"application/json"},
		"User-Agent":      {"Go-http-client/1.1"},
		"Accept-Encoding": {"gzip"},
		"Cookie":          {"sid=1", "csrf=2"},
		"X-Signature":     {"auth-v2/ak/2021-07-10T06:27:33Z/host/abc"},
	}
}

// AddBodies keeps what Add keeps for the same request with its bodies
// capped as the gateway caps them: the same entry read back, the same
// bytes counted against the bound, and nothing shared with the caller's
// buffers.
func TestAddBodiesKeepsWhatAddKeeps(t *testing.T) {
	at := time.Date(2030, 1, 2, 3, 4, 5, 6, time.UTC)
	for _, c := range []struct{ name, body, resp string }{
		{"small", `{"objective":"x"}`, `{"id":"task_1"}`},
		{"none", "", ""},
		{"over both caps", strings.Repeat("b", 40), strings.Repeat("r", 30)},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := Entry{Time: at, Tenant: "t1", API: "llamadapro", Operation: "CreateTask", Method: "POST", Path: "/tasks", Query: "a=1",
				Headers: requestHeaders(), Status: 201, LatencyMS: 1.25, Fault: "latency",
				Violations: []errs.Field{{Name: "x"}}, Explanation: &Explanation{Kind: "contract"}}
			body, resp := []byte(c.body), []byte(c.resp)
			viaAdd, viaBodies := New(4), New(4)
			plain := e
			plain.Body, plain.ResponseBody = Cap(body, 32), Cap(resp, 16)
			viaAdd.Add(plain)
			viaBodies.AddBodies(e, Bodies{Request: body, RequestCap: 32, Response: resp, ResponseCap: 16})
			for i := range body {
				body[i] = 'X'
			}
			for i := range resp {
				resp[i] = 'X'
			}
			want, got := viaAdd.Find(Filter{}), viaBodies.Find(Filter{})
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("AddBodies kept\n %+v\nAdd kept\n %+v", got, want)
			}
			if got[0].Body != Cap([]byte(c.body), 32) || got[0].ResponseBody != Cap([]byte(c.resp), 16) {
				t.Fatalf("bodies %q %q", got[0].Body, got[0].ResponseBody)
			}
			if viaAdd.bytes != viaBodies.bytes {
				t.Fatalf("AddBodies counted %d bytes, Add %d", viaBodies.bytes, viaAdd.bytes)
			}
		})
	}
}

// The bound counts an entry's bodies and headers (as name NUL value NUL
// pairs, redacted), not its method, path, query or fault, and a completed
// stream's new answer replaces its old one in the count.
func TestBytesCountBodiesAndHeaders(t *testing.T) {
	j := New(4)
	h := map[string][]string{"Authorization": {"Bearer secret"}, "Accept": {"a", "b"}}
	headers := len("Authorization\x00Bearer [REDACTED]\x00") + len("Accept\x00a\x00Accept\x00b\x00")
	seq := j.Add(Entry{Method: "POST", Path: "/a/long/path", Query: "q=1", Fault: "reset", Headers: h, Body: "12345", ResponseBody: "678"})
	if want := 5 + 3 + headers; j.bytes != want {
		t.Fatalf("counted %d bytes, want %d", j.bytes, want)
	}
	j.Complete(seq, 200, "a longer answer", 2)
	if want := 5 + len("a longer answer") + headers; j.bytes != want {
		t.Fatalf("after Complete counted %d bytes, want %d", j.bytes, want)
	}
	got := j.Find(Filter{})[0]
	if got.ResponseBody != "a longer answer" || got.Body != "12345" || got.Path != "/a/long/path" || got.Fault != "reset" || got.Headers["Accept"][1] != "b" {
		t.Fatalf("completed entry %+v", got)
	}
	j.Clear()
	j.Add(Entry{})
	if j.bytes != 0 || j.Find(Filter{})[0].Headers == nil {
		t.Fatalf("an empty entry: %d bytes, headers %v", j.bytes, j.Find(Filter{})[0].Headers)
	}
}

func TestFilterReadsThePackedFields(t *testing.T) {
	j := New(4)
	j.Add(Entry{Method: "GET", Path: "/x/1", Query: "a=b"})
	j.Add(Entry{Method: "POST", Path: "/y/2"})
	if got := j.Find(Filter{Method: "post"}); len(got) != 1 || got[0].Path != "/y/2" {
		t.Fatalf("method filter: %+v", got)
	}
	if got := j.Find(Filter{Path: "/x/*"}); len(got) != 1 || got[0].Method != "GET" || got[0].Query != "a=b" {
		t.Fatalf("path filter: %+v", got)
	}
}

// BenchmarkJournalAdd is what the gateway pays to journal one request.
func BenchmarkJournalAdd(b *testing.B) {
	j := New(0)
	h := requestHeaders()
	body := []byte(`{"context":{"conversationId":1001},"objective":"bench","createdBy":{"id":"u_1","type":"user"},"assignedTo":{"id":"123","type":"user"},"dueDate":"2030-01-01T00:00:00Z"}`)
	resp := []byte(strings.Repeat(`{"id":"task_1","status":"scheduled"}`, 10))
	at := time.Date(2030, 1, 2, 3, 4, 5, 6, time.UTC)
	b.ReportAllocs()
	for b.Loop() {
		j.AddBodies(Entry{Time: at, Tenant: "t1", API: "llamadapro", Operation: "CreateTask", Method: "POST", Path: "/llamadapro/api/v1/tasks",
			Headers: h, Status: 201, LatencyMS: 1.25}, Bodies{Request: body, RequestCap: 16 << 10, Response: resp, ResponseCap: 4 << 10})
	}
}
