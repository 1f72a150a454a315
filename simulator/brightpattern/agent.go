package brightpattern

import (
	"strings"
)

// startAgent begins the flow for a new chat, or leaves it waiting in the
// queue when no agent is free. With the automatic agent switched off the
// chat stays queued until the control plane acts. Callers hold mu.
func (s *State) startAgent(c *Chat) {
	if !s.sw.AutoAgent {
		return
	}
	app := s.fx.app(c.AppID)
	if !s.agentsFree(app) {
		s.waitForAgent(c)
		return
	}
	var steps []Step
	for _, st := range s.fx.Flow.Start {
		if st.Party == "bot" && !app.Bot {
			continue
		}
		steps = append(steps, st)
	}
	s.enqueue(c, steps)
}

// react queues the agent's answer to a customer action. Callers hold mu.
func (s *State) react(c *Chat, steps []Step, vars map[string]string) {
	if !s.sw.AutoAgent || c.waiting || c.scripted || len(steps) == 0 {
		return
	}
	out := make([]Step, len(steps))
	for i, st := range steps {
		for k, v := range vars {
			st.Text = strings.ReplaceAll(st.Text, "{"+k+"}", v)
		}
		out[i] = st
	}
	s.enqueue(c, out)
}

// enqueue appends steps to the chat's agent queue and starts it if idle.
// Callers hold mu.
func (s *State) enqueue(c *Chat, steps []Step) {
	c.steps = append(c.steps, steps...)
	if c.stepTimer == nil {
		s.scheduleStep(c)
	}
}

func (s *State) scheduleStep(c *Chat) {
	if len(c.steps) == 0 {
		c.stepTimer = nil
		return
	}
	id := c.ID
	c.stepTimer = s.clock.After(c.steps[0].After.D(), func() { s.runSteps(id) })
}

// runSteps is the step timer: it runs the head step and every zero-delay
// step after it, then schedules the next.
func (s *State) runSteps(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.chats[id]
	if !ok || c.ended || s.closed || c.stepTimer == nil {
		return
	}
	c.stepTimer = nil
	for len(c.steps) > 0 {
		st := c.steps[0]
		c.steps = c.steps[1:]
		s.exec(c, st)
		if c.ended {
			return
		}
		if len(c.steps) > 0 && c.steps[0].After > 0 {
			break
		}
	}
	s.scheduleStep(c)
}

// exec performs one step now. It returns the events it emitted. Callers hold mu.
func (s *State) exec(c *Chat, st Step) []Event {
	mark := len(c.queue)
	now := s.now()
	switch st.Do {
	case "status":
		if st.State == "completed" || st.State == "failed" {
			s.finish(c, st.State, statusEvent(st.State, 0))
			break
		}
		c.State = st.State
		c.add(statusEvent(st.State, c.ewt), now, false)
	case "join":
		s.join(c, st.Party)
	case "leave":
		if p := c.speaker(st.Party); p != nil {
			c.add(leftEvent(p.ID, ms(now)), now, false)
			if p == c.bot {
				c.bot = nil
			} else {
				c.agent = nil
			}
		}
	case "say":
		if p := c.speaker(st.Party); p != nil {
			c.add(messageEvent(p.ID, c.nextMsgID(), s.expand(c, st.Text), ms(now)), now, false)
		}
	case "typing", "not_typing":
		if p := c.speaker(st.Party); p != nil {
			c.add(typingEvent("chat_session_"+st.Do, p.ID), now, false)
		}
	case "file":
		if p := c.speaker(st.Party); p != nil {
			f := s.files.put(s.fake.UUID(), st.Name, contentTypeOf(st.Name), agentFile(st.Name, p.DisplayName), st.FileType)
			c.add(fileEvent(p.ID, c.nextMsgID(), f, ms(now)), now, false)
		}
	case "form":
		req := c.ID + ":form:" + itoa(len(c.forms)+1)
		c.forms[req] = st.Form
		c.add(formShowEvent(req, st.Form, st.Timeout), now, false)
	case "transfer":
		if c.agent != nil {
			c.add(leftEvent(c.agent.ID, ms(now)), now, false)
			c.agent = nil
		}
		s.join(c, "agent")
	case "end":
		s.endChat(c)
	}
	out := []Event{}
	if len(c.queue) > mark {
		out = append(out, c.queue[mark:]...)
	}
	return out
}

// join brings a new bot or the next fixture agent into the chat, connecting
// it first when needed. Callers hold mu.
func (s *State) join(c *Chat, party string) {
	now := s.now()
	if c.State != "connected" {
		c.State = "connected"
		c.waiting = false
		s.clock.Stop(c.waitTimer)
		c.waitTimer = nil
		c.add(statusEvent("connected", 0), now, false)
	}
	person, kind := s.fx.Bot, "scenario"
	if party != "bot" {
		person, kind = s.fx.Agents[s.agentSeq%len(s.fx.Agents)], "internal"
		s.agentSeq++
	}
	p := Party{ID: s.fake.UUID(), FirstName: person.FirstName, LastName: person.LastName, DisplayName: person.DisplayName, Type: kind}
	c.parties[p.ID] = p
	if kind == "scenario" {
		c.bot = &p
	} else {
		c.agent = &p
	}
	c.add(joinedEvent(p, ms(now)), now, false)
}

// expand fills a step text's placeholders. Callers hold mu.
func (s *State) expand(c *Chat, text string) string {
	name := ""
	if p := c.speaker(""); p != nil {
		name = p.DisplayName
	}
	r := strings.NewReplacer("{agent}", name, "{first_name}", firstName(c.Params))
	text = r.Replace(text)
	if strings.Contains(text, "{sentence}") {
		text = strings.ReplaceAll(text, "{sentence}", s.fake.Sentence(8))
	}
	return text
}
