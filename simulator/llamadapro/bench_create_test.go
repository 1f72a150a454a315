package llamadapro

import (
	"encoding/json"
	"fmt"
	"runtime"
	"testing"
)

// BenchmarkCreateContact is CreateContact into a tenant that already holds
// 10,000 contacts: the write and its list indexes (docIndex.put).
func BenchmarkCreateContact(b *testing.B) {
	s := newTestState(b, "bench-create-contact")
	fillContacts(s, 10_000)
	i := 0
	b.ReportAllocs()
	for b.Loop() {
		body := map[string]json.RawMessage{
			"firstName": rawJSON(fmt.Sprint("First", i%500)), "lastName": rawJSON(fmt.Sprint("Last", i%977)),
			"companyPosition": rawJSON(fmt.Sprint("Role", i%7)),
			"addresses":       rawJSON([]NewAddress{{ChannelType: "EMAIL", Address: fmt.Sprintf("n%d@example.com", i)}}),
		}
		if _, err := s.CreateContact(body); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkCreateTask is CreateTask with the body decoded as the handler
// decodes it, so every task holds freshly allocated strings as it does in
// the server. Besides the cost per create it reports what the tasks keep
// alive once collected: live-B/task and live-objs/task (heap objects),
// the part of the heap that every later collection has to mark.
func BenchmarkCreateTask(b *testing.B) {
	s := newTestState(b, "bench-create-task")
	bodies := make([][]byte, 64)
	for i := range bodies {
		bodies[i] = fmt.Appendf(nil, `{"context":{"conversationId":%d},"objective":"call back about order %d",`+
			`"createdBy":{"id":"u_%d","type":"user"},"assignedTo":{"id":"%d","type":"user"},"dueDate":"2030-01-%02dT%02d:00:00Z"}`,
			1000+i%7, i, i%5, 100+i%11, 1+i%28, i%24)
	}
	runtime.GC()
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	i := 0
	b.ReportAllocs()
	for b.Loop() {
		var in NewTask
		if err := json.Unmarshal(bodies[i%len(bodies)], &in); err != nil {
			b.Fatal(err)
		}
		s.CreateTask(in)
		i++
	}
	b.StopTimer()
	runtime.GC()
	runtime.ReadMemStats(&m1)
	b.ReportMetric(float64(int64(m1.HeapAlloc)-int64(m0.HeapAlloc))/float64(i), "live-B/task")
	b.ReportMetric(float64(int64(m1.HeapObjects)-int64(m0.HeapObjects))/float64(i), "live-objs/task")
	runtime.KeepAlive(s)
}
