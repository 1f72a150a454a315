// Command startup measures how long a Switchboard binary takes from exec to
// its first 200 on a validated request, polling in-process (a shell loop of
// curl processes would mostly measure curl). Loopback only.
//
// Given several binaries (-bin a,b), it interleaves their starts, so that
// whatever else the machine is doing weighs on each alike.
package main

import (
	"flag"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"sort"
	"strings"
	"time"
)

func main() {
	bins := flag.String("bin", "./switchboard", "the switchboard binary, or several separated by commas to compare")
	addr := flag.String("addr", "127.0.0.1:18190", "loopback address to start it on")
	runs := flag.Int("runs", 5, "how many starts to time, per binary")
	flag.Parse()
	client := &http.Client{Timeout: time.Second}
	names := strings.Split(*bins, ",")
	times := make([][]time.Duration, len(names))
	for i := 0; i < *runs; i++ {
		for j, bin := range names {
			d, err := startOnce(client, bin, *addr)
			if err != nil {
				fmt.Fprintln(os.Stderr, "startup:", err)
				os.Exit(1)
			}
			if d > 0 {
				times[j] = append(times[j], d)
			}
		}
	}
	for j, ts := range times {
		sort.Slice(ts, func(a, b int) bool { return ts[a] < ts[b] })
		if len(ts) == 0 {
			fmt.Fprintln(os.Stderr, "startup: never answered:", names[j])
			os.Exit(1)
		}
		label := ""
		if len(names) > 1 {
			label = names[j] + ": "
		}
		fmt.Printf("%sstartup to first 200: median %s (min %s, max %s, %d runs)\n", label,
			ts[len(ts)/2].Round(time.Millisecond), ts[0].Round(time.Millisecond), ts[len(ts)-1].Round(time.Millisecond), len(ts))
	}
}

// startOnce starts bin and returns how long it took to answer a validated
// request with 200, or 0 if it did not within 10 s.
func startOnce(client *http.Client, bin, addr string) (time.Duration, error) {
	cmd := exec.Command(bin, "--addr", addr, "--log-level", "warn")
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return 0, err
	}
	defer func() {
		cmd.Process.Kill()
		cmd.Wait()
	}()
	for deadline := start.Add(10 * time.Second); time.Now().Before(deadline); {
		req, _ := http.NewRequest("GET", "http://"+addr+"/llamadapro/api/v1/tasks/task_123", nil)
		req.Header.Set("Authorization", "Bearer startup")
		if resp, err := client.Do(req); err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return time.Since(start), nil
			}
		}
		time.Sleep(time.Millisecond)
	}
	return 0, nil
}
