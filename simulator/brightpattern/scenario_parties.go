package brightpattern

import (
	"strings"
	"time"

	"github.com/switchboard-sim/switchboard/scenarios"
)

// defaultFormTimeout is a scenario form's timeout when it names none.
const defaultFormTimeout = 2 * time.Minute

// person is who joins for an agentJoins, botJoins or transfers action: the
// names it gives, filling the rest from the next fixture agent (or the
// fixture bot). Callers hold mu.
func (s *State) person(act scenarios.Action, party string) *Person {
	p := s.fx.Bot
	if party != "bot" {
		p = s.fx.Agents[s.agentSeq%len(s.fx.Agents)]
		s.agentSeq++
	}
	first, last := act.String("firstName", ""), act.String("lastName", "")
	if first != "" || last != "" {
		p.FirstName, p.LastName = first, last
		p.DisplayName = strings.TrimSpace(first + " " + last)
	}
	p.DisplayName = act.String("displayName", p.DisplayName)
	return &p
}

// joinAs brings a party into the chat, connecting it first when needed.
// Callers hold mu.
func (s *State) joinAs(c *Chat, party string, who *Person) {
	now := s.now()
	if c.State != "connected" {
		c.State, c.waiting = "connected", false
		s.clock.Stop(c.waitTimer)
		c.waitTimer = nil
		c.add(statusEvent("connected", 0), now, false)
	}
	kind := "internal"
	if party == "bot" {
		kind = "scenario"
	}
	p := Party{ID: s.fake.UUID(), FirstName: who.FirstName, LastName: who.LastName, DisplayName: who.DisplayName, Type: kind}
	c.parties[p.ID] = p
	if kind == "scenario" {
		c.bot = &p
	} else {
		c.agent = &p
	}
	c.add(joinedEvent(p, ms(now)), now, false)
}

// leaveAll makes the agent and the bot leave the chat. Callers hold mu.
func (s *State) leaveAll(c *Chat) {
	now := s.now()
	for _, p := range []*Party{c.bot, c.agent} {
		if p != nil {
			c.add(leftEvent(p.ID, ms(now)), now, false)
		}
	}
	c.bot, c.agent = nil, nil
}

// actor is the party an action speaks for: the one its `party` names, or
// the agent and else the bot when it names none. When nobody is there yet
// the party joins first, as on the real service where only a party in the
// chat can write to it. Callers hold mu.
func (s *State) actor(c *Chat, act scenarios.Action) *Party {
	party := act.String("party", "")
	var p *Party
	switch party {
	case "bot":
		p = c.bot
	case "agent":
		p = c.agent
	default:
		p, party = c.speaker(""), "agent"
	}
	if p == nil {
		s.joinAs(c, party, s.person(scenarios.Action{}, party))
		p = c.speaker(party)
	}
	return p
}
