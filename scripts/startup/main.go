// Command startup measures how long a Switchboard binary takes from exec to
// its first 200 on a validated request, polling in-process (a shell loop of
// curl processes would mostly measure curl). Loopback only.
package main

import (
	"flag"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"sort"
	"time"
)

func main() {
	bin := flag.String("bin", "./switchboard", "the switchboard binary")
	addr := flag.String("addr", "127.0.0.1:18190", "loopback address to start it on")
	runs := flag.Int("runs", 5, "how many starts to time")
	flag.Parse()
	client := &http.Client{Timeout: time.Second}
	var times []time.Duration
	for i := 0; i < *runs; i++ {
		cmd := exec.Command(*bin, "--addr", *addr, "--log-level", "warn")
		start := time.Now()
		if err := cmd.Start(); err != nil {
			fmt.Fprintln(os.Stderr, "startup:", err)
			os.Exit(1)
		}
		for deadline := start.Add(10 * time.Second); time.Now().Before(deadline); {
			req, _ := http.NewRequest("GET", "http://"+*addr+"/llamadapro/api/v1/tasks/task_123", nil)
			req.Header.Set("Authorization", "Bearer startup")
			if resp, err := client.Do(req); err == nil {
				resp.Body.Close()
				if resp.StatusCode == 200 {
					times = append(times, time.Since(start))
					break
				}
			}
			time.Sleep(time.Millisecond)
		}
		cmd.Process.Kill()
		cmd.Wait()
	}
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	if len(times) == 0 {
		fmt.Fprintln(os.Stderr, "startup: never answered")
		os.Exit(1)
	}
	fmt.Printf("startup to first 200: median %s (min %s, max %s, %d runs)\n",
		times[len(times)/2].Round(time.Millisecond), times[0].Round(time.Millisecond), times[len(times)-1].Round(time.Millisecond), len(times))
}
