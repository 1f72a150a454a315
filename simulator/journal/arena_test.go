package journal

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"
)

// model is the journal as it was before its entries were packed in an
// arena: a ring of Entry values with the same bounds. The journal must
// answer exactly as it does.
type model struct {
	entries         []Entry
	maxBytes, bytes int
	seq, dropped    uint64
}

func entrySize(e *Entry) int {
	return len(e.Body) + len(e.ResponseBody) + headersLen(e.Headers)
}

func headersLen(h map[string][]string) int {
	n := 0
	for k, vs := range Redact(h) {
		for _, v := range vs {
			n += len(k) + len(v) + 2
		}
	}
	return n
}

func (m *model) add(e Entry) uint64 {
	m.seq++
	e.Seq = m.seq
	e.Headers = Redact(e.Headers)
	if len(m.entries) == cap(m.entries) {
		m.evict()
	}
	m.entries = append(m.entries, e)
	m.bytes += entrySize(&e)
	for m.bytes > m.maxBytes && len(m.entries) > 1 {
		m.evict()
	}
	return e.Seq
}

func (m *model) evict() {
	m.dropped++
	m.bytes -= entrySize(&m.entries[0])
	m.entries = append(m.entries[:0:cap(m.entries)], m.entries[1:]...)
}

func (m *model) complete(seq uint64, status int, body string, lat float64) {
	for i := range m.entries {
		if e := &m.entries[i]; e.Seq == seq {
			m.bytes += len(body) - len(e.ResponseBody)
			e.Status, e.ResponseBody, e.LatencyMS = status, body, lat
		}
	}
}

// TestArenaAnswersAsTheEntryRingDid drives the journal and the model with
// the same random adds (bodies of every size, past the byte bound too),
// completions and clears, and reads both after each.
func TestArenaAnswersAsTheEntryRingDid(t *testing.T) {
	for _, c := range []struct{ size, maxBytes int }{{8, 600}, {50, 5000}, {200, 6000}, {30, 20000}, {5, 1 << 20}, {64, 300}} {
		t.Run(fmt.Sprintf("%d entries %d bytes", c.size, c.maxBytes), func(t *testing.T) {
			r := rand.New(rand.NewPCG(uint64(c.size), uint64(c.maxBytes)))
			j := New(c.size)
			j.maxBytes = c.maxBytes
			m := &model{entries: make([]Entry, 0, c.size), maxBytes: c.maxBytes}
			paris := time.FixedZone("CET", 3600)
			var seqs []uint64
			for op := range 5000 {
				switch k := r.IntN(100); {
				case k < 80:
					e := Entry{Time: time.Date(2030, 1, 1, 0, 0, op, 0, time.UTC), Tenant: fmt.Sprintf("t%d", r.IntN(3)), API: "lp", Operation: "Op",
						Method: []string{"GET", "POST"}[r.IntN(2)], Path: "/p/" + strings.Repeat("x", r.IntN(20)), Query: strings.Repeat("q", r.IntN(3)),
						Status: 200 + r.IntN(3), LatencyMS: float64(op)}
					if r.IntN(4) == 0 {
						e.Headers = map[string][]string{"Authorization": {"Bearer s"}, "Accept": {strings.Repeat("a", r.IntN(30))}}
					}
					if r.IntN(5) == 0 {
						e.Time = e.Time.In(paris)
					}
					if r.IntN(10) == 0 {
						e.Explanation = &Explanation{Kind: "contract"}
					}
					body := []byte(strings.Repeat("b", r.IntN(c.maxBytes/3+1)))
					resp := []byte(strings.Repeat("r", r.IntN(c.maxBytes/4+1)))
					want := e
					bodyCap, respCap := 100+r.IntN(c.maxBytes/3), 80+r.IntN(c.maxBytes/4)
					want.Body, want.ResponseBody = Cap(body, bodyCap), Cap(resp, respCap)
					if got, w := j.AddBodies(e, Bodies{Request: body, RequestCap: bodyCap, Response: resp, ResponseCap: respCap}), m.add(want); got != w {
						t.Fatalf("op %d: seq %d, want %d", op, got, w)
					}
					seqs = append(seqs, m.seq)
				case k < 90 && len(seqs) > 0:
					seq := seqs[r.IntN(len(seqs))]
					body := strings.Repeat("c", r.IntN(60))
					j.Complete(seq, 299, body, 1.5)
					m.complete(seq, 299, body, 1.5)
				case k < 92:
					j.Clear()
					m.entries, m.bytes, m.dropped = m.entries[:0], 0, 0
				}
				limit := r.IntN(4)
				got, want := j.Find(Filter{Limit: limit}), m.entries
				if limit > 0 && len(want) > limit {
					want = want[len(want)-limit:]
				}
				if len(want) == 0 {
					want = nil
				}
				for i := range got {
					if i < len(want) && (!got[i].Time.Equal(want[i].Time) || got[i].Time.Location().String() != want[i].Time.Location().String()) {
						t.Fatalf("op %d: entry %d time %v, want %v", op, i, got[i].Time, want[i].Time)
					}
					if i < len(want) {
						got[i].Time = want[i].Time
					}
				}
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("op %d: found\n %+v\nwant\n %+v", op, got, want)
				}
				if j.Len() != len(m.entries) || j.Dropped() != m.dropped || j.bytes != m.bytes {
					t.Fatalf("op %d: len %d dropped %d bytes %d, want %d %d %d", op, j.Len(), j.Dropped(), j.bytes, len(m.entries), m.dropped, m.bytes)
				}
			}
		})
	}
}

