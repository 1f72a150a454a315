package brightpattern

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/switchboard-sim/switchboard/scenarios"
	"github.com/switchboard-sim/switchboard/simulator/errs"
)

// SendEvents applies a client's events to a chat and answers with the
// server events not yet handed to the client by a poll or an earlier
// answer. They still count as undelivered for Get New Chat Events, which
// delivers every server event exactly once. All events are checked before
// any is applied, so nothing is half-applied.
// Each customer message is then reported to the scenario runtime.
func (s *State) SendEvents(chatID string, events []map[string]any) ([]Event, error) {
	tenantWide, _ := s.sp.choose(nil)
	out, trs, err := s.sendEvents(chatID, events, tenantWide.drives)
	s.sp.emit(trs)
	return out, err
}

// scripted says a tenant scenario now plays the agent: a chat opened before
// it was activated leaves the default flow.
func (s *State) sendEvents(chatID string, events []map[string]any, scripted bool) ([]Event, []trigger, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, err := s.live(chatID)
	if err != nil {
		return nil, nil, err
	}
	if err := s.checkClientEvents(events); err != nil {
		return nil, nil, err
	}
	if scripted && !c.scripted {
		s.script(c)
	}
	var trs []trigger
	for _, raw := range events {
		if raw["event"] == CevMessage && !c.ended {
			msg, _ := raw["msg"].(string)
			trs = append(trs, trigger{ev: chatEvent(c, scenarios.CustomerMessage, msg)})
		}
		s.apply(c, raw)
	}
	return c.answer(), trs, nil
}

// clientFields are the documented fields of each client event; only these
// are kept (in the history), and the text ones must be strings.
var clientFields = map[string][]string{
	CevMessage:    {"msg_id", "msg"},
	CevTyping:     {"msg"},
	CevNotTyping:  {"msg"},
	CevFormData:   {"form_request_id", "form_name", "data"},
	CevEnd:        {},
	CevDisconnect: {},
	CevSignaling:  {"msg_id", "destination_party_id", "data"},
	CevFile:       {"msg_id", "file_id", "file_type", "file_name"},
	CevNavigation: {"msg_id", "title", "page"},
	CevLocation:   {"msg_id", "url", "latitude", "longitude"},
}

var untypedFields = map[string]bool{"msg_id": true, "data": true, "latitude": true, "longitude": true}

func (s *State) checkClientEvents(events []map[string]any) error {
	var bad errs.Collector
	for i, ev := range events {
		at := fmt.Sprintf("events[%d].", i)
		name, _ := ev["event"].(string)
		if !slices.Contains(ClientEvents, name) {
			bad.Add(at+"event", fmt.Sprintf("unknown client event %q", name))
			continue
		}
		for _, f := range clientFields[name] {
			if v, ok := ev[f]; ok && v != nil && !untypedFields[f] {
				if _, isStr := v.(string); !isStr {
					bad.Add(at+f, "must be a string")
				}
			}
		}
		if ft, ok := ev["file_type"].(string); ok && name == CevFile && ft != "" && ft != "image" && ft != "attachment" {
			bad.Add(at+"file_type", "must be image or attachment")
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
	name, _ := raw["event"].(string)
	ev := Event{"event": name}
	for _, k := range clientFields[name] {
		if v, ok := raw[k]; ok && v != nil {
			ev[k] = v
		}
	}
	if ev["file_type"] == "" {
		delete(ev, "file_type")
	}
	if id, ok := ev["msg_id"].(float64); ok { // widget ids are strings; keep one type
		ev["msg_id"] = strconv.FormatFloat(id, 'f', -1, 64)
	}
	ev["party_id"] = c.ID
	ev["timestamp"] = ms(now)
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
		// The widget uploads under a temporary part name and sends the
		// real name as the event's file_name: the agent names that one.
		name, _ := ev["file_name"].(string)
		if name == "" {
			f, _ := s.files.get(ev["file_id"].(string))
			name = f.info.Name
		}
		s.react(c, flow.FileReceived, map[string]string{"file_name": name})
	case CevSignaling:
		if !c.scripted {
			s.signal(c, ev["data"])
		}
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
