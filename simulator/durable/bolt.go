package durable

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"sort"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// Bolt keeps the history in a bbolt file. bbolt commits copy-on-write with
// two checksummed meta pages, so a kill -9 mid-commit leaves the previous
// commit intact (the torn tail is simply not there); each record also
// carries its own CRC-32C, so damage inside a record is detected at start-up
// and by Check. Records live in one bucket per tenant, so a reset deletes
// the tenant's bucket and its pages are reused: the file is as large as the
// live history, not as the traffic.
type Bolt struct {
	db   *bolt.DB
	path string

	mu      sync.Mutex
	records int
}

var (
	bucketMeta    = []byte("meta")
	bucketGlobal  = []byte("global")
	bucketTenants = []byte("tenants")
	keyFormat     = []byte("format")
	formatValue   = []byte("switchboard-state/1")
)

// fill packs append-only buckets (keys always increase) instead of bbolt's
// default half-full pages.
const fill = 0.9

// BoltOptions configure OpenBolt. The zero value refuses a damaged file.
type BoltOptions struct {
	// SkipDamaged starts from a file whose damage is confined to single
	// records, leaving out exactly those records (Loaded.Skipped lists them).
	SkipDamaged bool
}

// Loaded is what OpenBolt read from the file.
type Loaded struct {
	Records []Record // in order; skipped records left out
	Skipped []Damage // damaged records left out (only with SkipDamaged)
	// Migrated is how many records were imported from a JSON-lines state
	// file written by an earlier version (kept beside it as FILE.jsonl-old).
	Migrated int
}

// OpenBolt opens (or creates) the state file at path and returns the
// records in it, in order. A damaged file is refused with a *DamagedError
// unless the damage is confined to records and opts.SkipDamaged is set.
func OpenBolt(path string, opts BoltOptions) (*Bolt, Loaded, error) {
	var ld Loaded
	legacy, err := isLegacy(path)
	if err != nil {
		return nil, ld, err
	}
	var old []Record
	if legacy {
		if old, err = readLegacy(path); err != nil {
			return nil, ld, err
		}
		if err := os.Rename(path, path+".jsonl-old"); err != nil {
			return nil, ld, fmt.Errorf("state file: %w", err)
		}
	}
	db, err := openDB(path, false)
	if err != nil {
		return nil, ld, err
	}
	b := &Bolt{db: db, path: path}
	if err := db.Update(func(tx *bolt.Tx) error {
		meta, err := tx.CreateBucketIfNotExists(bucketMeta)
		if err != nil {
			return err
		}
		if f := meta.Get(keyFormat); f != nil && string(f) != string(formatValue) {
			return fmt.Errorf("format %q, this build reads %q", f, formatValue)
		}
		if err := meta.Put(keyFormat, formatValue); err != nil {
			return err
		}
		for _, name := range [][]byte{bucketGlobal, bucketTenants} {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		db.Close()
		return nil, ld, fmt.Errorf("state file %s: %w", path, err)
	}
	if len(old) > 0 {
		if err := b.AppendAll(old); err != nil {
			db.Close()
			return nil, ld, err
		}
		ld.Migrated = len(old)
	}
	recs, damage := scan(db)
	if len(damage) > 0 {
		skippable := true
		for _, d := range damage {
			skippable = skippable && d.Record
		}
		if !skippable || !opts.SkipDamaged {
			db.Close()
			return nil, ld, &DamagedError{Path: path, Damage: damage, Skippable: skippable}
		}
		ld.Skipped = damage
	}
	ld.Records = recs
	b.records = len(recs) + len(ld.Skipped)
	return b, ld, nil
}

func openDB(path string, readOnly bool) (db *bolt.DB, err error) {
	defer func() {
		// bbolt asserts (panics) on some garbage it meets while opening.
		if r := recover(); r != nil {
			err = &DamagedError{Path: path, Damage: []Damage{{Reason: fmt.Sprint(r)}}}
		}
	}()
	db, err = bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second, ReadOnly: readOnly})
	switch {
	case errors.Is(err, berrors.ErrTimeout):
		return nil, fmt.Errorf("state file %s is in use by another switchboard process", path)
	case errors.Is(err, berrors.ErrInvalid), errors.Is(err, berrors.ErrChecksum), errors.Is(err, berrors.ErrVersionMismatch):
		return nil, &DamagedError{Path: path, Damage: []Damage{{Offset: 0, Reason: "both meta pages (the first two pages) are unreadable: " + err.Error()}}}
	case err != nil:
		return nil, fmt.Errorf("state file %s: %w", path, err)
	}
	return db, nil
}

