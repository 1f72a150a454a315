package maiagent

import (
	"strings"
	"testing"
)

func TestChunks(t *testing.T) {
	t.Parallel()
	toks := tokens("one two three four five six seven")
	tests := []struct {
		n    int
		want int
	}{{0, 7}, {1, 7}, {2, 4}, {3, 3}, {7, 1}, {10, 1}}
	for _, tc := range tests {
		got := chunks(toks, tc.n)
		if len(got) != tc.want || strings.Join(got, "") != strings.Join(toks, "") {
			t.Fatalf("chunks of %d: %q, want %d chunks joining to the answer", tc.n, got, tc.want)
		}
	}
}
