package maiagent

import (
	"strings"
	"testing"
)

func TestTokensJoinToTheAnswer(t *testing.T) {
	t.Parallel()
	for _, s := range []string{hoursText, "為什麼電腦很少感冒？因為它們都有防毒軟體！", "a  b\n c", "Mixed 中文 and English.", ""} {
		toks := tokens(s)
		if strings.Join(toks, "") != s {
			t.Fatalf("tokens of %q join to %q", s, strings.Join(toks, ""))
		}
		if len(s) > 20 && len(toks) < 3 {
			t.Fatalf("%q split into only %d tokens", s, len(toks))
		}
	}
}

const hoursText = "Our support team is available Monday to Friday, 9:00 to 18:00."

func TestCursorRoundTrip(t *testing.T) {
	t.Parallel()
	for _, c := range []Cursor{{Position: 12, Set: true}, {Position: 3, Reverse: true, Set: true}} {
		got, err := DecodeCursor(c.Encode())
		if err != nil || got != c {
			t.Fatalf("cursor %+v decoded as %+v (%v)", c, got, err)
		}
	}
	for _, bad := range []string{"@@", "bm9wZQ=="} {
		if _, err := DecodeCursor(bad); err == nil {
			t.Fatalf("cursor %q accepted", bad)
		}
	}
}

func TestRecall(t *testing.T) {
	t.Parallel()
	tests := []struct {
		history  []string
		q, want  string
		recalled bool
	}{
		{[]string{"I'm Carla"}, "who am I?", "Carla", true},
		{[]string{"我叫什麼名字？"}, "我叫什麼名字？", "還沒有", true},
		{nil, "What did I say my name was?", "don't think", true},
		{[]string{"my name is Ann"}, "What's the weather?", "", false},
	}
	for _, tc := range tests {
		got, ok := recall(tc.history, tc.q)
		if ok != tc.recalled || !strings.Contains(got, tc.want) {
			t.Fatalf("recall(%v, %q) = %q, %v", tc.history, tc.q, got, ok)
		}
	}
}