// The arena is reused as a ring: entries that fill it exactly wrap to its
// start over the oldest, evicted ones, without growing it or touching a
// held entry; one that does not fit grows it, keeping every held entry.
func TestArenaWrapsExactlyAndGrows(t *testing.T) {
	j := New(4)
	size := 4 << 10 / 4                                                               // four entries fill the smallest arena
	path := func(i int) string { return strings.Repeat(string(rune('a'+i)), size-1) } // one pad byte an entry
	check := func(step string, from, to int) {
		t.Helper()
		got := j.Find(Filter{})
		if len(got) != to-from {
			t.Fatalf("%s: %d entries, want %d", step, len(got), to-from)
		}
		for i, e := range got {
			if want := path(from + i); e.Path != want[:min(len(want), len(e.Path))] || e.Seq != uint64(from+i+1) {
				t.Fatalf("%s: entry %d is %d %.8q…, want %d %.8q…", step, i, e.Seq, e.Path, from+i+1, want)
			}
		}
	}
	for i := range 6 {
		j.Add(Entry{Path: path(i)})
	}
	check("wrapped twice", 2, 6)
	if len(j.arena) != 4<<10 {
		t.Fatalf("the arena grew to %d bytes for entries that fit it exactly", len(j.arena))
	}
	j.Add(Entry{Path: path(6) + "x"})
	got := j.Find(Filter{})
	if len(j.arena) <= 4<<10 || len(got) != 4 || got[3].Path != path(6)+"x" || got[0].Path != path(3) {
		t.Fatalf("after an entry that does not fit: arena %d bytes, %d entries", len(j.arena), len(got))
	}

	// Before it wraps: one byte more than the evicted entry freed at the
	// start does not go there.
	j = New(4)
	for i := range 4 {
		j.Add(Entry{Path: path(i)})
	}
	j.Add(Entry{Path: path(4) + "x"})
	got = j.Find(Filter{})
	if len(got) != 4 || got[0].Path != path(1) || got[3].Path != path(4)+"x" {
		t.Fatalf("an entry one byte over the room at the start: %d entries, the oldest %.8q…", len(got), got[0].Path)
	}

	// Wrapped and full, with nothing to evict: the next entry grows it.
	j = New(10)
	j.maxBytes = 4 * (size - 1) // four bodies of size-1 bytes
	for i := range 5 {
		j.Add(Entry{Body: path(i)})
	}
	j.Add(Entry{Path: "z"}) // counts no bytes: evicts nothing
	got = j.Find(Filter{})
	if len(got) != 5 || got[0].Body != path(1) || got[3].Body != path(4) || got[4].Path != "z" {
		t.Fatalf("an entry after a full arena: %d entries, the oldest %.8q…", len(got), got[0].Body)
	}
}

// Under steady traffic the arena settles near what the bounds let the
// journal hold: it is reused, not grown without end.
func TestArenaStaysNearWhatItHolds(t *testing.T) {
	j := New(500)
	body := []byte(strings.Repeat("b", 600))
	for i := range 20000 {
		j.AddBodies(Entry{Path: fmt.Sprintf("/tasks/%d", i), Headers: requestHeaders()}, Bodies{Request: body[:100+i%500], RequestCap: 16 << 10})
	}
	held := 0
	for i := 0; i < j.count; i++ {
		held += j.entries[(j.head+i)%len(j.entries)].size()
	}
	if len(j.arena) > 2*held {
		t.Fatalf("the arena is %d bytes for %d bytes of entries", len(j.arena), held)
	}
}
