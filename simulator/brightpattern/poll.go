package brightpattern

import (
	"context"
	"time"

	"github.com/switchboard-sim/switchboard/simulator/errs"
)

// Poll is Get New Chat Events: a long poll. Waiting events come back at
// once. Otherwise the call holds for up to hold (wall clock) and returns
// as soon as an event arrives, or no events when the hold ends. One poll
// per chat at a time: a second one is an Invalid error. The poll delivers
// every server event exactly once, Send Events answers notwithstanding; an
// ended chat answers 404 only once its end has been delivered. When ctx ends (the
// client went away) the poll lets go at once and takes nothing, so events
// are never written into an abandoned request.
func (s *State) Poll(ctx context.Context, chatID string, hold time.Duration) ([]Event, error) {
	s.mu.Lock()
	c, err := s.chat(chatID)
	switch {
	case err != nil:
		s.mu.Unlock()
		return nil, err
	case c.polling:
		s.mu.Unlock()
		return nil, errs.New(errs.Invalid, "another Get New Chat Events request is already waiting on chat %s", chatID)
	case len(c.queue) > 0:
		out := c.take()
		s.mu.Unlock()
		return out, nil
	case c.ended || s.closed:
		s.mu.Unlock()
		return nil, errs.NotFoundf("chat %s has ended", chatID)
	}
	wake := make(chan struct{}, 1)
	c.polling, c.wake = true, wake
	s.mu.Unlock()

	timer := time.NewTimer(hold)
	defer timer.Stop()
	for {
		var done bool
		select {
		case <-ctx.Done():
			done = true
		case <-timer.C:
			done = true
		case <-wake:
		}
		s.mu.Lock()
		if ctx.Err() != nil || s.closed {
			s.release(c, wake)
			s.mu.Unlock()
			return []Event{}, nil
		}
		if len(c.queue) > 0 || done || c.ended {
			out := c.take()
			s.release(c, wake)
			s.mu.Unlock()
			return out, nil
		}
		s.mu.Unlock()
	}
}

// release ends a poll's hold on its chat, unless a reset already did.
// Callers hold mu.
func (s *State) release(c *Chat, wake chan struct{}) {
	if c.wake == wake {
		c.polling, c.wake = false, nil
	}
}
