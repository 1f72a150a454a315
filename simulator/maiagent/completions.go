package maiagent

import (
	"fmt"
	"slices"
	"time"

	"github.com/switchboard-sim/switchboard/simulator/errs"
)

// CompletionRequest is Send Message (Stream)'s body, decoded.
type CompletionRequest struct {
	ChatbotID    string
	Conversation string // empty: create a conversation
	Content      string
	Attachments  []AttachmentRef
	Sender       string // a contact id, optional
}

// Turn is a started completion: the conversation it belongs to and the
// whole answer, which the caller streams or sends at once and then passes
// to FinishCompletion with what it actually produced.
type Turn struct {
	ConversationID string
	Answer         string
	Tokens         []string

	chatbotID, input, replyID, recordID, source string
	scores                                      Scores
	started                                     time.Time
	created                                     bool // the turn opened its conversation
}

// StartCompletion validates the request, creates the conversation when
// needed, stores the contact's message and decides the answer. Nothing is
// stored when the request is invalid.
func (s *State) StartCompletion(req CompletionRequest) (Turn, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	bot, ok := s.chatbot(req.ChatbotID)
	if !ok {
		return Turn{}, errs.NotFoundf("Not found.")
	}
	var bad errs.Collector
	var conv *Conversation
	if req.Conversation != "" {
		if conv, ok = s.conversations[req.Conversation]; !ok {
			bad.Add("conversation", `Invalid pk "`+req.Conversation+`" - object does not exist.`)
		}
	}
	var contact *Contact
	if req.Sender != "" {
		if contact, ok = s.contacts[req.Sender]; !ok {
			bad.Add("message.sender", `Invalid pk "`+req.Sender+`" - object does not exist.`)
		}
	}
	checkContent(&bad, "message.", req.Content, req.Attachments)
	if err := bad.Err(); err != nil {
		return Turn{}, err
	}
	created := conv == nil
	if created {
		conv = s.newConversation(bot, &bot.WebChats[0], contact)
	}
	history := s.incomingHistory(conv.ID)
	sender := contactSender(conv.Contact)
	if contact != nil {
		sender = contactSender(*contact)
	}
	s.addMessage(conv, s.fake.UUID(), Incoming, req.Content, sender, req.Attachments, true)
	text, source := answer(bot, history, req.Content, req.Attachments, s.seed)
	return Turn{
		ConversationID: conv.ID, Answer: text, Tokens: tokens(text),
		chatbotID: bot.ID, input: req.Content, replyID: s.fake.UUID(), recordID: s.fake.UUID(),
		source: source, scores: s.scores(source), started: s.now(), created: created,
	}, nil
}

// FinishCompletion stores the assistant's reply and the record with what
// was produced: the whole answer, or the part streamed before the client left.
func (s *State) FinishCompletion(t Turn, produced string, tokensSent int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	conv, ok := s.conversations[t.ConversationID]
	if !ok || s.closed {
		return
	}
	bot, _ := s.chatbot(t.chatbotID)
	s.addMessage(conv, t.replyID, Outgoing, produced, botSender(bot), nil, true)
	s.addRecord(t, produced, tokensSent)
}

// checkContent applies DRF's blank rule and the seed's attachment rules.
func checkContent(bad *errs.Collector, prefix, content string, atts []AttachmentRef) {
	if content == "" && len(atts) == 0 {
		bad.Add(prefix+"content", "This field may not be blank.")
	}
	for i, a := range atts {
		switch a.Type {
		case "video", "sticker":
			bad.Add(fmt.Sprintf("%sattachments.%d.type", prefix, i), `"`+a.Type+`" is not yet supported.`)
		case "image", "audio", "other":
		default:
			bad.Add(fmt.Sprintf("%sattachments.%d.type", prefix, i), `"`+a.Type+`" is not a valid choice.`)
		}
	}
}

// incomingHistory is the contact's earlier messages in a conversation,
// oldest first. Callers hold mu.
func (s *State) incomingHistory(convID string) []string {
	var out []string
	if set := s.msgIndex.set(convID); set != nil { // incoming messages are visible from the start
		set.AscendFrom(0, func(seq int64) bool { // newest first
			if m := s.msgIndex.bySeq[seq]; m.Type == Incoming {
				out = append(out, m.Content)
			}
			return true
		})
	}
	slices.Reverse(out)
	return out
}

func contactSender(c Contact) Sender { return Sender{ID: c.ID, Name: c.Name, Avatar: c.Avatar} }

func botSender(b *chatbotFx) Sender {
	if b == nil {
		return Sender{}
	}
	return Sender{ID: b.ID, Name: b.Name}
}
