package brightpattern

import "sort"

// keepHistory files r in the chat's history (Chat.hist: the log without
// signaling, by time then arrival), which is kept in its answer's
// order (time, then arrival) as events arrive, so a history request copies
// it instead of filtering and sorting the whole log. Events almost always
// arrive in time order and are appended; an earlier-stamped one is inserted
// after every event of its instant or before.
func (c *Chat) keepHistory(r record) {
	if r.ev.Name() == EvSignaling {
		return
	}
	i := len(c.hist)
	if i > 0 && c.hist[i-1].at.After(r.at) {
		i = sort.Search(len(c.hist), func(j int) bool { return c.hist[j].at.After(r.at) })
	}
	c.hist = append(c.hist, record{})
	copy(c.hist[i+1:], c.hist[i:])
	c.hist[i] = r
}

// history is every event but signaling, ordered by time (then by arrival).
func (c *Chat) history() []Event {
	out := make([]Event, len(c.hist))
	for i, r := range c.hist {
		out[i] = r.ev
	}
	return out
}
