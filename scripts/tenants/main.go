// Command tenants measures what idle tenants cost and what eviction gives
// back: it starts a Switchboard binary with --tenant-idle, touches N
// tenants once each on three APIs, reads the resident set (VmRSS) and the
// Go heap, waits until the janitor has evicted them, and reads both again.
// Loopback only.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"time"
)

func main() {
	bin := flag.String("bin", "./switchboard", "the switchboard binary")
	addr := flag.String("addr", "127.0.0.1:18190", "loopback address to start it on")
	n := flag.Int("tenants", 10000, "tenants to touch")
	idle := flag.Duration("idle", 5*time.Second, "--tenant-idle to start it with")
	flag.Parse()
	if err := run(*bin, *addr, *n, *idle); err != nil {
		fmt.Fprintln(os.Stderr, "tenants:", err)
		os.Exit(1)
	}
}

func run(bin, addr string, n int, idle time.Duration) error {
	cmd := exec.Command(bin, "--addr", addr, "--log-level", "warn", "--tenant-idle", idle.String())
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		return err
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	base := "http://" + addr
	client := &http.Client{Timeout: 10 * time.Second}
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if _, err := tenants(client, base); err == nil {
			break
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("no answer from %s", addr)
		}
	}
	time.Sleep(3 * time.Second) // the binary hands start-up garbage back after 2 s
	report("before any tenant", cmd.Process.Pid, client, base)

	began := time.Now()
	jobs := make(chan int)
	var wg sync.WaitGroup
	var failed sync.Map
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				if err := touch(client, base, fmt.Sprintf("tenant-%d", i)); err != nil {
					failed.Store(i, err)
				}
			}
		}()
	}
	for i := 0; i < n; i++ {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	failed.Range(func(k, v any) bool { fmt.Fprintln(os.Stderr, "tenant", k, v); return false })
	fmt.Printf("touched %d tenants (3 APIs each) in %v\n", n, time.Since(began).Round(time.Millisecond))
	report("after touching", cmd.Process.Pid, client, base)

	evictStart := time.Now()
	for {
		held, err := tenants(client, base)
		if err != nil {
			return err
		}
		if held == 0 {
			break
		}
		if time.Since(evictStart) > idle+2*time.Minute {
			return fmt.Errorf("%d tenants still held", held)
		}
		time.Sleep(200 * time.Millisecond)
	}
	fmt.Printf("all evicted %v after the last touch (--tenant-idle %v)\n", time.Since(evictStart).Round(100*time.Millisecond), idle)
	report("after eviction", cmd.Process.Pid, client, base)
	time.Sleep(10 * time.Second)
	report("10 s later", cmd.Process.Pid, client, base)
	// What is left once a collection has run (the profile's gc=1).
	if resp, err := client.Get(base + "/__admin/debug/pprof/heap?gc=1"); err == nil {
		resp.Body.Close()
	}
	report("after a forced GC", cmd.Process.Pid, client, base)
	return nil
}

func touch(client *http.Client, base, key string) error {
	calls := []struct{ method, path, body, auth string }{
		{"GET", "/llamadapro/api/v1/tasks?limit=20", "", "Bearer " + key},
		{"POST", "/ringotel/api", `{"method":"getChatUsers","params":{"orgid":"17076444409917912922"}}`, "Bearer " + key},
		{"GET", "/maiagent/api/v1/conversations/?pageSize=10", "", "Api-Key " + key},
	}
	for _, c := range calls {
		req, _ := http.NewRequest(c.method, base+c.path, strings.NewReader(c.body))
		req.Header.Set("Authorization", c.auth)
		req.Header.Set("Content-Type", "application/json")
		resp, err := client.Do(req)
		if err != nil {
			return err
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			return fmt.Errorf("%s %s: %d", c.method, c.path, resp.StatusCode)
		}
	}
	return nil
}

func tenants(client *http.Client, base string) (int, error) {
	resp, err := client.Get(base + "/__admin/health")
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	var h struct {
		Tenants int `json:"tenants"`
	}
	err = json.NewDecoder(resp.Body).Decode(&h)
	return h.Tenants, err
}

func report(when string, pid int, client *http.Client, base string) {
	held, _ := tenants(client, base)
	heap := metric(client, base, "go_memstats_heap_inuse_bytes")
	fmt.Printf("%-18s tenants %6d  RSS %6.1f MB  Go heap in use %6.1f MB\n", when+":", held, float64(rss(pid))/1e6, heap/1e6)
}

func rss(pid int) int64 {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return kb * 1024
		}
	}
	return 0
}

func metric(client *http.Client, base, name string) float64 {
	resp, err := client.Get(base + "/__admin/metrics")
	if err != nil {
		return 0
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), name+" "); ok {
			v, _ := strconv.ParseFloat(rest, 64)
			return v
		}
	}
	return 0
}
