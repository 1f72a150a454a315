package aicc

import (
	"context"
	"net/http"
	"sync"
	"time"
)

// job is one attempt to send: a snapshot taken under the state's lock, so
// the sending goroutine shares nothing with the state.
type job struct {
	sub          Subscription
	queueKey     string
	convID       string
	pushID       string
	attempt      int
	at           time.Time
	messages     []DownLinkMsg
	redeliveryOf string
}

// result is what the receiver did with an attempt.
type result struct {
	url      string
	headers  map[string]string
	body     []byte
	status   int
	response []byte
	latency  time.Duration
	err      string
}

func (r result) ok() bool { return r.err == "" }

func (r result) attempt(s *State, j job) Attempt {
	s.attemptSeq++
	outcome := OutcomeSuccess
	if !r.ok() {
		outcome = OutcomeFailed
	}
	return Attempt{
		ID: seqID("att", s.attemptSeq), PushID: j.pushID, SubscriptionID: j.sub.ID, ConversationID: j.convID,
		Attempt: j.attempt, Time: j.at, Method: http.MethodPost, URL: r.url, RequestHeaders: r.headers,
		Body: capBytes(r.body, 64<<10), Status: r.status, ResponseBody: capBytes(r.response, 16<<10),
		LatencyMS: float64(r.latency.Microseconds()) / 1000, Outcome: outcome, Error: r.err,
		RedeliveryOf: j.redeliveryOf,
	}
}

// sender runs attempts on goroutines, at most `workers` at a time across
// every tenant. A queue has at most one attempt waiting or in flight, so
// the goroutines are bounded by the number of busy queues.
type sender struct {
	client  *http.Client
	timeout time.Duration
	slots   chan struct{}

	mu      sync.Mutex // guards stopped and wg.Add against wait
	stopped bool
	wg      sync.WaitGroup
}

func newSender(workers int, timeout time.Duration) *sender {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConnsPerHost = workers
	tr.Proxy = nil // pushes go straight to the receiver, as AICC's trustlisted address
	return &sender{
		client: &http.Client{
			Transport:     tr,
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		},
		timeout: timeout,
		slots:   make(chan struct{}, workers),
	}
}

func (d *sender) send(s *State, j job) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.stopped {
		return
	}
	d.wg.Add(1)
	go func() {
		defer d.wg.Done()
		select {
		case d.slots <- struct{}{}:
		case <-s.ctx.Done():
			return
		}
		r := d.do(s.ctx, j)
		<-d.slots
		if s.ctx.Err() == nil {
			s.finish(j, r)
		}
	}()
}

// drain waits until no attempt is waiting or in flight (each finished one
// may start its queue's next push, which is waited for too; pushes waiting
// for a retry on the virtual clock are not), or ctx ends. It returns how
// many attempts were still running then.
func (d *sender) drain(ctx context.Context) int {
	done := make(chan struct{})
	go func() { d.wg.Wait(); close(done) }()
	select {
	case <-done:
		return 0
	case <-ctx.Done():
		return len(d.slots)
	}
}

// stop refuses new attempts and waits until every attempt goroutine has
// returned (their context is already cancelled).
func (d *sender) stop() {
	d.mu.Lock()
	d.stopped = true
	d.mu.Unlock()
	d.wg.Wait()
}
