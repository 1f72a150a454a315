// Command listscale is issue 19's acceptance measurement: the median of 7
// calls of GET /llamadapro/api/v1/tasks?status=scheduled&limit=20 at fixture
// size and again after the same tenant holds -tasks tasks, both over HTTP
// against one run of the built binary. It prints both figures, their ratio,
// and the binary's resident memory per task created. Loopback only.
//
//	go build -o /tmp/switchboard ./cmd/switchboard
//	go run ./scripts/listscale -bin /tmp/switchboard
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

const key = "Bearer listscale"

func main() { os.Exit(run()) }

// run returns the exit status, so the binary it starts is always stopped.
func run() int {
	bin := flag.String("bin", "./switchboard", "the switchboard binary")
	addr := flag.String("addr", "127.0.0.1:18500", "loopback address to start it on")
	tasks := flag.Int("tasks", 50000, "tasks in the tenant for the second measurement")
	calls := flag.Int("calls", 7, "calls per measurement (the median is reported)")
	flag.Parse()
	cmd := exec.Command(*bin, "--addr", *addr, "--log-level", "warn")
	cmd.Dir = os.TempDir() // outside the checkout
	if err := cmd.Start(); err != nil {
		fail(err)
	}
	exited := make(chan struct{})
	go func() { _ = cmd.Wait(); close(exited) }()
	defer func() { _ = cmd.Process.Kill(); <-exited }()
	base := "http://" + *addr + "/llamadapro/api/v1/tasks"
	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 16}}
	if !waitReady(client, base, exited) {
		fmt.Fprintln(os.Stderr, "listscale: the binary never answered (is the address taken?)")
		return 2
	}

	list := base + "?status=scheduled&limit=20"
	small, n0 := median(client, list, *calls)
	rss0 := rss(cmd.Process.Pid)
	created := fill(client, base, *tasks-count(client, base))
	large, n1 := median(client, list, *calls)
	rss1 := rss(cmd.Process.Pid)
	total := count(client, base)

	ratio := float64(large) / float64(small)
	fmt.Printf("GET %s (median of %d calls)\n", strings.TrimPrefix(list, "http://"+*addr), *calls)
	fmt.Printf("  fixture size: %6d tasks in the tenant (%d scheduled): %v\n", total-created, n0, small.Round(time.Microsecond))
	fmt.Printf("  after fill:   %6d tasks in the tenant (%d scheduled): %v\n", total, n1, large.Round(time.Microsecond))
	fmt.Printf("  ratio %.2fx (acceptance: at most 3x): %s\n", ratio, verdict(ratio <= 3))
	if rss0 > 0 && rss1 > 0 && created > 0 {
		fmt.Printf("  resident memory %d MB -> %d MB: %.2f KB per task created (index, journal and all)\n",
			rss0>>20, rss1>>20, float64(rss1-rss0)/float64(created)/1024)
	}
	if ratio > 3 {
		return 1
	}
	return 0
}

func verdict(ok bool) string {
	if ok {
		return "met"
	}
	return "NOT met"
}

// fail stops the measurement; run's deferred kill still stops the binary.
func fail(err error) {
	panic(fmt.Sprint("listscale: ", err))
}

func get(client *http.Client, url string) (map[string]any, error) {
	req, _ := http.NewRequest("GET", url, nil)
	req.Header.Set("Authorization", key)
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		return nil, fmt.Errorf("GET %s: %d %s", url, resp.StatusCode, b)
	}
	var m map[string]any
	return m, json.Unmarshal(b, &m)
}

// waitReady polls until the binary answers; false if it exits first (such
// as when the address is taken) or takes more than 20 s.
func waitReady(client *http.Client, base string, exited <-chan struct{}) bool {
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		select {
		case <-exited:
			return false
		default:
		}
		if _, err := get(client, base+"?limit=1"); err == nil {
			return true
		}
	}
	return false
}

func count(client *http.Client, base string) int {
	m, err := get(client, base+"?limit=1")
	if err != nil {
		fail(err)
	}
	n, _ := m["totalCount"].(float64)
	return int(n)
}

// median times calls GETs of url after three warm-up calls; it also
// returns the page's totalCount.
func median(client *http.Client, url string, calls int) (time.Duration, int) {
	var times []time.Duration
	var total float64
	for i := 0; i < calls+3; i++ {
		start := time.Now()
		m, err := get(client, url)
		d := time.Since(start)
		if err != nil {
			fail(err)
		}
		total, _ = m["totalCount"].(float64)
		if i >= 3 {
			times = append(times, d)
		}
	}
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	return times[len(times)/2], int(total)
}

// fill creates n scheduled tasks with 8 concurrent clients.
func fill(client *http.Client, base string, n int) int {
	if n <= 0 {
		return 0
	}
	var next, done atomic.Int64
	var wg sync.WaitGroup
	errc := make(chan error, 8)
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := next.Add(1); i <= int64(n); i = next.Add(1) {
				body := `{"context":{"conversationId":` + strconv.FormatInt(1000+i%50, 10) + `},"objective":"scale",` +
					`"createdBy":{"id":"u_1","type":"user"},"assignedTo":{"id":"` + strconv.FormatInt(i%20, 10) + `","type":"user"},` +
					`"dueDate":"2030-01-01T00:00:00Z"}`
				req, _ := http.NewRequest("POST", base, bytes.NewBufferString(body))
				req.Header.Set("Authorization", key)
				req.Header.Set("Content-Type", "application/json")
				resp, err := client.Do(req)
				if err == nil {
					_, _ = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if resp.StatusCode != 200 {
						err = fmt.Errorf("POST: status %d", resp.StatusCode)
					}
				}
				if err != nil {
					errc <- err
					return
				}
				done.Add(1)
			}
		}()
	}
	wg.Wait()
	select {
	case err := <-errc:
		fail(err)
	default:
	}
	return int(done.Load())
}

// rss is the process's resident set in bytes (Linux), or 0.
func rss(pid int) int64 {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmRSS:" {
			kb, _ := strconv.ParseInt(f[1], 10, 64)
			return kb << 10
		}
	}
	return 0
}
