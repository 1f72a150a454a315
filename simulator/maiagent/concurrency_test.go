package maiagent_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sync"
	"testing"

	"github.com/switchboard-sim/switchboard/simulator/switchboardtest"
)

// TestConcurrentTurnsOneConversation: parallel completions, streamed and
// not, on one conversation all land (run with -race).
func TestConcurrentTurnsOneConversation(t *testing.T) {
	t.Parallel()
	sb := switchboardtest.Start(t)
	_, conv := ask(t, sb, "busy", bot1, "start", "")
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 5; i++ {
				body := completion(fmt.Sprintf("worker %d turn %d", g, i), i%2 == 0, conv)
				js, _ := json.Marshal(body)
				req, _ := http.NewRequest("POST", base(sb)+"/chatbots/"+bot1+"/completions/", bytes.NewReader(js))
				req.Header.Set("Authorization", "Api-Key busy")
				req.Header.Set("Content-Type", "application/json")
				resp, err := sb.Client.Do(req)
				if err != nil {
					t.Error(err)
					return
				}
				b, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if resp.StatusCode != 200 || (i%2 == 0 && !bytes.Contains(b, []byte(`"done":true`))) {
					t.Errorf("turn %d/%d: %d %s", g, i, resp.StatusCode, b)
				}
			}
		}(g)
	}
	wg.Wait()
	var p msgPage
	sb.Do(t, "GET", base(sb)+"/messages/?conversation="+conv+"&pageSize=1", nil, apiKey("busy")).JSON(t, &p)
	if p.Count != 2+8*5*2 {
		t.Fatalf("%d messages, want %d", p.Count, 2+8*5*2)
	}
}

// TestEveryOperationNeedsTheKey: each Api-Key operation answers 401 with
// DRF's body when the key is missing.
func TestEveryOperationNeedsTheKey(t *testing.T) {
	t.Parallel()
	sb := switchboardtest.Start(t)
	ops := [][2]string{
		{"POST", "/chatbots/" + bot1 + "/completions/"}, {"POST", "/messages/"}, {"GET", "/messages/"},
		{"GET", "/messages/x/"}, {"POST", "/conversations/"}, {"GET", "/conversations/"}, {"GET", "/conversations/x/"},
		{"GET", "/chatbots/" + bot1 + "/records/"}, {"GET", "/chatbots/" + bot1 + "/records/export-excel/"},
		{"POST", "/upload-presigned-url/"}, {"POST", "/attachments/"}, {"GET", "/inboxes/"},
	}
	for _, op := range ops {
		t.Run(op[0]+" "+op[1], func(t *testing.T) {
			var body any
			if op[0] == http.MethodPost {
				body = map[string]any{}
			}
			r := sb.Do(t, op[0], base(sb)+op[1], body)
			if r.Status != 401 || r.Map(t)["detail"] != "Authentication credentials were not provided." {
				t.Fatalf("%d %s", r.Status, r.Body)
			}
		})
	}
}
