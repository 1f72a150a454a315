package aicc

import (
	"time"

	"github.com/switchboard-sim/switchboard/simulator/clock"
)

// push is one batch on its way to one subscription.
type push struct {
	id           string
	messages     []DownLinkMsg
	attempts     int
	redeliveryOf string
	queuedAt     time.Time // the virtual instant it was enqueued
}

// queue is the ordered queue of one conversation to one subscription. Only
// its head is ever in flight, so a later push never overtakes an earlier
// one: it waits until the head is delivered or dead-lettered.
type queue struct {
	key, subID, convID string
	items              []*push
	busy               bool
	timer              *clock.Timer
}

// Attempt is one try at delivering a push, as the delivery journal lists it.
type Attempt struct {
	ID             string            `json:"id"`
	PushID         string            `json:"pushId"`
	SubscriptionID string            `json:"subscriptionId"`
	ConversationID string            `json:"conversationId"`
	Attempt        int               `json:"attempt"`
	Time           time.Time         `json:"time"`
	Method         string            `json:"method"`
	URL            string            `json:"url"`
	RequestHeaders map[string]string `json:"requestHeaders"`
	Body           string            `json:"body"`
	Status         int               `json:"status"`
	ResponseBody   string            `json:"responseBody"`
	LatencyMS      float64           `json:"latencyMs"`
	Outcome        string            `json:"outcome"`
	Error          string            `json:"error,omitempty"`
	RetryAt        *time.Time        `json:"retryAt,omitempty"`
	DeadLettered   bool              `json:"deadLettered"`
	RedeliveryOf   string            `json:"redeliveryOf,omitempty"`
}

// Attempt outcomes.
const (
	OutcomeSuccess = "success"
	OutcomeFailed  = "failed"
)

// DeadLetter is a push that gave up.
type DeadLetter struct {
	PushID         string        `json:"pushId"`
	SubscriptionID string        `json:"subscriptionId"`
	ConversationID string        `json:"conversationId"`
	URL            string        `json:"url"`
	Attempts       int           `json:"attempts"`
	LastError      string        `json:"lastError"`
	Time           time.Time     `json:"time"`
	Messages       []DownLinkMsg `json:"messages"`
}

// enqueueLocked appends a push to its conversation's queue and starts the
// queue when idle. Over the pending bound the push is dead-lettered at once.
func (s *State) enqueueLocked(sub *Subscription, convID string, msgs []DownLinkMsg, redeliveryOf string) string {
	s.pushSeq++
	p := &push{id: seqID("push", s.pushSeq), messages: msgs, redeliveryOf: redeliveryOf, queuedAt: s.now()}
	if s.pending >= maxPending {
		s.deadLetterLocked(sub.ID, convID, sub.PushURL(), p, "queue-full: too many pushes pending in this tenant", s.now())
		if f := s.api.opts.OnAttempt; f != nil {
			f(0, true)
		}
		return p.id
	}
	key := sub.ID + "|" + convID
	q := s.queues[key]
	if q == nil {
		q = &queue{key: key, subID: sub.ID, convID: convID}
		s.queues[key] = q
	}
	q.items = append(q.items, p)
	s.pending++
	if !q.busy {
		s.startLocked(q, s.now())
	}
	return p.id
}

// startLocked sends the queue's head; at is the attempt's virtual time.
func (s *State) startLocked(q *queue, at time.Time) {
	sub, ok := s.subs[q.subID]
	if !ok || len(q.items) == 0 {
		return
	}
	head := q.items[0]
	head.attempts++
	q.busy = true
	q.timer = nil
	s.api.dispatch(s, job{
		sub: *sub, queueKey: q.key, convID: q.convID, pushID: head.id, attempt: head.attempts,
		at: at, messages: head.messages, redeliveryOf: head.redeliveryOf,
	})
}

// finish records an attempt's result and moves the queue on: the next push
// after a success or a dead letter, a retry on the virtual clock otherwise.
func (s *State) finish(j job, r result) {
	s.mu.Lock()
	defer s.mu.Unlock()
	q := s.queues[j.queueKey]
	if s.closed || q == nil || len(q.items) == 0 || q.items[0].id != j.pushID {
		return
	}
	head := q.items[0]
	a := r.attempt(s, j)
	switch {
	case r.ok():
		s.popLocked(q, j.at)
	case head.attempts >= s.api.opts.Attempts:
		a.DeadLettered = true
		s.deadLetterLocked(j.sub.ID, j.convID, j.sub.PushURL(), head, a.Error, j.at)
		s.popLocked(q, j.at)
	default:
		retryAt := j.at.Add(s.api.opts.Backoff << (head.attempts - 1))
		a.RetryAt = &retryAt
		key, id := q.key, head.id
		q.timer = s.clock.At(retryAt, func() { s.retry(key, id, retryAt) })
	}
	s.recordLocked(a)
	if f := s.api.opts.OnAttempt; f != nil {
		f(j.attempt, a.DeadLettered)
	}
}

func (s *State) retry(key, pushID string, at time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	q := s.queues[key]
	if s.closed || q == nil || len(q.items) == 0 || q.items[0].id != pushID {
		return
	}
	s.startLocked(q, at)
}

// popLocked drops the head and starts the next push, or the queue itself.
// An attempt takes no virtual time, so the next push goes at the finished
// attempt's instant (or when it was enqueued, if later), never at whatever
// the clock reads when the HTTP round trip happens to end: the same
// requests and clock moves then give byte-identical pushes.
func (s *State) popLocked(q *queue, after time.Time) {
	q.items[0] = nil
	q.items = q.items[1:]
	s.pending--
	q.busy = false
	if len(q.items) == 0 {
		delete(s.queues, q.key)
		return
	}
	at := after
	if q.items[0].queuedAt.After(at) {
		at = q.items[0].queuedAt
	}
	s.startLocked(q, at)
}

func (s *State) deadLetterLocked(subID, convID, url string, p *push, reason string, at time.Time) {
	s.dead = append(s.dead, DeadLetter{
		PushID: p.id, SubscriptionID: subID, ConversationID: convID, URL: url,
		Attempts: p.attempts, LastError: reason, Time: at, Messages: p.messages,
	})
	if n := len(s.dead); n > maxDeadLetters+maxDeadLetters/4 {
		s.dead = append([]DeadLetter(nil), s.dead[n-maxDeadLetters:]...)
	}
}

func (s *State) recordLocked(a Attempt) {
	s.attempts = append(s.attempts, a)
	if n := len(s.attempts); n > maxAttempts+maxAttempts/4 { // trim in chunks, not on every append
		s.attempts = append([]Attempt(nil), s.attempts[n-maxAttempts:]...)
	}
}
