package maiagent_test

import (
	"bufio"
	"net/http"
	"strings"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/switchboard-sim/switchboard/simulator/maiagent"
	"github.com/switchboard-sim/switchboard/simulator/switchboardtest"
)

// TestClientClosesStreamEarly: clients that hang up mid-stream leave the
// server healthy, no goroutine behind, and a record of what was produced.
func TestClientClosesStreamEarly(t *testing.T) {
	sb := switchboardtest.Start(t, switchboardtest.WithVendor(&maiagent.Vendor{Options: maiagent.Options{TokenDelay: 5 * time.Millisecond}}))
	const q = "Please describe your enterprise plan in detail"
	full, _ := ask(t, sb, "full", bot1, q, "")
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	url := base(sb) + "/chatbots/" + bot1 + "/completions/"

	warm := postStream(t, client, url, "warm", completion(q, true, ""))
	readEvents(t, warm.Body)
	warm.Body.Close()
	// Every goroutine alive now (the server's, the warm stream's leftovers)
	// is the baseline; any other still running once the quitters hung up
	// is a leak. Eventually polls goleak while goroutines wind down.
	baseline := goleak.IgnoreCurrent()

	for i := 0; i < 5; i++ {
		resp := postStream(t, client, url, "quitter", completion(q, true, ""))
		line, err := bufio.NewReader(resp.Body).ReadString('\n')
		if err != nil || !strings.HasPrefix(line, "data: ") {
			t.Fatalf("first line %q: %v", line, err)
		}
		resp.Body.Close()
	}
	var leak error
	defer func() {
		if leak != nil {
			t.Log(leak) // the leaked goroutines' stacks
		}
	}()
	switchboardtest.Eventually(t, 0, "the hung-up streams' goroutines to end", func() bool {
		leak = goleak.Find(baseline)
		return leak == nil
	})
	if r := sb.Do(t, "GET", sb.Admin.URL()+"/health", nil); r.Status != 200 {
		t.Fatalf("health after hang-ups: %d", r.Status)
	}
	var p recordPage
	sb.Do(t, "GET", base(sb)+"/chatbots/"+bot1+"/records/?pageSize=100", nil, apiKey("quitter")).JSON(t, &p)
	if p.Count != 5 {
		t.Fatalf("%d records for 5 abandoned streams, want 5", p.Count)
	}
	for _, r := range p.Results {
		if !strings.HasPrefix(full, r.OutputMessage) || r.OutputMessage == "" {
			t.Fatalf("record output %q is not a start of the answer %q", r.OutputMessage, full)
		}
		if (r.OutputMessage != full) != (r.Error != nil) {
			t.Fatalf("a cut-short record must say so in error: output %q error %v", r.OutputMessage, r.Error)
		}
	}
}
