package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/switchboard-sim/switchboard/simulator/durable"
)

// TestMain lets a test run this binary's main as a child process, so a
// test can kill -9 a real server.
func TestMain(m *testing.M) {
	if os.Getenv("SWITCHBOARD_TEST_CHILD") == "1" {
		os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

type child struct {
	cmd    *exec.Cmd
	url    string
	stderr *lockedBuffer
	exited chan error
}

// lockedBuffer is the child's stderr, read while the child still writes.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// startChild runs `switchboard serve args...` in a child process and waits
// for its banner; url is empty when it exited instead.
func startChild(t *testing.T, args ...string) *child {
	t.Helper()
	cmd := exec.Command(os.Args[0], append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)...)
	cmd.Env = append(os.Environ(), "SWITCHBOARD_TEST_CHILD=1")
	c := &child{cmd: cmd, stderr: &lockedBuffer{}, exited: make(chan error, 1)}
	cmd.Stderr = c.stderr
	out, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		if f := strings.Fields(sc.Text()); len(f) == 3 && f[0]+" "+f[1] == "control plane" {
			c.url = strings.TrimSuffix(f[2], "/__admin")
			break
		}
	}
	go func() { _, _ = io.Copy(io.Discard, out); c.exited <- cmd.Wait() }()
	if c.url == "" {
		<-c.exited
	}
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	return c
}

func (c *child) kill9(t *testing.T) {
	t.Helper()
	if err := c.cmd.Process.Kill(); err != nil { // SIGKILL
		t.Fatal(err)
	}
	<-c.exited
}

func call(t *testing.T, method, url, key string, body string) (int, []byte) {
	t.Helper()
	req, _ := http.NewRequest(method, url, strings.NewReader(body))
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

func createTasks(t *testing.T, base, key string, n int) {
	t.Helper()
	for i := 0; i < n; i++ {
		body := fmt.Sprintf(`{"context":{"conversationId":1},"objective":"mine %d","createdBy":{"id":"u","type":"user"},"assignedTo":{"id":"u","type":"user"},"dueDate":"2030-01-01T00:00:00Z"}`, i)
		if st, b := call(t, "POST", base+"/llamadapro/api/v1/tasks", key, body); st >= 300 {
			t.Fatalf("create: %d %s", st, b)
		}
	}
}

func countMine(t *testing.T, base, key string) int {
	t.Helper()
	_, b := call(t, "GET", base+"/llamadapro/api/v1/tasks?limit=500", key, "")
	return strings.Count(string(b), `"objective":"mine `)
}

// TestKill9AndDamageNeverSilentlyLosesWrites is the test with a real
// process: 60 tasks for one key, 60 for another, kill -9, 24 bytes damaged a
// quarter into the file (and, second case, inside a record). The restart
// either refuses, naming the file and the offset, or comes up with every
// task; a refusal confined to one record starts with --state-skip-damaged
// missing exactly that task, and says so in health.
func TestKill9AndDamageNeverSilentlyLosesWrites(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns servers")
	}
	for _, shift := range []int64{0, 1000} {
		t.Run(fmt.Sprintf("quarter+%d", shift), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "state.db")
			a := startChild(t, "--state-file", path)
			if a.url == "" {
				t.Fatalf("server did not start: %s", a.stderr)
			}
			createTasks(t, a.url, "key1", 60)
			createTasks(t, a.url, "key2", 60)
			a.kill9(t)

			// kill -9 alone loses nothing.
			clean, _ := os.ReadFile(path)
			intact := filepath.Join(t.TempDir(), "intact.db")
			_ = os.WriteFile(intact, clean, 0o600)
			b := startChild(t, "--state-file", intact)
			if b.url == "" || countMine(t, b.url, "key1") != 60 || countMine(t, b.url, "key2") != 60 {
				t.Fatalf("after kill -9 without damage: %s", b.stderr)
			}

			f, _ := os.OpenFile(path, os.O_RDWR, 0)
			fi, _ := f.Stat()
			off := fi.Size()/4 + shift
			_, _ = f.WriteAt(bytes.Repeat([]byte("X"), 24), off)
			f.Close()

			c := startChild(t, "--state-file", path)
			if c.url != "" {
				if n1, n2 := countMine(t, c.url, "key1"), countMine(t, c.url, "key2"); n1 != 60 || n2 != 60 {
					t.Fatalf("started healthy with %d and %d tasks: acknowledged writes silently lost", n1, n2)
				}
				return // the damage hit free space
			}
			msg := c.stderr.String()
			if !strings.Contains(msg, path) || !strings.Contains(msg, "offset ") {
				t.Fatalf("refusal does not name the file and the position: %s", msg)
			}
			if !strings.Contains(msg, "--state-skip-damaged") {
				return // structural damage: refusing is the answer
			}
			d := startChild(t, "--state-file", path, "--state-skip-damaged=true")
			if d.url == "" {
				t.Fatalf("--state-skip-damaged did not start: %s", d.stderr)
			}
			if n := countMine(t, d.url, "key1") + countMine(t, d.url, "key2"); n != 119 {
				t.Fatalf("skipping one damaged record left %d of 120 tasks", n)
			}
			_, h := call(t, "GET", d.url+"/__admin/health", "", "")
			var health struct {
				Warnings []string `json:"warnings"`
				State    struct {
					Skipped []struct{ Offset int64 } `json:"skipped"`
				} `json:"state"`
			}
			_ = json.Unmarshal(h, &health)
			if len(health.Warnings) != 1 || len(health.State.Skipped) != 1 || !strings.Contains(d.stderr.String(), "skipped a damaged record") {
				t.Fatalf("the skipped record is not reported: health %s, log %s", h, d.stderr)
			}
		})
	}
}

