package aicc_test

import (
	"bytes"
	"testing"
	"time"

	"github.com/switchboard-sim/switchboard/simulator/aicc"
	"github.com/switchboard-sim/switchboard/simulator/switchboardtest"
)

// TestSameRequestsSameBytes: two simulators given the same requests answer
// byte for byte the same, pushes and signatures included.
func TestSameRequestsSameBytes(t *testing.T) {
	t.Parallel()
	run := func() (conv, bodies []byte) {
		e := start(t, aicc.Options{})
		e.subscribe(t, "ch-det", e.receiverURL("det"), authV2())
		c := e.startConv(t, map[string]any{"channelId": "ch-det", "userId": "u-det", "flow": "all-media"})
		e.sb.Admin.Advance(t, e.tenant, time.Minute)
		switchboardtest.Eventually(t, 0, "all-media pushes", func() bool { return len(e.deliveries(t, "&outcome=success")) == 4 })
		conv = e.sb.Admin.Do(t, "GET", "/aicc/conversations/"+c.ID+e.q(), nil).Body
		var b bytes.Buffer
		for _, a := range e.deliveries(t, "") {
			b.WriteString(a.RequestHeaders["Authorization"] + "\n" + a.Body + "\n")
		}
		return conv, b.Bytes()
	}
	c1, b1 := run()
	c2, b2 := run()
	if !bytes.Equal(c1, c2) || !bytes.Equal(b1, b2) {
		t.Fatalf("runs differ:\n%s\n%s\n---\n%s\n%s", c1, b1, c2, b2)
	}
}
