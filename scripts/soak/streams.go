package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// streams are the long-lived clients held open beside the mixed load: Bright
// Pattern chats long-polling for events and MaiAgent streaming completions.
// Each client re-opens its request as soon as the previous one ends, so the
// number held open at once stays at the count asked for.
type streams struct {
	polls, pollErrs     atomic.Int64
	sse, sseErrs        atomic.Int64
	openPolls, openSSEs atomic.Int64
	firstErr            atomic.Value // string
	wg                  sync.WaitGroup
}

func (s *streams) fail(n *atomic.Int64, what string) {
	n.Add(1)
	s.firstErr.CompareAndSwap(nil, what)
}

// longPoll keeps one Bright Pattern chat polling for events until ctx ends.
func (s *streams) longPoll(ctx context.Context, client *http.Client, target, chat string, i int) {
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		for ctx.Err() == nil {
			req, _ := http.NewRequestWithContext(ctx, "GET", target+"/brightpattern/clientweb/api/v1/chats/"+chat+"/events?tenantUrl=demo.brightpattern.com", nil)
			req.Header.Set("Authorization", fmt.Sprintf(bpAuth, fmt.Sprintf("soak-poller-%d", i)))
			s.openPolls.Add(1)
			resp, err := client.Do(req)
			if err == nil {
				_, err = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
			}
			s.openPolls.Add(-1)
			switch {
			case ctx.Err() != nil: // the run ended while this poll was open
			case err != nil:
				s.fail(&s.pollErrs, "long-poll: "+err.Error())
			case resp.StatusCode != 200:
				s.fail(&s.pollErrs, fmt.Sprintf("long-poll: status %d", resp.StatusCode))
			default:
				s.polls.Add(1)
			}
		}
	}()
}

// sseStream keeps one MaiAgent streaming completion open until ctx ends,
// in one conversation per client so the run adds messages, not conversations.
func (s *streams) sseStream(ctx context.Context, client *http.Client, target string, i int) {
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		conv := "null"
		for ctx.Err() == nil {
			body := `{"message":{"content":"What are your opening hours?","attachments":[]},"conversation":` + conv + `,"is_streaming":true}`
			req, _ := http.NewRequestWithContext(ctx, "POST", target+"/maiagent/api/v1/chatbots/"+maiBot+"/completions/", strings.NewReader(body))
			req.Header.Set("Authorization", fmt.Sprintf("Api-Key soak-sse-%d", i%50))
			req.Header.Set("Content-Type", "application/json")
			s.openSSEs.Add(1)
			resp, err := client.Do(req)
			var events int
			if err == nil {
				events, conv, err = readSSE(resp.Body, conv)
				resp.Body.Close()
			}
			s.openSSEs.Add(-1)
			switch {
			case ctx.Err() != nil:
			case err != nil:
				s.fail(&s.sseErrs, "sse: "+err.Error())
			case resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/event-stream"):
				s.fail(&s.sseErrs, fmt.Sprintf("sse: status %d %s", resp.StatusCode, resp.Header.Get("Content-Type")))
			case events == 0:
				s.fail(&s.sseErrs, "sse: a stream with no events")
			default:
				s.sse.Add(1)
			}
		}
	}()
}

const maiBot = "6b0f6a44-3c1e-4a7b-9d2e-1f5c8a9b0c01"

// readSSE reads a stream to its end, counting events and picking up the
// conversation id for the next request.
func readSSE(r io.Reader, conv string) (int, string, error) {
	sc := bufio.NewScanner(r)
	n := 0
	for sc.Scan() {
		line, ok := strings.CutPrefix(sc.Text(), "data: ")
		if !ok {
			continue
		}
		n++
		if conv == "null" {
			var v struct {
				ConversationID string `json:"conversationId"`
			}
			if json.Unmarshal([]byte(line), &v) == nil && v.ConversationID != "" {
				conv = `"` + v.ConversationID + `"`
			}
		}
	}
	return n, conv, sc.Err()
}

// holdFor waits until want clients of a kind are open at once, or the limit passes.
func holdFor(open *atomic.Int64, want int, limit time.Duration) int {
	end := time.Now().Add(limit)
	for open.Load() < int64(want) && time.Now().Before(end) {
		time.Sleep(50 * time.Millisecond)
	}
	return int(open.Load())
}