// TestResetCyclesKeepTheStateFileBounded is the reset-cycle test
// with a real process: six cycles of 300 creates and a reset of that tenant.
func TestResetCyclesKeepTheStateFileBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns a server")
	}
	path := filepath.Join(t.TempDir(), "state.db")
	a := startChild(t, "--state-file", path)
	if a.url == "" {
		t.Fatalf("server did not start: %s", a.stderr)
	}
	var first int64
	for cycle := 1; cycle <= 6; cycle++ {
		createTasks(t, a.url, "cycler", 300)
		if st, b := call(t, "POST", a.url+"/__admin/reset?tenant=cycler", "", ""); st != 200 {
			t.Fatalf("reset: %d %s", st, b)
		}
		fi, _ := os.Stat(path)
		t.Logf("cycle %d: %d bytes", cycle, fi.Size())
		if cycle == 1 {
			first = fi.Size()
		} else if fi.Size() > 2*first {
			t.Fatalf("cycle %d: %d bytes, over twice the first cycle's %d", cycle, fi.Size(), first)
		}
	}
}

func TestStateCheckCommand(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	st, _, err := durable.OpenBolt(path, durable.BoltOptions{})
	if err != nil {
		t.Fatal(err)
	}
	_ = st.Append(durable.Record{Kind: "api", Tenant: "t1", Method: "POST", Target: "/keep-me"})
	st.Close()
	var out, errOut bytes.Buffer
	if code := run([]string{"state", "check", path}, &out, &errOut); code != 0 || !strings.Contains(out.String(), "1 records, 1 tenants") || !strings.Contains(out.String(), "ok") {
		t.Fatalf("intact file: exit %d, %s %s", code, out.String(), errOut.String())
	}
	b, _ := os.ReadFile(path)
	i := bytes.Index(b, []byte("keep-me"))
	b[i] = 'K'
	_ = os.WriteFile(path, b, 0o600)
	out.Reset()
	if code := run([]string{"state", "check", path, "--json"}, &out, &errOut); code != 1 || !strings.Contains(out.String(), `"reason":"checksum mismatch"`) {
		t.Fatalf("damaged file: exit %d, %s", code, out.String())
	}
	if code := run([]string{"state", "check", filepath.Join(t.TempDir(), "missing.db")}, &out, &errOut); code != 2 {
		t.Fatalf("missing file: exit %d", code)
	}
}
