// Package durable keeps state across restarts without any vendor package
// serialising itself. The simulator is deterministic (same seed, same
// requests, same clock moves: same state), so the durable state is the
// ordered log of acknowledged writes, each with its tenant's virtual time,
// appended and fsynced before the client sees the answer. Start-up replays
// it through the same pipeline, which rebuilds every object and re-arms
// every pending timer (call progress, delivery retries, scenario steps).
package durable

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
	"time"
)

// Record is one acknowledged write.
type Record struct {
	Seq    uint64              `json:"seq"`
	Kind   string              `json:"kind"` // "api" or "admin"
	Tenant string              `json:"tenant,omitempty"`
	At     time.Time           `json:"at,omitzero"` // the tenant's clock when it was served
	Method string              `json:"method"`
	Target string              `json:"target"` // path and query
	Header map[string][]string `json:"header,omitempty"`
	Body   []byte              `json:"body,omitempty"`
}

// Log is an append-only JSON-lines file of records.
type Log struct {
	mu   sync.Mutex
	f    *os.File
	w    *bufio.Writer
	seq  uint64
	sync bool
}

// Open opens (or creates) the log at path and returns the records already in
// it. A torn last line, left by a crash mid-write, is dropped and truncated.
func Open(path string) (*Log, []Record, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, nil, fmt.Errorf("state file: %w", err)
	}
	var recs []Record
	var good int64
	r := bufio.NewReader(f)
	for {
		line, err := r.ReadBytes('\n')
		if errors.Is(err, io.EOF) {
			break // a line without its newline was never acknowledged
		}
		if err != nil {
			f.Close()
			return nil, nil, fmt.Errorf("state file: %w", err)
		}
		var rec Record
		if json.Unmarshal(line, &rec) != nil {
			break
		}
		recs = append(recs, rec)
		good += int64(len(line))
	}
	if err := f.Truncate(good); err != nil {
		f.Close()
		return nil, nil, fmt.Errorf("state file: %w", err)
	}
	if _, err := f.Seek(good, io.SeekStart); err != nil {
		f.Close()
		return nil, nil, fmt.Errorf("state file: %w", err)
	}
	l := &Log{f: f, w: bufio.NewWriter(f), sync: true}
	if n := len(recs); n > 0 {
		l.seq = recs[n-1].Seq
	}
	return l, recs, nil
}

// Append writes a record and fsyncs it; when it returns nil, the record
// survives a kill -9.
func (l *Log) Append(rec Record) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.seq++
	rec.Seq = l.seq
	b, err := json.Marshal(rec)
	if err != nil {
		return err
	}
	b = append(b, '\n')
	if _, err := l.w.Write(b); err != nil {
		return err
	}
	if err := l.w.Flush(); err != nil {
		return err
	}
	if l.sync {
		return l.f.Sync()
	}
	return nil
}

// NoSync stops fsyncing each record (for a scratch history that need not
// survive a crash).
func (l *Log) NoSync() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.sync = false
}

// Read returns every complete record of the log at path, in order.
func Read(path string) ([]Record, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("state file: %w", err)
	}
	defer f.Close()
	var recs []Record
	r := bufio.NewReader(f)
	for {
		line, err := r.ReadBytes('\n')
		if err != nil {
			return recs, nil // EOF, or a line still being written
		}
		var rec Record
		if json.Unmarshal(line, &rec) == nil {
			recs = append(recs, rec)
		}
	}
}

// Close closes the file.
func (l *Log) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if err := l.w.Flush(); err != nil {
		l.f.Close()
		return err
	}
	return l.f.Close()
}