func seqKey(seq uint64) []byte {
	k := make([]byte, 8)
	binary.BigEndian.PutUint64(k, seq)
	return k
}

// put numbers rec and stores it in its tenant's bucket (or the global one).
func put(tx *bolt.Tx, rec Record) error {
	seq, err := tx.Bucket(bucketMeta).NextSequence()
	if err != nil {
		return err
	}
	rec.Seq = seq
	v, err := encode(rec)
	if err != nil {
		return err
	}
	bk := tx.Bucket(bucketGlobal)
	if rec.Tenant != "" {
		if bk, err = tx.Bucket(bucketTenants).CreateBucketIfNotExists([]byte(rec.Tenant)); err != nil {
			return err
		}
	}
	bk.FillPercent = fill
	return bk.Put(seqKey(seq), v)
}

// Append commits rec (fsynced).
func (b *Bolt) Append(rec Record) error {
	return b.AppendAll([]Record{rec})
}

// AppendRequest commits the record r stands for.
func (b *Bolt) AppendRequest(r Request) error { return b.Append(r.Record()) }

// AppendAll commits recs in one transaction (one fsync).
func (b *Bolt) AppendAll(recs []Record) error {
	err := b.db.Update(func(tx *bolt.Tx) error {
		for _, r := range recs {
			if err := put(tx, r); err != nil {
				return err
			}
		}
		return nil
	})
	if err == nil {
		b.mu.Lock()
		b.records += len(recs)
		b.mu.Unlock()
	}
	return err
}

// ResetTenant drops the tenant's bucket and appends rec.
func (b *Bolt) ResetTenant(tenant string, rec Record) error {
	dropped := 0
	err := b.db.Update(func(tx *bolt.Tx) error {
		dropped = 0
		ts := tx.Bucket(bucketTenants)
		if bk := ts.Bucket([]byte(tenant)); bk != nil {
			dropped = bk.Stats().KeyN
			if err := ts.DeleteBucket([]byte(tenant)); err != nil {
				return err
			}
		}
		return put(tx, rec)
	})
	if err == nil {
		b.mu.Lock()
		b.records += 1 - dropped
		b.mu.Unlock()
	}
	return err
}

// ResetAll drops every tenant's bucket, then appends rec and marks.
func (b *Bolt) ResetAll(rec Record, marks ...Record) error {
	dropped := 0
	err := b.db.Update(func(tx *bolt.Tx) error {
		dropped = 0
		ts := tx.Bucket(bucketTenants)
		var names [][]byte
		if err := ts.ForEachBucket(func(k []byte) error {
			names = append(names, append([]byte(nil), k...))
			return nil
		}); err != nil {
			return err
		}
		for _, n := range names {
			dropped += ts.Bucket(n).Stats().KeyN
			if err := ts.DeleteBucket(n); err != nil {
				return err
			}
		}
		for _, r := range append([]Record{rec}, marks...) {
			if err := put(tx, r); err != nil {
				return err
			}
		}
		return nil
	})
	if err == nil {
		b.mu.Lock()
		b.records += 1 + len(marks) - dropped
		b.mu.Unlock()
	}
	return err
}

// Tenant returns the tenant's records in order (damaged ones left out:
// they were reported when the file was opened).
func (b *Bolt) Tenant(tenant string) ([]Record, error) {
	var out []Record
	err := b.db.View(func(tx *bolt.Tx) error {
		bk := tx.Bucket(bucketTenants).Bucket([]byte(tenant))
		if bk == nil {
			return nil
		}
		return bk.ForEach(func(_, v []byte) error {
			if rec, err := decode(v); err == nil {
				out = append(out, rec)
			}
			return nil
		})
	})
	return out, err
}

// Stats describes the file.
func (b *Bolt) Stats() Stats {
	st := Stats{Path: b.path}
	b.mu.Lock()
	st.Records = b.records
	b.mu.Unlock()
	if fi, err := os.Stat(b.path); err == nil {
		st.Bytes = fi.Size()
	}
	_ = b.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketTenants).ForEachBucket(func([]byte) error { st.Tenants++; return nil })
	})
	return st
}

// Close closes the file.
func (b *Bolt) Close() error { return b.db.Close() }

// sortRecords orders records by Seq.
func sortRecords(recs []Record) {
	sort.Slice(recs, func(i, j int) bool { return recs[i].Seq < recs[j].Seq })
}
