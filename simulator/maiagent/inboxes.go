package maiagent

// Channel is the web chat an inbox belongs to.
type Channel struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// InboxItem is an inbox as GET /inboxes/ lists it: the official examples
// read the web chat id from channel.id.
type InboxItem struct {
	Inbox
	Channel Channel `json:"channel"`
}

// Inboxes lists every fixture inbox with its web chat, in fixture order.
func (s *State) Inboxes() []InboxItem {
	out := []InboxItem{}
	for _, b := range s.fx.Chatbots {
		for _, w := range b.WebChats {
			out = append(out, InboxItem{Inbox: w.Inbox, Channel: Channel{ID: w.ID, Name: w.Name}})
		}
	}
	return out
}
