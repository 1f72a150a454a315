package brightpattern

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/switchboard-sim/switchboard/simulator/errs"
)

// SendEvents applies a client's events to a chat and answers with every
// server event not yet delivered (which then counts as delivered). All
// events are checked before any is applied, so nothing is half-applied.
func (s *State) SendEvents(chatID string, events []map[string]any) ([]Event, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, err := s.live(chatID)
	if err != nil {
		return nil, err
	}
	if err := s.checkClientEvents(events); err != nil {
		return nil, err
	}
	for _, raw := range events {
		s.apply(c, raw)
	}
	return c.take(), nil
}

func (s *State) checkClientEvents(events []map[string]any) error {
	var bad errs.Collector
	for i, ev := range events {
		at := fmt.Sprintf("events[%d].", i)
		name, _ := ev["event"].(string)
		if !slices.Contains(ClientEvents, name) {
			bad.Add(at+"event", fmt.Sprintf("unknown client event %q", name))
			continue
		}
		switch name {
		case CevMessage:
			if _, ok := ev["msg"].(string); !ok {
				bad.Add(at+"msg", "a chat_session_message needs msg (a string)")
			}
		case CevSignaling:
			if sig, _ := signalData(ev["data"]); sig["type"] == nil {
				bad.Add(at+"data", "a chat_session_signaling needs data with a type such as REQUEST_CALL")
			}
		case CevFile:
			id, _ := ev["file_id"].(string)
			if _, ok := s.files.get(id); !ok {
				bad.Add(at+"file_id", fmt.Sprintf("no uploaded file %q", id))
			}
		case CevFormData:
			if d, ok := ev["data"]; ok && d != nil {
				if _, isObj := d.(map[string]any); !isObj {
					bad.Add(at+"data", "must be an object of field values")
				}
			}
		}
	}
	return bad.Err()
}

// apply records one checked client event and lets the agent react. Callers hold mu.
func (s *State) apply(c *Chat, raw map[string]any) {
	now := s.now()
	ev := Event{}
	for k, v := range raw {
		ev[k] = v
	}
	if id, ok := ev["msg_id"].(float64); ok { // widget ids are strings; keep one type
		ev["msg_id"] = strconv.FormatFloat(id, 'f', -1, 64)
	}
	ev["party_id"] = c.ID
	ev["timestamp"] = ms(now)
	name := ev.Name()
	c.add(ev, now, true)
	s.armInactivity(c)
	flow := s.fx.Flow
	switch name {
	case CevMessage:
		msg, _ := ev["msg"].(string)
		s.react(c, flow.stepsFor(msg), map[string]string{"msg": msg})
	case CevFormData:
		if id, ok := ev["form_request_id"].(string); ok {
			delete(c.forms, id)
		}
		s.react(c, flow.FormData, nil)
	case CevFile:
		f, _ := s.files.get(ev["file_id"].(string))
		s.react(c, flow.FileReceived, map[string]string{"file_name": f.info.Name})
	case CevSignaling:
		s.signal(c, ev["data"])
	case CevEnd:
		s.endChat(c)
	case CevDisconnect:
		s.disconnect(c)
	}
}

// disconnect ends the conversation but keeps the session: the agent and
// bot leave and the agent's queued steps are dropped. Callers hold mu.
func (s *State) disconnect(c *Chat) {
	now := s.now()
	for _, p := range []*Party{c.bot, c.agent} {
		if p != nil {
			c.add(leftEvent(p.ID, ms(now)), now, false)
		}
	}
	c.bot, c.agent = nil, nil
	s.clock.Stop(c.stepTimer)
	c.stepTimer, c.steps = nil, nil
}
