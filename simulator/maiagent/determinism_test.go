package maiagent_test

import (
	"bytes"
	"testing"

	"github.com/switchboard-sim/switchboard/simulator/switchboardtest"
)

// TestSameSeedSameBytes: two servers with the same seed answer the same
// requests byte for byte; another seed changes the generated data.
func TestSameSeedSameBytes(t *testing.T) {
	t.Parallel()
	run := func(seed int64) [][]byte {
		sb := switchboardtest.Start(t, switchboardtest.WithSeed(seed))
		var out [][]byte
		do := func(method, path string, body any) []byte {
			r := sb.Do(t, method, base(sb)+path, body, apiKey("det"))
			out = append(out, r.Body)
			return r.Body
		}
		do("POST", "/chatbots/"+bot1+"/completions/", completion("Do you ship abroad?", false, ""))
		do("POST", "/conversations/", map[string]any{"webChat": webChat1})
		do("POST", "/chatbots/"+bot1+"/completions/", completion(hoursQ, false, ""))
		do("GET", "/messages/?pageSize=3", nil)
		do("GET", "/conversations/", nil)
		do("GET", "/chatbots/"+bot1+"/records/", nil)
		return out
	}
	a, b, c := run(7), run(7), run(8)
	for i := range a {
		// Absolute URLs carry each server's port; compare without it.
		if !bytes.Equal(stripPorts(a[i]), stripPorts(b[i])) {
			t.Fatalf("response %d differs with the same seed:\n%s\n%s", i, a[i], b[i])
		}
	}
	if bytes.Equal(a[1], c[1]) {
		t.Fatalf("seed 8 produced the same conversation as seed 7: %s", a[1])
	}
}

func stripPorts(b []byte) []byte {
	for {
		i := bytes.Index(b, []byte("127.0.0.1:"))
		if i < 0 {
			return b
		}
		j := i + len("127.0.0.1:")
		for j < len(b) && b[j] >= '0' && b[j] <= '9' {
			j++
		}
		b = append(append(append([]byte{}, b[:i]...), []byte("HOST")...), b[j:]...)
	}
}
