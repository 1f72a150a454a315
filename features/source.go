package features

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"
)

// event is one received event: its name and its (JSON-decoded when
// possible) data.
type event struct {
	name string
	data any
}

// source collects the events of one stream (SSE) or one long-poll loop.
type source struct {
	mu       sync.Mutex
	events   []event
	next     int // events before next have been matched or skipped
	err      error
	notify   chan struct{}
	cancel   context.CancelFunc
	poll     func() (*response, error) // long-poll: sends one poll
	inflight bool
	items    string // JSON path of a poll response's event list ("" = guess)
	nameKey  string // field naming an event ("" = event, type or name)
}

func newSource() *source { return &source{notify: make(chan struct{}, 1)} }

func (s *source) signal() {
	select {
	case s.notify <- struct{}{}:
	default:
	}
}

func (s *source) add(evs ...event) {
	s.mu.Lock()
	s.events = append(s.events, evs...)
	s.mu.Unlock()
	s.signal()
}

func (s *source) fail(err error) {
	s.mu.Lock()
	if s.err == nil {
		s.err = err
	}
	s.mu.Unlock()
	s.signal()
}

func (s *source) close() {
	if s.cancel != nil {
		s.cancel()
	}
}

// openSSE starts reading a text/event-stream response in the background.
func openSSE(client *http.Client, req *http.Request) (*source, error) {
	ctx, cancel := context.WithCancel(context.Background())
	s := newSource()
	s.cancel = cancel
	req = req.WithContext(ctx)
	// The stream outlives the client's request timeout.
	c := *client
	c.Timeout = 0
	res, err := c.Do(req)
	if err != nil {
		cancel()
		return nil, err
	}
	if res.StatusCode != http.StatusOK {
		defer res.Body.Close()
		b := make([]byte, 600)
		n, _ := res.Body.Read(b)
		cancel()
		return nil, fmt.Errorf("event stream answered %d: %s", res.StatusCode, b[:n])
	}
	go func() {
		defer res.Body.Close()
		sc := bufio.NewScanner(res.Body)
		sc.Buffer(make([]byte, 64*1024), 4<<20)
		var name string
		var data []string
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "":
				if len(data) > 0 || name != "" {
					s.add(s.decode(name, strings.Join(data, "\n")))
				}
				name, data = "", nil
			case strings.HasPrefix(line, ":"):
			case strings.HasPrefix(line, "event:"):
				name = strings.TrimSpace(strings.TrimPrefix(line, "event:"))
			case strings.HasPrefix(line, "data:"):
				data = append(data, strings.TrimPrefix(strings.TrimPrefix(line, "data:"), " "))
			}
		}
		if len(data) > 0 {
			s.add(s.decode(name, strings.Join(data, "\n")))
		}
	}()
	return s, nil
}

// decode names an SSE event by its event: line, or else by its JSON data.
func (s *source) decode(name, raw string) event {
	var v any
	if json.Unmarshal([]byte(raw), &v) != nil {
		v = raw
	}
	if name == "" {
		name = s.nameOf(v)
	}
	return event{name: name, data: v}
}

func (s *source) nameOf(v any) string {
	m, ok := v.(map[string]any)
	if !ok {
		return "message"
	}
	keys := []string{"event", "type", "name"}
	if s.nameKey != "" {
		keys = []string{s.nameKey}
	}
	for _, k := range keys {
		if n, ok := m[k].(string); ok {
			return n
		}
	}
	return "message"
}

// startPoll sends one long-poll unless one is already waiting.
func (s *source) startPoll() {
	s.mu.Lock()
	if s.poll == nil || s.inflight || s.err != nil {
		s.mu.Unlock()
		return
	}
	s.inflight = true
	s.mu.Unlock()
	go func() {
		r, err := s.poll()
		s.mu.Lock()
		s.inflight = false
		s.mu.Unlock()
		switch {
		case err != nil:
			s.fail(err)
		case r.status/100 != 2:
			s.fail(fmt.Errorf("long-poll answered %d: %s", r.status, clip(r.body)))
		default:
			s.add(s.pollEvents(r)...)
		}
	}()
}

// pollEvents lists a poll response's events: the array at items, or the
// body when it is an array, or its "events" array, or the body itself.
func (s *source) pollEvents(r *response) []event {
	if !r.jsonOK {
		if len(r.body) == 0 {
			return nil
		}
		return []event{{name: "message", data: string(r.body)}}
	}
	list, ok := r.json.([]any)
	if s.items != "" {
		v, found, _ := lookupJSON(r.body, s.items)
		list, ok = v.([]any)
		ok = ok && found
	} else if m, isMap := r.json.(map[string]any); isMap {
		list, ok = m["events"].([]any)
		if !ok {
			list, ok = []any{m}, true
		}
	}
	if !ok {
		return nil
	}
	out := make([]event, 0, len(list))
	for _, it := range list {
		out = append(out, event{name: s.nameOf(it), data: it})
	}
	return out
}

// settle waits up to d (wall time) for new events or a poll's answer.
func (s *source) settle(d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-s.notify:
	case <-t.C:
	}
}

// take returns the first unmatched event named name (sent by from, when
// set) and marks it and every event before it as seen.
func (s *source) take(name string, from func(any) bool) (event, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := s.next; i < len(s.events); i++ {
		e := s.events[i]
		if e.name == name && (from == nil || from(e.data)) {
			s.next = i + 1
			return e, true, nil
		}
	}
	return event{}, false, s.err
}

// names lists the names of every event received, for failure messages.
func (s *source) names() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]string, len(s.events))
	for i, e := range s.events {
		out[i] = e.name
	}
	return out
}
