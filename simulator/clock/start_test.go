package clock

import (
	"strings"
	"testing"
	"time"
)

func TestParseStart(t *testing.T) {
	if got, err := ParseStart(""); err != nil || !got.IsZero() {
		t.Fatalf(`ParseStart("") = %v, %v; want the zero time (DefaultStart)`, got, err)
	}
	if got, err := ParseStart("2025-03-03T09:00:00Z"); err != nil || !got.Equal(DefaultStart) {
		t.Fatalf("ParseStart = %v, %v", got, err)
	}
	if _, err := ParseStart("monday"); err == nil || !strings.Contains(err.Error(), "--clock-start") {
		t.Fatalf("bad value: %v, want an error naming --clock-start", err)
	}
}

// TestRealClockTakesNoStart: --clock-start belongs to virtual mode; with
// real it is a usage error naming the flag.
func TestRealClockTakesNoStart(t *testing.T) {
	cases := []struct {
		mode  Mode
		start time.Time
		ok    bool
	}{
		{Virtual, DefaultStart, true},
		{Virtual, time.Time{}, true},
		{Real, time.Time{}, true},
		{Real, DefaultStart, false},
	}
	for _, c := range cases {
		err := CheckStart(c.mode, c.start)
		if (err == nil) != c.ok || (err != nil && !strings.Contains(err.Error(), "--clock-start")) {
			t.Errorf("CheckStart(%s, %v) = %v, want ok=%v", c.mode, c.start, err, c.ok)
		}
	}
}

// TestRealClockWithoutStartReadsWallTime: a real clock with no start is
// the wall clock, and Advance adds an offset to it.
func TestRealClockWithoutStartReadsWallTime(t *testing.T) {
	c := New(Real, time.Time{})
	defer c.Close()
	if d := time.Since(c.Now()); d < -2*time.Second || d > 2*time.Second {
		t.Fatalf("real clock is %v from the wall clock", d)
	}
	c.Advance(time.Hour)
	if d := time.Now().Add(time.Hour).Sub(c.Now()); d < -2*time.Second || d > 2*time.Second {
		t.Fatalf("after Advance(1h) the real clock is %v from wall time + 1h", d)
	}
}
