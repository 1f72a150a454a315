package durable

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"runtime/debug"
	"strconv"
	"unsafe"

	bolt "go.etcd.io/bbolt"
)

var pageInMessage = regexp.MustCompile(`[Pp]age (?:expected to be: )?(\d+)`)

// scan reads every record of db and verifies the file: bbolt's page
// consistency check, then each record's checksum and key. It returns the
// intact records in order and every damaged spot with its file offset.
func scan(db *bolt.DB) ([]Record, []Damage) {
	var recs []Record
	var damage []Damage
	done := make(chan struct{})
	go func() {
		defer close(done)
		// A damaged page can point outside the mapping: turn the fault into
		// a panic we can report instead of a crash.
		debug.SetPanicOnFault(true)
		defer func() {
			if r := recover(); r != nil {
				d := Damage{Reason: fmt.Sprintf("unreadable structure: %v", r)}
				if m := pageInMessage.FindStringSubmatch(d.Reason); m != nil {
					d.Page, _ = strconv.ParseUint(m[1], 10, 64)
					d.Offset = int64(d.Page) * int64(db.Info().PageSize)
				}
				damage = append(damage, d)
			}
		}()
		_ = db.View(func(tx *bolt.Tx) error {
			info := db.Info()
			pageSize := int64(info.PageSize)
			for err := range tx.Check() {
				d := Damage{Reason: err.Error()}
				if m := pageInMessage.FindStringSubmatch(err.Error()); m != nil {
					p, _ := strconv.ParseUint(m[1], 10, 64)
					d.Page, d.Offset = p, int64(p)*pageSize
				}
				damage = append(damage, d)
			}
			if len(damage) > 0 {
				return nil // the structure is damaged: reading records could mislead
			}
			at := func(v []byte) (int64, uint64) {
				off := offsetOf(db, v)
				return off, uint64(off / pageSize)
			}
			visit := func(tenant string, bk *bolt.Bucket) {
				_ = bk.ForEach(func(k, v []byte) error {
					if v == nil {
						return nil
					}
					var seq uint64
					if len(k) == 8 {
						seq = binary.BigEndian.Uint64(k)
					}
					rec, err := decode(v)
					switch {
					case err != nil:
					case len(k) != 8 || rec.Seq != seq:
						err = fmt.Errorf("key %x does not match the record's seq %d", k, rec.Seq)
					case rec.Tenant != tenant:
						err = fmt.Errorf("record of tenant %q in the bucket of %q", rec.Tenant, tenant)
					}
					if err != nil {
						off, page := at(v)
						damage = append(damage, Damage{Offset: off, Page: page, Seq: seq, Tenant: tenant, Reason: err.Error(), Record: true})
						return nil
					}
					recs = append(recs, rec)
					return nil
				})
			}
			if g := tx.Bucket(bucketGlobal); g != nil {
				visit("", g)
			}
			if ts := tx.Bucket(bucketTenants); ts != nil {
				_ = ts.ForEachBucket(func(name []byte) error {
					visit(string(name), ts.Bucket(name))
					return nil
				})
			}
			return nil
		})
	}()
	<-done
	sortRecords(recs)
	return recs, damage
}

// offsetOf is where a value read from db's mapping lies in the file.
func offsetOf(db *bolt.DB, v []byte) int64 {
	return int64(uintptr(unsafe.Pointer(unsafe.SliceData(v))) - db.Info().Data)
}

// isLegacy reports whether path holds the JSON-lines log of earlier versions.
func isLegacy(path string) (bool, error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("state file: %w", err)
	}
	defer f.Close()
	b := make([]byte, 1)
	n, _ := f.Read(b)
	return n == 1 && b[0] == '{', nil
}

// readLegacy reads a JSON-lines log. A torn last line (no newline) was never
// acknowledged and is dropped; any other unreadable line is refused, since
// the lines after it were acknowledged.
func readLegacy(path string) ([]Record, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("state file: %w", err)
	}
	defer f.Close()
	var recs []Record
	var off int64
	r := bufio.NewReader(f)
	for {
		line, err := r.ReadBytes('\n')
		if errors.Is(err, io.EOF) {
			return recs, nil
		}
		if err != nil {
			return nil, fmt.Errorf("state file: %w", err)
		}
		var rec Record
		if err := json.Unmarshal(bytes.TrimSpace(line), &rec); err != nil {
			return nil, &DamagedError{Path: path, Damage: []Damage{{Offset: off, Reason: "old JSON-lines state file: " + err.Error()}}}
		}
		rec.Seq = 0 // renumbered by the new store
		recs = append(recs, rec)
		off += int64(len(line))
	}
}
