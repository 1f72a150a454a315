package durable

import (
	"bytes"
	"testing"
)

// A kept record must not pin the request's buffers: its body is a copy of
// exactly its own bytes, and changing the caller's slices changes nothing kept.
func TestMemoryKeepsCompactCopies(t *testing.T) {
	m := NewMemory(0)
	buf := make([]byte, 5, 512)
	copy(buf, "hello")
	vals := []string{"Bearer k1"}
	if err := m.Append(Record{Kind: "api", Tenant: "t1", Method: "POST", Target: "/x", Body: buf, Header: map[string][]string{"Authorization": vals}}); err != nil {
		t.Fatal(err)
	}
	buf[0], vals[0] = 'J', "changed"
	recs, err := m.Tenant("t1")
	if err != nil || len(recs) != 1 {
		t.Fatalf("got %d records, %v", len(recs), err)
	}
	r := recs[0]
	if !bytes.Equal(r.Body, []byte("hello")) || cap(r.Body) >= 64 {
		t.Errorf("body %q (cap %d), want hello in its own small allocation", r.Body, cap(r.Body))
	}
	if got := r.Header["Authorization"]; len(got) != 1 || got[0] != "Bearer k1" {
		t.Errorf("header %v, want the value as appended", got)
	}
}
