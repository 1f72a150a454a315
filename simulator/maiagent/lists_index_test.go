package maiagent

import (
	"encoding/json"
	"fmt"
	"math/rand"
	"sort"
	"testing"
	"time"

	"github.com/switchboard-sim/switchboard/simulator/tenant"
)

func newTestState(tb testing.TB, credential string) *State {
	tb.Helper()
	fx, err := loadFixtures()
	if err != nil {
		tb.Fatal(err)
	}
	reg := tenant.NewRegistry(tenant.Options{Seed: 1})
	tb.Cleanup(reg.Close)
	s := newState(reg.Ensure(credential), fx, 1)
	tb.Cleanup(s.Close)
	return s
}

// refCursorPage is the straightforward page of a newest-first slice.
func refCursorPage(seqs []int64, cur Cursor, size int) (int, int) {
	n := len(seqs)
	var start, end int
	if !cur.Set || !cur.Reverse {
		if cur.Set {
			start = sort.Search(n, func(i int) bool { return seqs[i] < cur.Position })
		}
		end = min(start+size, n)
	} else {
		end = sort.Search(n, func(i int) bool { return seqs[i] <= cur.Position })
		start = max(0, end-size)
	}
	return start, end
}

// refPage pages items (filtered, any order) newest first, as the lists did
// before they were indexed.
func refPage[T any](items []T, seqOf func(T) int64, copyOf func(T) any, cur Cursor, size int) string {
	sort.Slice(items, func(i, j int) bool { return seqOf(items[i]) > seqOf(items[j]) })
	seqs := make([]int64, len(items))
	for i, it := range items {
		seqs[i] = seqOf(it)
	}
	start, end := refCursorPage(seqs, cur, size)
	var p Page[any]
	if end < len(seqs) && end > start {
		p.Next = &Cursor{Position: seqs[end-1], Set: true}
	}
	if start > 0 && start < len(seqs) {
		p.Previous = &Cursor{Position: seqs[start], Reverse: true, Set: true}
	}
	p.Count = len(items)
	p.Results = []any{}
	for _, it := range items[start:end] {
		p.Results = append(p.Results, copyOf(it))
	}
	return jsonOf(p)
}

func jsonOf(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// TestListsMatchBruteForce compares ListConversations, ListMessages and
// ListRecords with a filter and sort of everything, walking cursors both
// ways, through random conversations, messages and published replies.
func TestListsMatchBruteForce(t *testing.T) {
	t.Parallel()
	for seed := int64(1); seed <= 3; seed++ {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			s := newTestState(t, fmt.Sprint("maiagent-ref-", seed))
			rng := rand.New(rand.NewSource(seed))
			var webChats, inboxes, bots []string
			for _, b := range s.fx.Chatbots {
				bots = append(bots, b.ID)
				for _, w := range b.WebChats {
					webChats, inboxes = append(webChats, w.ID), append(inboxes, w.Inbox.ID)
				}
			}
			var convs []string
			var hidden []string
			write := func(n int) {
				for i := 0; i < n; i++ {
					s.clock.Advance(time.Duration(rng.Intn(3)) * time.Second)
					switch r := rng.Intn(10); {
					case r < 3 || len(convs) == 0:
						c, err := s.CreateConversation(webChats[rng.Intn(len(webChats))])
						if err != nil {
							t.Fatal(err)
						}
						convs = append(convs, c.ID)
					case r < 8:
						_, turn, err := s.CreateMessage(NewMessage{Conversation: convs[rng.Intn(len(convs))], Content: "hi"})
						if err != nil {
							t.Fatal(err)
						}
						hidden = append(hidden, s.addReply(turn, "hello"))
					case len(hidden) > 0:
						j := rng.Intn(len(hidden))
						s.PublishReply(hidden[j])
						hidden = append(hidden[:j], hidden[j+1:]...)
					}
				}
			}
			for round := 0; round < 5; round++ {
				write(80)
				for q := 0; q < 30; q++ {
					size := 1 + rng.Intn(7)
					cur := Cursor{}
					kind := rng.Intn(3)
					group := ""
					switch {
					case kind == 0 && rng.Intn(3) > 0:
						group = inboxes[rng.Intn(len(inboxes))]
					case kind == 1 && rng.Intn(3) > 0:
						group = convs[rng.Intn(len(convs))]
					case kind == 2:
						group = bots[rng.Intn(len(bots))]
					}
					for p := 1; p < 8; p++ {
						var got, want string
						var next, prev *Cursor
						s.mu.Lock()
						switch kind {
						case 0:
							var items []*Conversation
							for _, c := range s.conversations {
								if group == "" || c.Inbox.ID == group {
									items = append(items, c)
								}
							}
							want = refPage(items, func(c *Conversation) int64 { return c.seq }, func(c *Conversation) any { return c.copy() }, cur, size)
						case 1:
							var items []*Message
							for _, m := range s.messages {
								if m.visible && (group == "" || m.Conversation == group) {
									items = append(items, m)
								}
							}
							want = refPage(items, func(m *Message) int64 { return m.seq }, func(m *Message) any { return m.copy() }, cur, size)
						}
						s.mu.Unlock()
						switch kind {
						case 0:
							pg, _ := s.ListConversations(group, cur, size)
							got, next, prev = jsonOf(Page[any]{Count: pg.Count, Next: pg.Next, Previous: pg.Previous, Results: anys(pg.Results)}), pg.Next, pg.Previous
						case 1:
							pg := s.ListMessages(group, cur, size)
							got, next, prev = jsonOf(Page[any]{Count: pg.Count, Next: pg.Next, Previous: pg.Previous, Results: anys(pg.Results)}), pg.Next, pg.Previous
						case 2:
							all, _ := s.Records(group) // newest first, the reference
							pg, err := s.ListRecords(group, p, size)
							start := (p - 1) * size
							if start >= len(all) && p != 1 {
								if err == nil {
									t.Fatalf("records page %d of %d: no error", p, len(all))
								}
								p = 99
								continue
							}
							wantP := Page[Record]{Count: len(all), Results: all[start:min(start+size, len(all))]}
							if start+size < len(all) {
								wantP.NextPage = p + 1
							}
							if p > 1 {
								wantP.PrevPage = p - 1
							}
							got, want = jsonOf(pg), jsonOf(wantP)
						}
						if got != want {
							t.Fatalf("kind %d group %q cursor %+v size %d:\n got %s\nwant %s", kind, group, cur, size, got, want)
						}
						if kind == 2 {
							continue
						}
						switch {
						case next != nil && (prev == nil || rng.Intn(4) > 0):
							cur = *next
						case prev != nil:
							cur = *prev
						default:
							p = 99
						}
						if rng.Intn(3) == 0 {
							write(3) // writes between pages
						}
					}
				}
			}
		})
	}
}

func anys[T any](xs []T) []any {
	out := make([]any, len(xs))
	for i, x := range xs {
		out[i] = x
	}
	return out
}
