// Command soak drives a running Switchboard with a mix of all five APIs,
// first alone, then beside thousands of open Bright Pattern long-polls and
// MaiAgent SSE streams, and reports throughput, latency percentiles (with and
// without the streams), errors, 5xx, RSS and goroutines per open stream. Loopback only;
// every loop is bounded by -duration. scripts/soak.sh builds and runs it.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

type call struct {
	api, method, path, body string
	header                  map[string]string
}

const bpAuth = `MOBILE-API-140-327-PLAIN appId="SwitchboardWebChat", clientId="%s"`

func mix() []call {
	lp := map[string]string{"Authorization": "Bearer soak"}
	rt := map[string]string{"Authorization": "Bearer soak", "Content-Type": "application/json"}
	ma := map[string]string{"Authorization": "Api-Key soak"}
	bp := map[string]string{"Authorization": fmt.Sprintf(bpAuth, "soak-mix")}
	bpq := "?tenantUrl=" + url.QueryEscape("demo.brightpattern.com")
	return []call{
		{"llamadapro", "GET", "/llamadapro/api/v1/tasks/task_123", "", lp},
		{"llamadapro", "GET", "/llamadapro/api/v1/tasks/task_123", "", lp},
		{"llamadapro", "GET", "/llamadapro/api/v1/tasks?limit=20", "", lp},
		{"llamadapro", "PUT", "/llamadapro/api/v1/tasks/task_123", `{"objective":"soak"}`, map[string]string{"Authorization": "Bearer soak", "Content-Type": "application/json"}},
		{"llamadapro", "GET", "/llamadapro/api/v1/contacts?pageSize=10", "", lp},
		{"ringotel", "POST", "/ringotel/api", `{"method":"getChatUsers","params":{"orgid":"17076444409917912922"}}`, rt},
		{"brightpattern", "GET", "/brightpattern/clientweb/api/v1/availability" + bpq, "", bp},
		{"brightpattern", "GET", "/brightpattern/clientweb/api/v1/parameters" + bpq, "", bp},
		{"maiagent", "GET", "/maiagent/api/v1/conversations/?pageSize=10", "", ma},
		{"maiagent", "GET", "/maiagent/api/v1/inboxes/", "", ma},
		{"aicc", "POST", "/aicc/apiaccess/ccmessaging/send", `{"channel":"WEB","controlType":"INPUT","mediaType":"TEXT","content":"typing","from":"44444444","to":"202105284494222653","sourceType":"CUSTOMER"}`, map[string]string{"Authorization": "Bearer soak", "x-app-key": "soak", "Content-Type": "application/json"}},
	}
}

type stats struct {
	mu        sync.Mutex
	latencies []time.Duration
	byAPI     map[string]int
	byStatus  map[string]int
	errors    int
	fiveXX    int
}

func (s *stats) add(api string, d time.Duration, status int, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.latencies = append(s.latencies, d)
	s.byAPI[api]++
	if s.byStatus == nil {
		s.byStatus = map[string]int{}
	}
	s.byStatus[fmt.Sprintf("%s %d", api, status)]++
	switch {
	case err != nil:
		s.errors++
	case status >= 500:
		s.fiveXX++
	}
}

