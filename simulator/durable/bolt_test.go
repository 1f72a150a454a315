package durable

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"
)

func task(tenant string, n int) Record {
	return Record{Kind: "api", Tenant: tenant, Method: "POST", Target: "/llamadapro/api/v1/tasks",
		Header: map[string][]string{"Authorization": {"Bearer " + tenant}},
		Body:   []byte(fmt.Sprintf(`{"objective":"task %d of %s","context":{"conversationId":%d},"createdBy":{"id":"u","type":"user"}}`, n, tenant, n))}
}

func mustOpen(t *testing.T, path string, opts BoltOptions) (*Bolt, Loaded) {
	t.Helper()
	b, ld, err := OpenBolt(path, opts)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	return b, ld
}

func fillTenant(t *testing.T, b *Bolt, tenant string, n int) {
	t.Helper()
	for i := 0; i < n; i++ {
		if err := b.Append(task(tenant, i)); err != nil {
			t.Fatal(err)
		}
	}
}

// overwrite writes n bytes of 0xA5 at off, as a disk or an editor would.
func overwrite(t *testing.T, path string, off int64, n int) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteAt([]byte(strings.Repeat("\xa5", n)), off); err != nil {
		t.Fatal(err)
	}
}

// where finds a record's value in the file: its offset and the page size.
func where(t *testing.T, path, tenant string, seq uint64) (int64, int) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var off int64
	_ = db.View(func(tx *bolt.Tx) error {
		bk := tx.Bucket(bucketTenants).Bucket([]byte(tenant))
		v := bk.Get(seqKey(seq))
		off = offsetOf(db, v)
		return nil
	})
	return off, db.Info().PageSize
}

func TestAppendReopenKeepsOrderAcrossTenants(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	b, ld := mustOpen(t, path, BoltOptions{})
	if len(ld.Records) != 0 {
		t.Fatalf("new file has %d records", len(ld.Records))
	}
	for i := 0; i < 3; i++ {
		_ = b.Append(task("a", i))
		_ = b.Append(task("b", i))
	}
	_ = b.Append(Record{Kind: "admin", Method: "POST", Target: "/__admin/credentials"})
	b.Close()
	b, ld = mustOpen(t, path, BoltOptions{})
	defer b.Close()
	if len(ld.Records) != 7 {
		t.Fatalf("reopened %d records, want 7", len(ld.Records))
	}
	for i, r := range ld.Records {
		if r.Seq != uint64(i+1) {
			t.Fatalf("record %d has seq %d: replay order lost", i, r.Seq)
		}
	}
	if ld.Records[1].Tenant != "b" || string(ld.Records[0].Body) != string(task("a", 0).Body) {
		t.Fatalf("records came back changed: %+v", ld.Records[:2])
	}
	if st := b.Stats(); st.Records != 7 || st.Tenants != 2 {
		t.Fatalf("stats %+v", st)
	}
}

// TestTornLastCommitOpensAtThePreviousOne: a crash while the last commit's
// meta page was being written leaves it half-written; that commit was never
// acknowledged, and the file opens at the one before, with nothing reported.
func TestTornLastCommitOpensAtThePreviousOne(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	b, _ := mustOpen(t, path, BoltOptions{})
	fillTenant(t, b, "a", 20)
	var txid int
	_ = b.db.View(func(tx *bolt.Tx) error { txid = tx.ID(); return nil })
	pageSize := b.db.Info().PageSize
	b.Close()
	overwrite(t, path, int64(txid%2)*int64(pageSize)+40, 16)

	b, ld := mustOpen(t, path, BoltOptions{})
	defer b.Close()
	if len(ld.Records) != 19 || len(ld.Skipped) != 0 {
		t.Fatalf("after a torn last commit: %d records, %d skipped; want the 19 acknowledged before it", len(ld.Records), len(ld.Skipped))
	}
	if err := b.Append(task("a", 99)); err != nil {
		t.Fatalf("appending after recovery: %v", err)
	}
}

// TestDamagedRecordIsNamedAndNeverSilentlyDropped is the damage
// test at the store's level: a record changed in place (still valid JSON
// or not) is refused with its offset, and with SkipDamaged exactly it is
// left out while every later record is kept.
func TestDamagedRecordIsNamedAndNeverSilentlyDropped(t *testing.T) {
	for _, tc := range []struct {
		name string
		hit  func(path string, off int64)
	}{
		{"bytes overwritten", func(path string, off int64) { overwrite(t, path, off+30, 24) }},
		{"still valid JSON", func(path string, off int64) {
			b, _ := os.ReadFile(path)
			i := int(off) + strings.Index(string(b[off:]), "task 10 of a")
			b[i+5] = '9' // "task 19 of a": parses, but is not what was written
			_ = os.WriteFile(path, b, 0o600)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "state.db")
			b, _ := mustOpen(t, path, BoltOptions{})
			fillTenant(t, b, "a", 60)
			fillTenant(t, b, "b", 60)
			b.Close()
			off, _ := where(t, path, "a", 11)
			tc.hit(path, off)

			_, _, err := OpenBolt(path, BoltOptions{})
			var de *DamagedError
			if !errors.As(err, &de) || !de.Skippable || len(de.Damage) != 1 {
				t.Fatalf("open of a damaged file: %v, want a DamagedError naming one record", err)
			}
			d := de.Damage[0]
			if d.Seq != 11 || d.Tenant != "a" || d.Offset != off || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), fmt.Sprintf("offset %d", off)) {
				t.Fatalf("damage %+v, error %q; want record 11 of a at offset %d", d, err, off)
			}
			rep, err := Check(path)
			if err != nil || rep.OK() || rep.Damage[0].Seq != 11 || rep.Records != 119 {
				t.Fatalf("check: %+v %v", rep, err)
			}

			b, ld := mustOpen(t, path, BoltOptions{SkipDamaged: true})
			defer b.Close()
			if len(ld.Records) != 119 || len(ld.Skipped) != 1 || ld.Skipped[0].Seq != 11 {
				t.Fatalf("skip: %d records, skipped %+v; want 119 and record 11", len(ld.Records), ld.Skipped)
			}
			if last := ld.Records[len(ld.Records)-1]; last.Seq != 120 || last.Tenant != "b" {
				t.Fatalf("the last acknowledged record is missing: %+v", last)
			}
		})
	}
}

