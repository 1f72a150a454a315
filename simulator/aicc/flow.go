package aicc

import (
	"fmt"
	"time"

	"github.com/switchboard-sim/switchboard/simulator/errs"
)

// maxBatch is the most messages one push carries.
const maxBatch = 20

// PushMessages pushes one batch to a conversation by hand. Every message is
// checked first; nothing is pushed unless all are valid.
func (s *State) PushMessages(convID string, specs []MessageSpec) ([]DownLinkMsg, error) {
	var c errs.Collector
	if len(specs) == 0 || len(specs) > maxBatch {
		c.Add("messages", fmt.Sprintf("must hold 1 to %d messages", maxBatch))
	}
	for i, m := range specs {
		checkSpec(&c, fmt.Sprintf("messages[%d]", i), m)
	}
	if err := c.Err(); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	conv, ok := s.convs[convID]
	if !ok {
		return nil, notFound("conversation", convID)
	}
	if conv.Status == StatusClosed {
		return nil, errs.New(errs.Conflict, "conversation %s is closed", convID)
	}
	s.checkResourcesLocked(&c, conv, specs)
	if err := c.Err(); err != nil {
		return nil, err
	}
	return s.emitLocked(conv, specs, s.now()), nil
}

// emitLocked builds a batch, records it on the conversation and queues it
// for every subscription of the conversation's channel.
func (s *State) emitLocked(conv *Conversation, specs []MessageSpec, now time.Time) []DownLinkMsg {
	msgs := make([]DownLinkMsg, 0, len(specs))
	for _, m := range specs {
		msgs = append(msgs, s.buildLocked(conv, m, now))
	}
	s.deliverLocked(conv, msgs, now)
	return msgs
}

// deliverLocked records built messages on the conversation, closes it on a
// DISCONNECT and queues them as one push for every subscription of its channel.
func (s *State) deliverLocked(conv *Conversation, msgs []DownLinkMsg, now time.Time) {
	closing := false
	for _, m := range msgs {
		closing = closing || m.ControlType == ControlDisconnect
	}
	conv.Downlink = append(conv.Downlink, msgs...)
	if n := len(conv.Downlink); n > maxHistory {
		conv.Downlink = append([]DownLinkMsg(nil), conv.Downlink[n-maxHistory:]...)
	}
	if closing {
		s.closeLocked(conv, now)
	}
	for _, sub := range s.subsFor(conv.ChannelID) {
		s.enqueueLocked(sub, conv.ID, msgs, "")
	}
}

// scheduleLocked sets a timer for each step at base + step.At. A step runs
// only while the conversation is open; a READ with nothing unread, or media
// content that is not a resource, is left out of its batch.
func (s *State) scheduleLocked(conv *Conversation, steps []FlowStep, base time.Time) {
	id := conv.ID
	for _, st := range steps {
		specs := st.Messages
		t := s.clock.At(base.Add(time.Duration(st.At)), func() { s.runStep(id, specs) })
		conv.timers = append(conv.timers, t)
	}
}

func (s *State) runStep(convID string, specs []MessageSpec) {
	s.mu.Lock()
	defer s.mu.Unlock()
	conv, ok := s.convs[convID]
	if s.closed || !ok || conv.Status == StatusClosed {
		return
	}
	var keep []MessageSpec
	for _, m := range specs {
		var c errs.Collector
		s.checkResourcesLocked(&c, conv, []MessageSpec{m})
		if c.Err() == nil {
			keep = append(keep, m)
		}
	}
	if len(keep) > 0 {
		s.emitLocked(conv, keep, s.now())
	}
}

// Flows lists the built-in flows.
func (a *API) Flows() map[string][]FlowStep { return a.fixtures.Flows }
