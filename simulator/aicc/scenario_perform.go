package aicc

import (
	"fmt"

	"github.com/switchboard-sim/switchboard/simulator/errs"
)

// perform pushes one scenario message, as its own batch, to conversation
// convID, or with convID empty to every open scenario-driven conversation
// (in creation order). It runs in a clock callback.
func (s *State) perform(convID string, spec MessageSpec, ov overrides) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return errs.New(errs.Conflict, "the tenant is being reset")
	}
	var targets []*Conversation
	if convID != "" {
		conv, ok := s.convs[convID]
		if !ok {
			return notFound("conversation", convID)
		}
		if conv.Status == StatusClosed {
			return errs.New(errs.Conflict, "conversation %s is closed", convID)
		}
		targets = append(targets, conv)
	} else {
		for _, id := range s.convIDs {
			if c := s.convs[id]; c != nil && c.Scenario != "" && c.Status != StatusClosed {
				targets = append(targets, c)
			}
		}
		if len(targets) == 0 {
			return errs.New(errs.Conflict, "no open conversation is driven by a scenario")
		}
	}
	now := s.now()
	var failed []string
	for _, conv := range targets {
		var c errs.Collector
		s.checkResourcesLocked(&c, conv, []MessageSpec{spec})
		if err := c.Err(); err != nil {
			failed = append(failed, fmt.Sprintf("conversation %s: %v", conv.ID, err))
			continue
		}
		m := s.buildLocked(conv, spec, now)
		if ov.callID != "" {
			m.CallID = strp(ov.callID)
		}
		if ov.channel != "" {
			m.Channel = ov.channel
		}
		if ov.from != "" {
			m.From = ov.from
		}
		s.deliverLocked(conv, []DownLinkMsg{m}, now)
	}
	if len(failed) > 0 {
		return errs.New(errs.Conflict, "%s", failed[0])
	}
	return nil
}
