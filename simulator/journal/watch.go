package journal

import (
	"sync"
	"sync/atomic"
)

// watchers hand each new entry to the dashboard's live streams. With none
// subscribed, Add pays one atomic load. A subscriber that falls behind
// loses entries rather than slowing a request: sends never block.
type watchers struct {
	n     atomic.Int32
	mu    sync.Mutex
	chans map[chan Entry]struct{}
}

// Watch subscribes to every entry added from now on. The channel holds up
// to buf entries; when it is full, further entries are dropped for this
// subscriber. stop unsubscribes.
func (j *Journal) Watch(buf int) (entries <-chan Entry, stop func()) {
	ch := make(chan Entry, max(buf, 1))
	w := &j.watch
	w.mu.Lock()
	if w.chans == nil {
		w.chans = map[chan Entry]struct{}{}
	}
	w.chans[ch] = struct{}{}
	w.n.Add(1)
	w.mu.Unlock()
	var once sync.Once
	return ch, func() {
		once.Do(func() {
			w.mu.Lock()
			delete(w.chans, ch)
			w.n.Add(-1)
			w.mu.Unlock()
		})
	}
}

func (w *watchers) send(e Entry) {
	w.mu.Lock()
	defer w.mu.Unlock()
	for ch := range w.chans {
		select {
		case ch <- e:
		default: // a slow subscriber misses this one
		}
	}
}