func main() {
	target := flag.String("target", "http://127.0.0.1:18300", "Switchboard base URL (loopback only)")
	duration := flag.Duration("duration", 60*time.Second, "how long the mixed load runs beside the streams")
	base := flag.Duration("base", 20*time.Second, "how long the mixed load runs alone first, for its p99 without streams")
	conns := flag.Int("conns", 50, "concurrent request loops")
	polls := flag.Int("polls", 10000, "Bright Pattern chats long-polling at once")
	sse := flag.Int("sse", 2000, "MaiAgent streaming completions open at once")
	pid := flag.Int("pid", 0, "server pid, for RSS")
	flag.Parse()
	if u, err := url.Parse(*target); err != nil || !(strings.HasPrefix(u.Host, "127.") || strings.HasPrefix(u.Host, "localhost") || strings.HasPrefix(u.Host, "[::1]")) {
		fmt.Fprintln(os.Stderr, "soak: -target must be a loopback address")
		os.Exit(2)
	}
	// One connection per client at most: a client that re-opens its request
	// before its last connection is back in the idle pool would otherwise
	// dial another, and the idle pool would hold the spares until the soak
	// runs out of file descriptors.
	all := *conns + *polls + *sse + 10
	tr := &http.Transport{MaxIdleConns: all, MaxIdleConnsPerHost: all, MaxConnsPerHost: all}
	client := &http.Client{Transport: tr, Timeout: 60 * time.Second}

	// The AICC calls type into an open conversation: open it once.
	connect, _ := http.NewRequest("POST", *target+"/aicc/apiaccess/ccmessaging/send", strings.NewReader(`{"channel":"WEB","controlType":"CONNECT","mediaType":"TEXT","content":"hi","from":"44444444","to":"202105284494222653","sourceType":"CUSTOMER"}`))
	connect.Header.Set("Authorization", "Bearer soak")
	connect.Header.Set("x-app-key", "soak")
	connect.Header.Set("Content-Type", "application/json")
	if resp, err := client.Do(connect); err == nil {
		resp.Body.Close()
	}
	samples := sampleRSS(*pid)

	// The mix alone first: its p99 without streams, and the baselines.
	g0 := goroutines(client, *target)
	runMix(client, *target, *conns, 5*time.Second, &stats{byAPI: map[string]int{}})
	alone := &stats{byAPI: map[string]int{}}
	aloneStart := time.Now()
	runMix(client, *target, *conns, *base, alone)
	aloneElapsed := time.Since(aloneStart)
	rssBase := rss(*pid)
	heapBase := heapInuse(client, *target)

	// Then the streams: opened, held, and only then the mix again.
	chats := openChats(client, *target, *polls)
	ctx, cancel := context.WithCancel(context.Background())
	s := &streams{}
	for i, chat := range chats {
		s.longPoll(ctx, client, *target, chat, i)
	}
	for i := 0; i < *sse; i++ {
		s.sseStream(ctx, client, *target, i)
	}
	heldPolls := holdFor(&s.openPolls, len(chats), 60*time.Second)
	heldSSE := holdFor(&s.openSSEs, *sse, 60*time.Second)
	time.Sleep(2 * time.Second)
	gStreams := goroutines(client, *target)
	runMix(client, *target, *conns, 10*time.Second, &stats{byAPI: map[string]int{}})
	rss0 := samples.peakSince(5 * time.Second)
	st := &stats{byAPI: map[string]int{}}
	minPolls, minSSE := watchMin(&s.openPolls), watchMin(&s.openSSEs)
	start := time.Now()
	runMix(client, *target, *conns, *duration, st)
	elapsed := time.Since(start)
	lowPolls, lowSSE := minPolls(), minSSE()
	gPeak := goroutines(client, *target)
	rss1 := samples.peakSince(10 * time.Second)
	cancel()
	s.wg.Wait()
	tr.CloseIdleConnections()

	// Goroutines and RSS back to baseline once the clients are gone (bounded wait).
	gAfter := goroutines(client, *target)
	for end := time.Now().Add(15 * time.Second); gAfter > g0+5 && time.Now().Before(end); {
		time.Sleep(200 * time.Millisecond)
		tr.CloseIdleConnections()
		gAfter = goroutines(client, *target)
	}
	rssAfter := rss(*pid)
	for end := time.Now().Add(30 * time.Second); rssAfter > rssBase*11/10 && time.Now().Before(end); {
		time.Sleep(time.Second)
		rssAfter = rss(*pid)
	}
	heapAfter := heapInuse(client, *target)
	// What the streams' clients left is state (chats, conversations, tasks):
	// a reset drops it, and then RSS shows whether anything else was kept.
	if resp, err := client.Post(*target+"/__admin/reset", "application/json", nil); err == nil {
		resp.Body.Close()
	}
	rssReset := rss(*pid)
	for end := time.Now().Add(30 * time.Second); rssReset > rssBase*11/10 && time.Now().Before(end); {
		time.Sleep(time.Second)
		rssReset = rss(*pid)
	}
	heapReset := heapInuse(client, *target)
	samples.stop()

	report("mixed load alone", alone, aloneElapsed, *conns)
	report("mixed load beside the streams", st, elapsed, *conns)
	fmt.Printf("long-polls: %d chats, %d held open at once (fewest during the run %d), %d polls answered, %d errors\n", len(chats), heldPolls, lowPolls, s.polls.Load(), s.pollErrs.Load())
	fmt.Printf("SSE streams: %d held open at once (fewest during the run %d), %d streams completed, %d errors\n", heldSSE, lowSSE, s.sse.Load(), s.sseErrs.Load())
	if e, ok := s.firstErr.Load().(string); ok {
		fmt.Printf("  first stream error: %s\n", e)
	}
	if *pid > 0 {
		fmt.Printf("RSS: %d MB after the mix alone; with the streams %d MB at the end of warm-up, %d MB at the end (peak of 1 s samples); %d MB after the clients closed\n",
			rssBase>>10, rss0>>10, rss1>>10, rssAfter>>10)
		fmt.Printf("RSS after a reset of all tenants (the clients' chats, conversations and tasks dropped): %d MB\n", rssReset>>10)
	}
	fmt.Printf("Go heap in use: %d MB after the mix alone, %d MB after the clients closed, %d MB after the reset\n", heapBase>>20, heapAfter>>20, heapReset>>20)
	open := heldPolls + heldSSE
	fmt.Printf("goroutines: %d before, %d with %d streams open (%.2f per open stream), %d under load, %d after the clients closed\n",
		g0, gStreams, open, float64(gStreams-g0)/float64(max(open, 1)), gPeak, gAfter)
	if st.fiveXX > 0 || st.errors > 0 || alone.fiveXX > 0 || alone.errors > 0 || s.pollErrs.Load() > 0 || s.sseErrs.Load() > 0 {
		os.Exit(1)
	}
}

