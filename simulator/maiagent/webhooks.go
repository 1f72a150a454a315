package maiagent

import (
	"strconv"
	"time"

	"github.com/switchboard-sim/switchboard/simulator/errs"
)

// Delivery is one attempt to deliver an assistant reply to the tenant's webhook.
type Delivery struct {
	Attempt   int       `json:"attempt"`
	MessageID string    `json:"messageId"`
	URL       string    `json:"url"`
	Outcome   string    `json:"outcome"` // delivered, failed, skipped (no webhook set)
	Status    int       `json:"status,omitempty"`
	Error     string    `json:"error,omitempty"`
	At        time.Time `json:"at"`
}

// WebhookPayload is what MaiAgent posts to a webhook: the reply message,
// with created_at in epoch milliseconds as the official receiver example shows.
type WebhookPayload struct {
	Message
	CreatedAtMillis string `json:"created_at"`
}

// CreateMessage stores the contact's message (Send Message (Create)) and
// prepares the assistant's turn: its default answer and the ids of its
// reply and record. The caller makes the reply with addReply (hidden until
// PublishReply releases it), or leaves it to a scenario.
func (s *State) CreateMessage(in NewMessage) (Message, Turn, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var bad errs.Collector
	conv, ok := s.conversations[in.Conversation]
	if !ok {
		bad.Add("conversation", `Invalid pk "`+in.Conversation+`" - object does not exist.`)
	}
	checkContent(&bad, "", in.Content, in.Attachments)
	if err := bad.Err(); err != nil {
		return Message{}, Turn{}, err
	}
	bot, _ := s.chatbot(conv.chatbotID)
	history := s.incomingHistory(conv.ID)
	m := s.addMessage(conv, s.fake.UUID(), Incoming, in.Content, contactSender(conv.Contact), in.Attachments, true)
	text, source := answer(bot, history, in.Content, in.Attachments, s.seed)
	t := Turn{
		ConversationID: conv.ID, Answer: text, chatbotID: bot.ID, input: in.Content,
		replyID: s.fake.UUID(), recordID: s.fake.UUID(), source: source, started: s.now(),
	}
	t.scores = s.scores(source)
	return m.copy(), t, nil
}

// PublishReply makes a prepared reply visible and returns it with the
// webhook URL to deliver it to (empty when none is set). ok is false when
// the state was reset meanwhile.
func (s *State) PublishReply(id string) (WebhookPayload, string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m, found := s.messageByID[id]
	if s.closed || !found {
		return WebhookPayload{}, "", false
	}
	if !m.visible {
		m.visible = true
		s.touch(s.conversations[m.Conversation], m)
		s.msgIndex.add(m.seq, m.Conversation, m)
	}
	return WebhookPayload{Message: m.copy(), CreatedAtMillis: strconv.FormatInt(m.CreatedAt.UnixMilli(), 10)}, s.webhookURL, true
}

// SetWebhook sets (or, with "", clears) the tenant's webhook URL.
func (s *State) SetWebhook(url string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.webhookURL = url
}

// Webhook is the tenant's webhook URL.
func (s *State) Webhook() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.webhookURL
}

// recordDelivery appends to the bounded delivery history.
func (s *State) recordDelivery(d Delivery) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d.At = s.now()
	s.deliveries = append(s.deliveries, d)
	if len(s.deliveries) > maxDeliveries {
		s.deliveries = s.deliveries[len(s.deliveries)-maxDeliveries:]
	}
}

// Deliveries lists the delivery attempts, oldest first.
func (s *State) Deliveries() []Delivery {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Delivery{}, s.deliveries...)
}
