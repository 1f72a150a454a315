package llamadapro

import (
	"encoding/json"
	"fmt"
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
