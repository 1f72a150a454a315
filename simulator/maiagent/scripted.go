package maiagent

import (
	"fmt"
	"sort"
	"time"
)

// fromScenario marks a reply a scenario scripted.
const fromScenario = "scenario"

// maxChunkDelay bounds a scenario's wall-clock pause between streamed
// chunks, so a mistyped tokenDelay cannot hang a client.
const maxChunkDelay = 2 * time.Second

// Pacing is how a streamed answer is cut and paced: TokensPerChunk tokens
// per event, TokenDelay (wall clock) between events.
type Pacing struct {
	TokenDelay     time.Duration
	TokensPerChunk int
}

// await is the message being handled, waiting for the scenario's answer
// while its triggers run.
type await struct {
	turn     Turn
	answered bool
	text     string
}

// expectAnswer registers turn as the message of its conversation waiting
// for a scripted answer, before the message's triggers are emitted.
func (s *State) expectAnswer(t Turn) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.awaiting[t.ConversationID] = &await{turn: t}
}

// takeAnswer ends the wait of conversation conv and returns the scripted
// answer if the scenario gave one in the meantime. With deferring, an
// unanswered Send Message (Create) joins the conversation's queue: the
// scenario matched it, so its reply is made when the scenario answers.
func (s *State) takeAnswer(conv string, deferring bool) (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	w := s.awaiting[conv]
	delete(s.awaiting, conv)
	switch {
	case w == nil:
		return "", false
	case w.answered:
		return w.text, true
	case deferring:
		s.deferred[conv] = append(s.deferred[conv], w.turn)
	}
	return "", false
}

// scriptAnswer performs a scenario's answer in conversation conv. The
// message being handled takes it as its reply (replyID empty: its handler
// makes the reply); else the oldest deferred message gets its reply now;
// else the answer is a follow-up assistant message. A non-empty replyID is
// a hidden reply for the webhook deliverer to publish.
func (s *State) scriptAnswer(conv, text string) (replyID string, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.conversations[conv]
	if !ok || s.closed {
		return "", errNoConversation(conv)
	}
	if w := s.awaiting[conv]; w != nil && !w.answered {
		w.answered, w.text = true, text
		return "", nil
	}
	if q := s.deferred[conv]; len(q) > 0 {
		t := q[0]
		if s.deferred[conv] = q[1:]; len(q) == 1 {
			delete(s.deferred, conv)
		}
		t.source = fromScenario
		return s.addReplyLocked(t, text), nil
	}
	bot, _ := s.chatbot(c.chatbotID)
	return s.addMessage(c, s.fake.UUID(), Outgoing, text, botSender(bot), nil, false).ID, nil
}

// addReplyLocked stores turn's reply (hidden until published) and its
// record. Callers hold mu.
func (s *State) addReplyLocked(t Turn, text string) string {
	conv := s.conversations[t.ConversationID]
	bot, _ := s.chatbot(t.chatbotID)
	reply := s.addMessage(conv, t.replyID, Outgoing, text, botSender(bot), nil, false)
	t.Answer = text
	s.addRecord(t, text, len(tokens(text)))
	return reply.ID
}

// addReply is addReplyLocked for handlers.
func (s *State) addReply(t Turn, text string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return ""
	}
	return s.addReplyLocked(t, text)
}

// conversationIDs lists every conversation, oldest first (for tenant-wide actions).
func (s *State) conversationIDs() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]string, 0, len(s.conversations))
	for _, c := range s.conversations {
		out = append(out, c.ID)
	}
	sort.Slice(out, func(i, j int) bool { return s.conversations[out[i]].seq < s.conversations[out[j]].seq })
	return out
}

// setPacing sets how answers in conv (or, with "", in every conversation) stream.
func (s *State) setPacing(conv string, p Pacing) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.conversations[conv]; conv != "" && !ok {
		return errNoConversation(conv)
	}
	s.pacing[conv] = p
	return nil
}

// pacingOf is conv's pacing, else the tenant's, else one token per event.
func (s *State) pacingOf(conv string) (Pacing, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if p, ok := s.pacing[conv]; ok {
		return p, true
	}
	p, ok := s.pacing[""]
	return p, ok
}

// chunks groups toks n at a time (n < 1 means one each).
func chunks(toks []string, n int) []string {
	if n <= 1 {
		return toks
	}
	var out []string
	for i := 0; i < len(toks); i += n {
		j := min(i+n, len(toks))
		var b []byte
		for _, t := range toks[i:j] {
			b = append(b, t...)
		}
		out = append(out, string(b))
	}
	return out
}

// errNoConversation is a scenario action's error for a conversation that is gone.
func errNoConversation(conv string) error {
	return fmt.Errorf("no conversation %q (the tenant was reset, or the scenario answered an unknown session)", conv)
}
