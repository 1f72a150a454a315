package llamadapro

import (
	"fmt"
	"math/rand"
	"testing"
)

// TestContactLookupsMatchBruteForce compares the indexed address lookups
// behind calls, WhatsApp and conversation upserts with a scan of every
// contact in id order, through random writes.
func TestContactLookupsMatchBruteForce(t *testing.T) {
	t.Parallel()
	s := newTestState(t, "lookup-ref")
	rng := rand.New(rand.NewSource(11))
	var ids []int64
	addresses := []string{"+56911111111", "+56922222222", "+15550001111", "a@x.io", "A@X.io", "b@x.io", "+56912345678"}
	for i := 0; i < 600; i++ {
		switch r := rng.Intn(10); {
		case r < 5 || len(ids) == 0:
			c, err := s.CreateContact(randomContactBody(rng, true))
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, c.ID)
		case r < 8:
			_, _ = s.UpdateContact(pick(rng, ids...), randomContactBody(rng, false))
		default:
			j := rng.Intn(len(ids))
			_, _ = s.DeleteContact(ids[j])
			ids = append(ids[:j], ids[j+1:]...)
		}
		addr, phone := pick(rng, addresses...), rng.Intn(2) == 0
		phones, emails := []string{pick(rng, addresses...)}, []string{pick(rng, addresses...), pick(rng, addresses...)}
		s.mu.Lock()
		var want, wantAny *Contact
		for _, c := range s.contactsSorted() {
			if want == nil && c.hasAddress(addr, phone) {
				want = c
			}
			if wantAny == nil && (c.hasAddress(phones[0], true) || c.hasAddress(emails[0], false) || c.hasAddress(emails[1], false)) {
				wantAny = c
			}
		}
		got, gotAny := s.contactWithAddress(addr, phone), s.firstContactWith(phones, emails)
		s.mu.Unlock()
		if got != want || gotAny != wantAny {
			t.Fatalf("step %d: contactWithAddress(%q, %v) = %v, want %v; firstContactWith(%v, %v) = %v, want %v",
				i, addr, phone, name(got), name(want), phones, emails, name(gotAny), name(wantAny))
		}
	}
}

func name(c *Contact) string {
	if c == nil {
		return "none"
	}
	return fmt.Sprint(c.ID)
}
