package llamadapro

import (
	"encoding/json"
	"fmt"
	"runtime"
	"testing"
	"time"
)

// benchSizes are the record counts every list benchmark runs at.
var benchSizes = []int{100, 10_000, 100_000}

// heapInUse is the live heap after a full collection.
func heapInUse() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// benchPerSize builds a state per size with fill (which returns how many
// records it added), reports the live heap per record added as
// heap-B/record, then times op.
func benchPerSize(b *testing.B, fill func(s *State, n int) int, op func(b *testing.B, s *State)) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			s := newTestState(b, fmt.Sprint("bench-", b.Name()))
			before := heapInUse()
			added := fill(s, n)
			perRecord := float64(heapInUse()-before) / float64(max(added, 1))
			b.ResetTimer()
			op(b, s)
			b.ReportMetric(perRecord, "heap-B/record") // after op: ResetTimer clears metrics
		})
	}
}

// fillTasks creates tasks until the tenant holds n, spread over a few
// statuses, conversations and assignees, most with a due date.
func fillTasks(s *State, n int) int {
	added := 0
	for i := countTasks(s); i < n; i++ {
		in := NewTask{Context: TaskContext{ConversationID: int64(1000 + i%50)}, Objective: "bench",
			CreatedBy: Party{ID: "u_1", Type: "user"}, AssignedTo: Party{ID: fmt.Sprint(i % 20), Type: "user"}}
		if i%4 != 3 {
			due := s.clock.Now().Add(24*time.Hour + time.Duration(i%10000)*time.Minute)
			in.DueDate = &due
		}
		if i%5 == 4 {
			in.Status = StatusCompleted
		}
		s.CreateTask(in)
		added++
	}
	return added
}

