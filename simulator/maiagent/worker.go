package maiagent

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"time"
)

// DefaultWebhookTimeout bounds one delivery on the wall clock: a receiver
// that hangs must not stall the queue.
const DefaultWebhookTimeout = 5 * time.Second

// webhookAttempts is how often a failed delivery is tried.
const webhookAttempts = 3

type webhookJob struct {
	state   *State
	replyID string
}

// deliverer publishes queued assistant replies and posts them to webhooks
// from one background goroutine, in the order they were queued.
type deliverer struct {
	jobs   chan webhookJob
	client *http.Client
	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup
	once   sync.Once
	// drain, once closed, makes run deliver what is queued and return.
	drain     chan struct{}
	drainOnce sync.Once
}

func newDeliverer(timeout time.Duration) *deliverer {
	if timeout <= 0 {
		timeout = DefaultWebhookTimeout
	}
	ctx, cancel := context.WithCancel(context.Background())
	return &deliverer{jobs: make(chan webhookJob, 1024), client: &http.Client{Timeout: timeout}, ctx: ctx, cancel: cancel, drain: make(chan struct{})}
}

func (d *deliverer) start() {
	d.once.Do(func() {
		d.wg.Add(1)
		go d.run()
	})
}

func (d *deliverer) stop() {
	d.cancel()
	d.wg.Wait()
}

// enqueue queues a reply; when the queue is full the reply is published at
// once and the skipped delivery recorded.
func (d *deliverer) enqueue(j webhookJob) {
	select {
	case d.jobs <- j:
	default:
		if p, url, ok := j.state.PublishReply(j.replyID); ok {
			j.state.recordDelivery(Delivery{Attempt: 1, MessageID: p.ID, URL: url, Outcome: "failed", Error: "delivery queue full"})
		}
	}
}

func (d *deliverer) run() {
	defer d.wg.Done()
	for {
		select {
		case <-d.ctx.Done():
			return
		case j := <-d.jobs:
			d.deliver(j)
		case <-d.drain:
			for {
				select {
				case <-d.ctx.Done():
					return
				case j := <-d.jobs:
					d.deliver(j)
				default:
					return // everything queued before the drain is delivered
				}
			}
		}
	}
}

// drainFor delivers the replies queued so far (retries included), for at
// most ctx's deadline, then stops. It returns how many were still queued
// (or being delivered) when the deadline cut it short.
func (d *deliverer) drainFor(ctx context.Context) int {
	d.start() // a server stopped before it served still owes nothing, but a started queue must empty
	d.drainOnce.Do(func() { close(d.drain) })
	done := make(chan struct{})
	go func() { d.wg.Wait(); close(done) }()
	select {
	case <-done:
		return 0
	case <-ctx.Done():
		left := len(d.jobs) + 1 // the one in flight
		d.cancel()
		<-done
		return left
	}
}

func (d *deliverer) deliver(j webhookJob) {
	p, url, ok := j.state.PublishReply(j.replyID)
	if !ok {
		return
	}
	if url == "" {
		j.state.recordDelivery(Delivery{Attempt: 1, MessageID: p.ID, Outcome: "skipped", Error: "no webhook URL is set"})
		return
	}
	body, _ := json.Marshal(p)
	for attempt := 1; attempt <= webhookAttempts; attempt++ {
		status, err := d.post(url, body)
		rec := Delivery{Attempt: attempt, MessageID: p.ID, URL: url, Status: status, Outcome: "delivered"}
		if err == nil && (status < 200 || status > 299) {
			err = fmt.Errorf("receiver answered %d", status)
		}
		if err != nil {
			rec.Outcome, rec.Error = "failed", err.Error()
		}
		j.state.recordDelivery(rec)
		if err == nil {
			return
		}
		select { // back off on the wall clock; a closing server stops retrying
		case <-d.ctx.Done():
			return
		case <-time.After(time.Duration(attempt) * 200 * time.Millisecond):
		}
	}
}

func (d *deliverer) post(url string, body []byte) (int, error) {
	req, err := http.NewRequestWithContext(d.ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := d.client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	return resp.StatusCode, nil
}
