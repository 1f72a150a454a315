package brightpattern

// Texts the server sends on customer inactivity.
const (
	warningText = "Are you still there? This chat will close soon if there is no activity."
	timeoutText = "This chat has been closed because of inactivity."
)

// waitForAgent keeps a chat queued while no agent is free: every ewtStep a
// new queued status with a growing ewt, and after queueTimeout the chat
// fails. When an agent becomes free the flow starts. Callers hold mu.
func (s *State) waitForAgent(c *Chat) {
	app := s.fx.app(c.AppID)
	c.waiting = true
	step := app.EWTStep.D()
	if step <= 0 {
		step = app.QueueTimeout.D()
	}
	id := c.ID
	c.waitTimer = s.clock.After(step, func() { s.queueTick(id) })
}

func (s *State) queueTick(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.chats[id]
	if !ok || c.ended || s.closed || !c.waiting || c.waitTimer == nil {
		return
	}
	c.waitTimer = nil
	app := s.fx.app(c.AppID)
	if s.agentsFree(app) && s.sw.AutoAgent {
		c.waiting = false
		s.startAgent(c)
		return
	}
	now := s.now()
	if now.Sub(c.queuedAt) >= app.QueueTimeout.D() {
		s.finish(c, "failed", statusEvent("failed", 0))
		return
	}
	c.ewt += int(app.EWTStep.D().Seconds())
	c.add(statusEvent("queued", c.ewt), now, false)
	s.waitForAgent(c)
}

// armInactivity (re)starts the customer-inactivity timers: a warning at half
// the app's timeout and the end of the chat at the full timeout. Callers hold mu.
func (s *State) armInactivity(c *Chat) {
	s.clock.Stop(c.warnTimer)
	s.clock.Stop(c.idleTimer)
	full := s.fx.app(c.AppID).InactivityTimeout.D()
	c.idleGen++
	id, gen := c.ID, c.idleGen
	c.warnTimer = s.clock.After(full/2, func() { s.inactivity(id, gen, false) })
	c.idleTimer = s.clock.After(full, func() { s.inactivity(id, gen, true) })
}

// inactivity is an inactivity timer of generation gen; a re-armed chat
// ignores the older generation's timers.
func (s *State) inactivity(id string, gen int, final bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.chats[id]
	if !ok || c.ended || s.closed || c.idleGen != gen {
		return
	}
	now := s.now()
	if !final {
		if c.warnTimer == nil {
			return
		}
		c.warnTimer = nil
		c.add(textEvent(EvTimeoutWarning, warningText, ms(now)), now, false)
		return
	}
	if c.idleTimer == nil {
		return
	}
	c.idleTimer = nil
	s.finish(c, "completed", textEvent(EvInactivityTimeout, timeoutText, ms(now)))
}