func BenchmarkListTasks(b *testing.B) {
	benchPerSize(b, fillTasks, func(b *testing.B, s *State) {
		for b.Loop() {
			if _, err := s.ListTasks(TaskFilter{Status: StatusScheduled, Limit: 20}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkListTasksAssigneeAndDue(b *testing.B) {
	benchPerSize(b, fillTasks, func(b *testing.B, s *State) {
		before := s.clock.Now().Add(24*time.Hour + 5000*time.Minute)
		f := TaskFilter{Status: StatusScheduled, AssignedToID: "6", DueBefore: &before, Limit: 20}
		if p, _ := s.ListTasks(f); p.TotalCount == 0 {
			b.Fatal("the filter matches nothing")
		}
		for b.Loop() {
			if _, err := s.ListTasks(f); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// fillContacts creates contacts until the tenant holds n.
func fillContacts(s *State, n int) int {
	added := 0
	for i := len(s.contacts); i < n; i++ {
		body := map[string]json.RawMessage{
			"firstName": rawJSON(fmt.Sprint("First", i%500)), "lastName": rawJSON(fmt.Sprint("Last", i%977)),
			"companyPosition": rawJSON(fmt.Sprint("Role", i%7)),
			"addresses":       rawJSON([]NewAddress{{ChannelType: "EMAIL", Address: fmt.Sprintf("c%d@example.com", i)}}),
		}
		if _, err := s.CreateContact(body); err != nil {
			panic(err)
		}
		added++
	}
	return added
}

func benchList(b *testing.B, list func(ListQuery) (listResult, error), q ListQuery) {
	if r, err := list(q); err != nil || len(r.Items) == 0 {
		b.Fatalf("the query finds nothing: %v", err)
	}
	for b.Loop() {
		if _, err := list(q); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkListContacts is GetContacts?filterBy=companyPosition:role3&sortBy=lastName=desc.
func BenchmarkListContacts(b *testing.B) {
	benchPerSize(b, fillContacts, func(b *testing.B, s *State) {
		benchList(b, s.ListContacts, ListQuery{FilterBy: "companyPosition:role3", SortBy: "lastName=desc", PageSize: 20})
	})
}

// BenchmarkListContactsPage3 is GetContacts?page=3 (no filter, id order).
func BenchmarkListContactsPage3(b *testing.B) {
	benchPerSize(b, fillContacts, func(b *testing.B, s *State) {
		benchList(b, s.ListContacts, ListQuery{Page: 3, PageSize: 20})
	})
}

// fillDefinitions creates definitions until the tenant holds n.
func fillDefinitions(s *State, n int) int {
	added := 0
	for i := len(s.defs); i < n; i++ {
		in := DefinitionInput{EntityType: strp("CONVERSATION"), FieldKey: strp(fmt.Sprint("key", i)),
			FieldLabel: strp(fmt.Sprint("Label ", i%100)), FieldType: strp("STRING")}
		if _, err := s.CreateDefinition(in); err != nil {
			panic(err)
		}
		added++
	}
	return added
}

// BenchmarkListDefinitions is GetCustomFieldDefinitions?filterBy=entityType:CONVERSATION&sortBy=fieldLabel.
func BenchmarkListDefinitions(b *testing.B) {
	benchPerSize(b, fillDefinitions, func(b *testing.B, s *State) {
		benchList(b, s.ListDefinitions, ListQuery{FilterBy: "entityType:CONVERSATION", SortBy: "fieldLabel", PageSize: 20})
	})
}

// fillOptions gives one LIST definition n options.
func fillOptions(s *State, n int) int {
	d, err := s.CreateDefinition(DefinitionInput{EntityType: strp("CONVERSATION"), FieldKey: strp("bench"), FieldType: strp("LIST")})
	if err != nil {
		panic(err)
	}
	for i := 0; i < n; i++ {
		if _, err := s.CreateOption(d.ID, OptionInput{Value: strp(fmt.Sprint("v", i)), Label: strp(fmt.Sprint("Label ", i%100))}); err != nil {
			panic(err)
		}
	}
	return n
}

// BenchmarkListOptions is GetCustomFieldListOptions of a definition with n options, sortBy=label=desc.
func BenchmarkListOptions(b *testing.B) {
	benchPerSize(b, fillOptions, func(b *testing.B, s *State) {
		var def int64
		for id, d := range s.defs {
			if d.FieldKey == "bench" {
				def = id
			}
		}
		benchList(b, func(q ListQuery) (listResult, error) { return s.ListOptions(def, q) }, ListQuery{SortBy: "label=desc", PageSize: 20})
	})
}

// BenchmarkSearchContacts is SearchContacts with an eq filter on lastName
// (n/977 matches), sorted by firstName, with totalCount.
func BenchmarkSearchContacts(b *testing.B) {
	benchPerSize(b, fillContacts, func(b *testing.B, s *State) {
		size := 20.0
		in := SearchRequest{Filters: []SearchFilter{{Field: "lastName", Operator: "eq", Value: "last77"}},
			Sort: []SearchSort{{Field: "firstName"}}, Size: &size, IncludeTotalCount: true}
		if p, err := s.SearchContacts(in); err != nil || len(p.Items) == 0 {
			b.Fatalf("the search finds nothing: %v", err)
		}
		for b.Loop() {
			if _, err := s.SearchContacts(in); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkSearchContactsSorted is SearchContacts of every contact sorted
// by lastName, second page of 20, without totalCount.
func BenchmarkSearchContactsSorted(b *testing.B) {
	benchPerSize(b, fillContacts, func(b *testing.B, s *State) {
		size := 20.0
		in := SearchRequest{Sort: []SearchSort{{Field: "lastName", Direction: "desc"}}, Size: &size}
		first, err := s.SearchContacts(in)
		if err != nil || first.NextPageToken == nil {
			b.Fatalf("no second page: %v", err)
		}
		in.PageToken = *first.NextPageToken
		for b.Loop() {
			if _, err := s.SearchContacts(in); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkListTasksDueWindow is GetTasks status=scheduled with dueAfter
// and dueBefore 100 minutes apart (about 1 % of the tasks), whose due dates
// follow creation order (a saw-tooth of 10,000 minutes), second page.
func BenchmarkListTasksDueWindow(b *testing.B) {
	benchPerSize(b, fillTasks, func(b *testing.B, s *State) { benchDueWindow(b, s) })
}

// BenchmarkListTasksDueWindowScattered is the same request when due dates
// do not follow creation order (scattered by a multiplicative hash): the
// walk cannot skip much and falls back to sorting the window's matches.
func BenchmarkListTasksDueWindowScattered(b *testing.B) {
	benchPerSize(b, func(s *State, n int) int {
		added := 0
		for i := countTasks(s); i < n; i++ {
			due := s.clock.Now().Add(24*time.Hour + time.Duration(i*7919%10000)*time.Minute)
			s.CreateTask(NewTask{Context: TaskContext{ConversationID: int64(1000 + i%50)}, Objective: "bench",
				CreatedBy: Party{ID: "u_1", Type: "user"}, AssignedTo: Party{ID: fmt.Sprint(i % 20), Type: "user"}, DueDate: &due})
			added++
		}
		return added
	}, func(b *testing.B, s *State) { benchDueWindow(b, s) })
}

func benchDueWindow(b *testing.B, s *State) {
	after := s.clock.Now().Add(24*time.Hour + 4000*time.Minute)
	before := after.Add(100 * time.Minute)
	f := TaskFilter{Status: StatusScheduled, DueAfter: &after, DueBefore: &before, Limit: 20}
	first, _ := s.ListTasks(f)
	if first.NextPageToken == nil && countTasks(s) > 5000 {
		b.Fatal("the window has no second page")
	}
	if first.NextPageToken != nil {
		f.PageToken = *first.NextPageToken
	}
	for b.Loop() {
		if _, err := s.ListTasks(f); err != nil {
			b.Fatal(err)
		}
	}
}
