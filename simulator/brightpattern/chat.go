package brightpattern

import (
	"time"

	"github.com/switchboard-sim/switchboard/simulator/clock"
)

// Party is one side of a chat other than the customer: an agent (internal)
// or a bot (scenario).
type Party struct {
	ID          string `json:"party_id"`
	FirstName   string `json:"first_name"`
	LastName    string `json:"last_name"`
	DisplayName string `json:"display_name"`
	Type        string `json:"type"`
}

// record is one event of a chat's log, client or server.
type record struct {
	at     time.Time
	seq    int
	ev     Event
	client bool
}

// Chat is one chat session. The State's mutex guards every field.
type Chat struct {
	ID        string
	AppID     string
	ClientKey string
	Channel   string // web or sms
	State     string
	Params    map[string]any
	Phone     string
	Created   time.Time
	// Credential is the tenant credential the chat was requested with, so a
	// download that names no tenant can be authorised as the chat's own.
	Credential string

	ended    bool
	scripted bool             // a scenario plays the agent; the default flow stays out
	parties  map[string]Party // everyone who ever joined, by party id
	agent    *Party
	bot      *Party
	log      []record
	queue    []Event // server events not yet delivered by a poll
	served   int     // server events so far
	handed   int     // server events handed over by a poll or a Send Events answer
	polling  bool
	wake     chan struct{}
	msgSeq   int
	forms    map[string]string // form_request_id -> form_name

	steps     []Step
	stepTimer *clock.Timer
	warnTimer *clock.Timer
	idleTimer *clock.Timer
	idleGen   int
	waitTimer *clock.Timer // no agent: the growing-ewt ticker
	callTimer *clock.Timer
	inCall    bool
	ewt       int
	queuedAt  time.Time
	waiting   bool // queued with no agent available
	hist      []record
}

func newChat(id, appID, clientKey, channel string, now time.Time) *Chat {
	return &Chat{
		ID: id, AppID: appID, ClientKey: clientKey, Channel: channel, State: "queued", Created: now,
		parties: map[string]Party{}, forms: map[string]string{},
	}
}

// add appends an event to the log; server events also join the poll's
// queue and wake a held poll.
func (c *Chat) add(ev Event, at time.Time, client bool) {
	c.log = append(c.log, record{at: at, seq: len(c.log), ev: ev, client: client})
	c.keepHistory(c.log[len(c.log)-1])
	if client {
		return
	}
	c.served++
	c.queue = append(c.queue, ev)
	if c.wake != nil {
		select {
		case c.wake <- struct{}{}:
		default:
		}
	}
}

// take is a poll's share: every server event the poll has not delivered
// yet, which then counts as delivered. Only a poll takes: real clients
// ignore Send Events answers (reference 8.2), so the poll alone must carry
// every event, exactly once.
func (c *Chat) take() []Event {
	out := c.queue
	c.queue = nil
	c.handed = c.served
	if out == nil {
		out = []Event{}
	}
	return out
}

// answer is a Send Events answer's share: the server events neither a
// poll nor an earlier answer has handed over yet. They stay queued, so the
// next poll delivers them too.
func (c *Chat) answer() []Event {
	n := c.served - c.handed // never more than len(c.queue): take resets handed
	c.handed = c.served
	return append([]Event{}, c.queue[len(c.queue)-n:]...)
}

// nextMsgID is the server side's message id: "<chatId>:<n>".
func (c *Chat) nextMsgID() string {
	c.msgSeq++
	return c.ID + ":" + itoa(c.msgSeq)
}

// speaker is the party that acts for a step: the agent, else the bot.
func (c *Chat) speaker(party string) *Party {
	if party == "bot" {
		return c.bot
	}
	if c.agent != nil {
		return c.agent
	}
	return c.bot
}

// stopTimers cancels everything the chat has scheduled.
func (c *Chat) stopTimers(clk *clock.Clock) {
	for _, t := range []*clock.Timer{c.stepTimer, c.warnTimer, c.idleTimer, c.waitTimer, c.callTimer} {
		clk.Stop(t)
	}
	c.stepTimer, c.warnTimer, c.idleTimer, c.waitTimer, c.callTimer = nil, nil, nil, nil, nil
	c.steps = nil
}
