package durable

import (
	"errors"
	"testing"
)

func TestMemoryDropsWholeHistoriesPastItsBound(t *testing.T) {
	first := task("a", 0)
	one := packedSize(first)
	m := NewMemory(10 * one)
	for i := 0; i < 6; i++ {
		_ = m.Append(task("a", i))
	}
	_ = m.Append(Record{Kind: "admin", Method: "POST", Target: "/__admin/credentials"}) // kept nowhere: nothing replays it
	for i := 0; i < 6; i++ {
		_ = m.Append(task("b", i)) // over the bound: a, written least recently, goes
	}
	if _, err := m.Tenant("a"); !errors.Is(err, ErrTruncated) {
		t.Fatalf("a's snapshot after its history was dropped: %v, want ErrTruncated", err)
	}
	if recs, err := m.Tenant("b"); err != nil || len(recs) != 6 {
		t.Fatalf("b: %d records, %v", len(recs), err)
	}
	if st := m.Stats(); st.Bytes > st.MaxBytes || st.Records != 6 {
		t.Fatalf("stats %+v", st)
	}
	// A reset starts a's history over, complete again.
	_ = m.ResetTenant("a", Record{Kind: "admin", Tenant: "a", Target: "/__admin/reset?tenant=a"})
	_ = m.Append(task("a", 7))
	if recs, err := m.Tenant("a"); err != nil || len(recs) != 2 || recs[1].Seq <= recs[0].Seq {
		t.Fatalf("a after its reset: %+v %v", recs, err)
	}
}

func TestMemoryResetDropsTheTenantsRecords(t *testing.T) {
	m := NewMemory(0)
	for i := 0; i < 300; i++ {
		_ = m.Append(task("a", i))
	}
	before := m.Stats().Bytes
	_ = m.ResetTenant("a", Record{Kind: "admin", Tenant: "a", Target: "/__admin/reset?tenant=a"})
	if st := m.Stats(); st.Records != 1 || st.Bytes*100 > before {
		t.Fatalf("after a reset: %+v (was %d bytes)", st, before)
	}
}

// packedSize is what one record on its own costs the in-memory history.
func packedSize(rec Record) int64 {
	return int64(packedLen(rec.Kind, rec.Method, rec.Target, rec.Header, nil, rec.Body)) + memRecSize
}