// TestDamagedStructureRefusesToStart: damage to a page's header (not a
// record) cannot be confined to one record, so the file is refused, naming
// the page and its offset.
func TestDamagedStructureRefusesToStart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	b, _ := mustOpen(t, path, BoltOptions{})
	fillTenant(t, b, "a", 60)
	b.Close()
	off, pageSize := where(t, path, "a", 30)
	page := off / int64(pageSize) * int64(pageSize)
	overwrite(t, path, page, 16) // the leaf page's header: id, flags, count

	for _, opts := range []BoltOptions{{}, {SkipDamaged: true}} {
		_, _, err := OpenBolt(path, opts)
		var de *DamagedError
		if !errors.As(err, &de) || de.Skippable {
			t.Fatalf("open %+v: %v, want an unskippable DamagedError", opts, err)
		}
		if !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "refusing to start") {
			t.Fatalf("error does not name the file: %v", err)
		}
	}
	rep, err := Check(path)
	if err != nil || rep.OK() {
		t.Fatalf("check of a damaged structure: %+v %v", rep, err)
	}
}

// TestResetCyclesKeepTheFileBounded is the reset-cycle test: six
// cycles of 300 writes and a reset of that tenant stay within 2x of the
// size after the first cycle.
func TestResetCyclesKeepTheFileBounded(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	b, _ := mustOpen(t, path, BoltOptions{})
	defer b.Close()
	var first int64
	for cycle := 1; cycle <= 6; cycle++ {
		fillTenant(t, b, "a", 300)
		if err := b.ResetTenant("a", Record{Kind: "admin", Tenant: "a", Method: "POST", Target: "/__admin/reset?tenant=a"}); err != nil {
			t.Fatal(err)
		}
		size := b.Stats().Bytes
		t.Logf("cycle %d: %d bytes", cycle, size)
		if cycle == 1 {
			first = size
		}
		if size > 2*first {
			t.Fatalf("cycle %d: %d bytes, over twice the first cycle's %d", cycle, size, first)
		}
	}
	if st := b.Stats(); st.Records != 1 {
		t.Fatalf("after the last reset %d records are kept, want the reset alone", st.Records)
	}
}

func TestResetAllKeepsGlobalRecordsAndMarks(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	b, _ := mustOpen(t, path, BoltOptions{})
	fillTenant(t, b, "a", 3)
	_ = b.Append(Record{Kind: "admin", Method: "POST", Target: "/__admin/credentials"})
	fillTenant(t, b, "b", 3)
	mark := Record{Kind: "admin", Tenant: "a", Method: "POST", Target: "/__admin/reset?tenant=a"}
	if err := b.ResetAll(Record{Kind: "admin", Method: "POST", Target: "/__admin/reset"}, mark); err != nil {
		t.Fatal(err)
	}
	b.Close()
	b, ld := mustOpen(t, path, BoltOptions{})
	defer b.Close()
	var got []string
	for _, r := range ld.Records {
		got = append(got, r.Tenant+" "+r.Target)
	}
	want := []string{" /__admin/credentials", " /__admin/reset", "a /__admin/reset?tenant=a"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("after reset-all: %q, want %q", got, want)
	}
}

func TestSecondOpenIsRefusedWhileTheFileIsInUse(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	b, _ := mustOpen(t, path, BoltOptions{})
	defer b.Close()
	if _, _, err := OpenBolt(path, BoltOptions{}); err == nil || !strings.Contains(err.Error(), "in use") {
		t.Fatalf("second open: %v", err)
	}
}

func TestJSONLinesFileOfAnEarlierVersionIsImported(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.jsonl")
	old := `{"seq":1,"kind":"api","tenant":"a","method":"POST","target":"/x","body":"eyJuIjoxfQ=="}` + "\n" +
		`{"seq":2,"kind":"admin","method":"POST","target":"/y"}` + "\n" + `{"seq":3,"kind":"api","meth`
	_ = os.WriteFile(path, []byte(old), 0o600)
	b, ld := mustOpen(t, path, BoltOptions{})
	defer b.Close()
	if ld.Migrated != 2 || len(ld.Records) != 2 || string(ld.Records[0].Body) != `{"n":1}` || ld.Records[1].Target != "/y" {
		t.Fatalf("import: migrated %d, records %+v", ld.Migrated, ld.Records)
	}
	if _, err := os.Stat(path + ".jsonl-old"); err != nil {
		t.Fatalf("the old file was not kept: %v", err)
	}
}
