// Command replay measures how long a Switchboard binary takes to replay a
// state file: it writes a file of N task creates spread over T tenants
// (what N acknowledged POSTs would have left), starts the binary on it and
// reads the replay time from /__admin/health. Loopback only.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"github.com/switchboard-sim/switchboard/simulator/durable"
)

func main() {
	bin := flag.String("bin", "./switchboard", "the switchboard binary")
	addr := flag.String("addr", "127.0.0.1:18190", "loopback address to start it on")
	n := flag.Int("records", 100000, "records in the state file")
	tenants := flag.Int("tenants", 100, "tenants the records are spread over")
	flag.Parse()
	if err := run(*bin, *addr, *n, *tenants); err != nil {
		fmt.Fprintln(os.Stderr, "replay:", err)
		os.Exit(1)
	}
}

func run(bin, addr string, n, tenants int) error {
	dir, err := os.MkdirTemp("", "switchboard-replay-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "state.db")
	st, _, err := durable.OpenBolt(path, durable.BoltOptions{})
	if err != nil {
		return err
	}
	batch := make([]durable.Record, 0, 10000)
	for i := 0; i < n; i++ {
		key := fmt.Sprintf("replay-%d", i%tenants)
		batch = append(batch, durable.Record{Kind: "api", Method: "POST", Target: "/llamadapro/api/v1/tasks",
			Header: map[string][]string{"Authorization": {"Bearer " + key}, "Content-Type": {"application/json"}},
			Body:   []byte(fmt.Sprintf(`{"context":{"conversationId":%d},"objective":"replayed %d","createdBy":{"id":"u","type":"user"},"assignedTo":{"id":"u","type":"user"},"dueDate":"2030-01-01T00:00:00Z"}`, i, i))})
		if len(batch) == cap(batch) || i == n-1 {
			if err := st.AppendAll(batch); err != nil {
				return err
			}
			batch = batch[:0]
		}
	}
	size := st.Stats().Bytes
	st.Close()
	began := time.Now()
	st, ld, err := durable.OpenBolt(path, durable.BoltOptions{})
	if err != nil {
		return err
	}
	check := time.Since(began)
	st.Close()
	fmt.Printf("opening, checking every page and record and decoding %d records: %v\n", len(ld.Records), check.Round(time.Millisecond))

	cmd := exec.Command(bin, "--addr", addr, "--log-level", "warn", "--state-file", path)
	cmd.Stderr = os.Stderr
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return err
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	client := &http.Client{Timeout: time.Second}
	for deadline := start.Add(10 * time.Minute); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		resp, err := client.Get("http://" + addr + "/__admin/health")
		if err != nil {
			continue
		}
		var h struct {
			State struct {
				ReplayedRecords int     `json:"replayedRecords"`
				ReplayMS        float64 `json:"replayMs"`
				LoadMS          float64 `json:"loadMs"`
			} `json:"state"`
		}
		err = json.NewDecoder(resp.Body).Decode(&h)
		resp.Body.Close()
		if err != nil {
			return err
		}
		fmt.Printf("records %d, tenants %d, file %.1f MB\n", h.State.ReplayedRecords, tenants, float64(size)/1e6)
		fmt.Printf("server: load and check %.0f ms, ", h.State.LoadMS)
		fmt.Printf("replay %.0f ms (%.1f µs a record); exec to first answer %v\n",
			h.State.ReplayMS, h.State.ReplayMS*1000/float64(h.State.ReplayedRecords), time.Since(start).Round(time.Millisecond))
		return nil
	}
	return fmt.Errorf("no answer from %s", addr)
}
