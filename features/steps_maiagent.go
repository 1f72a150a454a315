package features

import (
	"fmt"
	"strings"
	"time"

	"github.com/cucumber/godog"
)

func init() {
	// MaiAgent authenticates with `Authorization: Api-Key <key>`.
	RegisterAuth("maiagent", func(credential string) map[string]string {
		return map[string]string{"Authorization": "Api-Key " + credential}
	})
}

// maiagentSteps binds the steps that only maiagent flows need (see docs/steps.md);
// everything else uses the generic library. A MaiAgent stream's events carry
// no name, so these read the whole stream opened by `the client listens to
// events at ... with POST and JSON:`.
func (w *world) maiagentSteps(sc *godog.ScenarioContext) {
	sc.Step(`^the stream ends with done true after (at least )?(\d+) deltas?$`, func(atLeast string, n int) error {
		deltas, err := w.streamDeltas()
		if err != nil {
			return err
		}
		if len(deltas) < n || atLeast == "" && len(deltas) != n {
			return fmt.Errorf("the stream has %d content events before done, want %s%d: %q", len(deltas), atLeast, n, deltas)
		}
		return nil
	})
	sc.Step(`^the streamed deltas join to "([^"]*)"$`, func(want string) error {
		deltas, err := w.streamDeltas()
		if err != nil {
			return err
		}
		x, err := w.expand(want)
		if err != nil {
			return err
		}
		if got := strings.Join(deltas, ""); got != x {
			return fmt.Errorf("the streamed deltas join to %q, want %q", got, x)
		}
		return nil
	})
}

// streamWait bounds, on the wall clock, the wait for a MaiAgent stream's
// final event (the simulator writes the stream as soon as it is asked).
const streamWait = 5 * time.Second

// streamDeltas waits for the open stream's done event and returns the
// contents of the events before it, checking that exactly the last event
// is done, that it is empty, and that every event names one conversation.
func (w *world) streamDeltas() ([]string, error) {
	s := w.src
	if s == nil {
		return nil, fmt.Errorf("no stream: start with `the client listens to events at ... with POST and JSON:`")
	}
	deadline := time.NewTimer(streamWait)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		evs, err := append([]event{}, s.events...), s.err
		s.mu.Unlock()
		if n := len(evs); n > 0 && isDone(evs[n-1].data) {
			return deltasOf(evs)
		}
		if err != nil {
			return nil, err
		}
		select {
		case <-s.notify:
		case <-deadline.C:
			return nil, fmt.Errorf("no done event within %v; received %d events", streamWait, len(evs))
		}
	}
}

func isDone(v any) bool {
	m, ok := v.(map[string]any)
	return ok && m["done"] == true
}

func deltasOf(evs []event) ([]string, error) {
	var out []string
	conv := ""
	for i, e := range evs {
		m, ok := e.data.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("event %d is not a JSON object: %v", i+1, e.data)
		}
		c, _ := m["conversationId"].(string)
		if i == 0 {
			conv = c
		}
		if c == "" || c != conv || m["conversation_id"] != c {
			return nil, fmt.Errorf("event %d names conversation %q/%v, want %q under both keys", i+1, c, m["conversation_id"], conv)
		}
		text, _ := m["content"].(string)
		last := i == len(evs)-1
		if isDone(m) != last {
			return nil, fmt.Errorf("event %d has done %v; only the last event is done", i+1, m["done"])
		}
		if last {
			if text != "" {
				return nil, fmt.Errorf("the done event has content %q, want none", text)
			}
			break
		}
		out = append(out, text)
	}
	return out, nil
}