func report(name string, st *stats, elapsed time.Duration, conns int) {
	sort.Slice(st.latencies, func(i, j int) bool { return st.latencies[i] < st.latencies[j] })
	if len(st.latencies) == 0 {
		fmt.Printf("%s: no requests\n", name)
		return
	}
	pct := func(p float64) time.Duration { return st.latencies[int(float64(len(st.latencies)-1)*p)] }
	fmt.Printf("%s: %d requests in %s over %d connections = %.0f req/s\n", name, len(st.latencies), elapsed.Round(time.Millisecond), conns, float64(len(st.latencies))/elapsed.Seconds())
	fmt.Printf("  per API: %v\n", st.byAPI)
	fmt.Printf("  latency p50 %s  p99 %s  max %s\n", pct(0.50), pct(0.99), st.latencies[len(st.latencies)-1])
	fmt.Printf("  transport errors %d  5xx %d\n", st.errors, st.fiveXX)
	for k := range st.byStatus {
		if !strings.HasSuffix(k, " 200") {
			fmt.Printf("  note: %q is not a 200; check the mix\n", k)
		}
	}
}

// watchMin samples n every 500 ms until the returned func is called, which
// returns the smallest value seen.
func watchMin(n *atomic.Int64) func() int {
	low := n.Load()
	done := make(chan struct{})
	var mu sync.Mutex
	go func() {
		t := time.NewTicker(500 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				mu.Lock()
				low = min(low, n.Load())
				mu.Unlock()
			}
		}
	}()
	return func() int {
		close(done)
		mu.Lock()
		defer mu.Unlock()
		return int(low)
	}
}

func runMix(client *http.Client, target string, conns int, d time.Duration, st *stats) {
	calls := mix()
	deadline := time.Now().Add(d)
	var wg sync.WaitGroup
	for w := 0; w < conns; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; time.Now().Before(deadline); i++ {
				c := calls[i%len(calls)]
				req, _ := http.NewRequest(c.method, target+c.path, bytes.NewBufferString(c.body))
				for k, v := range c.header {
					req.Header.Set(k, v)
				}
				t0 := time.Now()
				resp, err := client.Do(req)
				status := 0
				if err == nil {
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					status = resp.StatusCode
				}
				st.add(c.api, time.Since(t0), status, err)
			}
		}()
	}
	wg.Wait()
}

func openChats(client *http.Client, target string, n int) []string {
	var out []string
	for i := 0; i < n; i++ {
		req, _ := http.NewRequest("POST", target+"/brightpattern/clientweb/api/v1/chats?tenantUrl=demo.brightpattern.com", strings.NewReader(`{"phone_number":"","from":"","parameters":{}}`))
		req.Header.Set("Authorization", fmt.Sprintf(bpAuth, fmt.Sprintf("soak-poller-%d", i)))
		req.Header.Set("Content-Type", "application/json")
		resp, err := client.Do(req)
		if err != nil {
			continue
		}
		var v struct {
			ChatID string `json:"chat_id"`
		}
		json.NewDecoder(resp.Body).Decode(&v)
		resp.Body.Close()
		if v.ChatID != "" {
			out = append(out, v.ChatID)
		}
	}
	return out
}

func goroutines(client *http.Client, target string) int {
	resp, err := client.Get(target + "/__admin/health")
	if err != nil {
		return -1
	}
	defer resp.Body.Close()
	var h struct {
		Goroutines int `json:"goroutines"`
	}
	json.NewDecoder(resp.Body).Decode(&h)
	return h.Goroutines
}

// heapInuse is the server's go_memstats_heap_inuse_bytes, from its metrics.
func heapInuse(client *http.Client, target string) int {
	resp, err := client.Get(target + "/__admin/metrics")
	if err != nil {
		return -1
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "go_memstats_heap_inuse_bytes "); ok {
			f, _ := strconv.ParseFloat(strings.TrimSpace(v), 64)
			return int(f)
		}
	}
	return -1
}

// rss is the server's resident set in KiB.
func rss(pid int) int {
	if pid <= 0 {
		return 0
	}
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmRSS:" {
			var kb int
			fmt.Sscan(f[1], &kb)
			return kb
		}
	}
	return 0
}

type rssSamples struct {
	mu   sync.Mutex
	at   []time.Time
	kb   []int
	done chan struct{}
}

func sampleRSS(pid int) *rssSamples {
	s := &rssSamples{done: make(chan struct{})}
	go func() {
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			select {
			case <-s.done:
				return
			case now := <-t.C:
				kb := rss(pid)
				s.mu.Lock()
				s.at, s.kb = append(s.at, now), append(s.kb, kb)
				s.mu.Unlock()
			}
		}
	}()
	return s
}

func (s *rssSamples) peakSince(d time.Duration) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	from, peak := time.Now().Add(-d), 0
	for i, at := range s.at {
		if at.After(from) && s.kb[i] > peak {
			peak = s.kb[i]
		}
	}
	return peak
}

func (s *rssSamples) stop() { close(s.done) }
