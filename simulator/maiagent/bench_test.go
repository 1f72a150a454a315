package maiagent

import (
	"fmt"
	"runtime"
	"testing"
)

var benchSizes = []int{100, 10_000, 100_000}

func heapInUse() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// benchLists fills a state with n conversations' worth of traffic: n
// messages (half the contact's, half published replies, each with its
// record) over n/10 conversations, reports live heap per message, and
// times op.
func benchLists(b *testing.B, op func(b *testing.B, s *State, conv, inbox, bot string)) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			s := newTestState(b, "bench-"+b.Name())
			bot := s.fx.Chatbots[0]
			before := heapInUse()
			var convs []string
			for i := 0; i < max(n/10, 1); i++ {
				c, err := s.CreateConversation(bot.WebChats[i%len(bot.WebChats)].ID)
				if err != nil {
					b.Fatal(err)
				}
				convs = append(convs, c.ID)
			}
			for i := 0; i < n/2; i++ {
				_, turn, err := s.CreateMessage(NewMessage{Conversation: convs[i%len(convs)], Content: "hello"})
				if err != nil {
					b.Fatal(err)
				}
				s.PublishReply(s.addReply(turn, "hi there"))
			}
			perMessage := float64(heapInUse()-before) / float64(n)
			b.ResetTimer()
			op(b, s, convs[len(convs)/2], bot.WebChats[0].Inbox.ID, bot.ID)
			b.ReportMetric(perMessage, "heap-B/message")
		})
	}
}

// BenchmarkListConversations is the second page of one inbox's conversations.
func BenchmarkListConversations(b *testing.B) {
	benchLists(b, func(b *testing.B, s *State, _, inbox, _ string) {
		first, _ := s.ListConversations(inbox, Cursor{}, 3)
		for b.Loop() {
			if _, err := s.ListConversations(inbox, *first.Next, 3); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkListMessages is the second page of all visible messages.
func BenchmarkListMessages(b *testing.B) {
	benchLists(b, func(b *testing.B, s *State, _, _, _ string) {
		first := s.ListMessages("", Cursor{}, 20)
		for b.Loop() {
			s.ListMessages("", *first.Next, 20)
		}
	})
}

// BenchmarkListRecords is page 2 of a chatbot's records.
func BenchmarkListRecords(b *testing.B) {
	benchLists(b, func(b *testing.B, s *State, _, _, bot string) {
		for b.Loop() {
			if _, err := s.ListRecords(bot, 2, 20); err != nil {
				b.Fatal(err)
			}
		}
	})
}
