package brightpattern

import (
	"fmt"

	"github.com/switchboard-sim/switchboard/scenarios"
)

// closedText is the reason new chats are refused once a scenario closed the
// service without giving one.
const closedText = "the service is outside its hours"

// sendFile makes party p send a file: the action's content (as text) or a
// generated one, stored so Get File serves it. Callers hold mu.
func (s *State) sendFile(c *Chat, p *Party, act scenarios.Action) {
	name := act.String("fileName", "document.pdf")
	ct := act.String("contentType", contentTypeOf(name))
	data := agentFile(name, p.DisplayName)
	if text, ok := act.Params["content"].(string); ok {
		data = []byte(text)
	}
	f := s.files.put(s.fake.UUID(), name, ct, data, act.String("fileType", ""))
	now := s.now()
	c.add(fileEvent(p.ID, c.nextMsgID(), f, ms(now)), now, false)
}

// scriptedEnd ends a chat the way the action's reason says: a normal end
// (completed, chat_session_ended), an inactivity timeout, or a failure for
// want of an agent. Callers hold mu.
func (s *State) scriptedEnd(c *Chat, act scenarios.Action) error {
	text := act.String("text", "")
	now := s.now()
	switch reason := act.String("reason", "ended"); reason {
	case "ended":
		if text != "" {
			p := s.actor(c, act)
			c.add(messageEvent(p.ID, c.nextMsgID(), text, ms(now)), now, false)
		}
		s.endChat(c)
	case "inactivityTimeout":
		if text == "" {
			text = timeoutText
		}
		s.finish(c, "completed", textEvent(EvInactivityTimeout, text, ms(now)))
	case "noAgentAvailable":
		ev := statusEvent("failed", 0)
		if text != "" {
			ev["msg"] = text
		}
		s.finish(c, "failed", ev)
	default:
		return fmt.Errorf("ends: unknown reason %q", reason)
	}
	return nil
}

// serviceCloses closes the chat service (end of business hours): Check
// Availability answers notAvailable, Request Chat is refused with 503
// until the control plane opens the service again, and every open chat
// ends, after the text from its agent or bot when it has one. Callers hold mu.
func (s *State) serviceCloses(text string) {
	closed := false
	s.sw.ServiceOpen = &closed
	s.shutByPlay, s.shutText = true, text
	if text == "" {
		s.shutText = closedText
	}
	now := s.now()
	for _, id := range append([]string(nil), s.order...) {
		c := s.chats[id]
		if c == nil || c.ended {
			continue
		}
		if p := c.speaker(""); p != nil && text != "" {
			c.add(messageEvent(p.ID, c.nextMsgID(), text, ms(now)), now, false)
		}
		s.endChat(c)
	}
}
