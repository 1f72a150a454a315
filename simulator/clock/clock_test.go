package clock

import (
	"sync"
	"testing"
	"time"
)

func TestAdvanceFiresTimersInOrderAtTheirDeadlines(t *testing.T) {
	c := New(Virtual, DefaultStart)
	var got []time.Duration
	for _, d := range []time.Duration{30 * time.Second, 10 * time.Second, 20 * time.Second} {
		d := d
		c.After(d, func() { got = append(got, c.Now().Sub(DefaultStart)) })
	}
	c.Advance(25 * time.Second)
	if want := []time.Duration{10 * time.Second, 20 * time.Second}; !equal(got, want) {
		t.Fatalf("after 25s fired %v, want %v", got, want)
	}
	if now := c.Now().Sub(DefaultStart); now != 25*time.Second {
		t.Fatalf("clock at +%v, want +25s", now)
	}
	c.Advance(time.Hour)
	if len(got) != 3 || got[2] != 30*time.Second {
		t.Fatalf("fired %v, want the 30s timer last at +30s", got)
	}
}

func TestTimersScheduledByCallbacksFireInTheSamePass(t *testing.T) {
	c := New(Virtual, DefaultStart)
	var steps []string
	c.After(time.Second, func() {
		steps = append(steps, "ring")
		c.After(time.Second, func() { steps = append(steps, "answer") })
	})
	c.Advance(5 * time.Second)
	if len(steps) != 2 || steps[1] != "answer" {
		t.Fatalf("steps %v, want [ring answer]", steps)
	}
}

func TestStopAndCancelAll(t *testing.T) {
	c := New(Virtual, DefaultStart)
	fired := 0
	t1 := c.After(time.Second, func() { fired++ })
	c.After(2*time.Second, func() { fired++ })
	if !c.Stop(t1) {
		t.Fatal("Stop of a pending timer reported false")
	}
	if c.Stop(t1) {
		t.Fatal("second Stop reported true")
	}
	c.CancelAll()
	c.Advance(time.Minute)
	if fired != 0 {
		t.Fatalf("fired %d cancelled timers", fired)
	}
}

func TestSetBackwardsFiresNothing(t *testing.T) {
	c := New(Virtual, DefaultStart)
	fired := false
	c.After(time.Second, func() { fired = true })
	c.Set(DefaultStart.Add(-time.Hour))
	if fired || !c.Now().Equal(DefaultStart.Add(-time.Hour)) {
		t.Fatalf("fired=%v now=%v", fired, c.Now())
	}
	c.Set(DefaultStart.Add(time.Hour))
	if !fired {
		t.Fatal("moving forward past the timer did not fire it")
	}
}

func TestRealClockAdvanceAddsOffset(t *testing.T) {
	c := New(Real, time.Time{})
	defer c.Close()
	before := c.Now()
	c.Advance(time.Hour)
	if d := c.Now().Sub(before); d < time.Hour || d > time.Hour+time.Minute {
		t.Fatalf("real clock moved %v after a 1h advance", d)
	}
	done := make(chan struct{})
	c.After(-time.Second, func() { close(done) })
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("a due timer on a real clock did not fire")
	}
}

func TestConcurrentSchedulingAndAdvancing(t *testing.T) {
	c := New(Virtual, DefaultStart)
	var mu sync.Mutex
	fired := 0
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 100; j++ {
				c.After(time.Duration(j)*time.Millisecond, func() { mu.Lock(); fired++; mu.Unlock() })
				c.Advance(time.Millisecond)
			}
		}()
	}
	wg.Wait()
	c.Advance(time.Hour)
	if fired != 800 {
		t.Fatalf("fired %d timers, want 800", fired)
	}
}

func equal(a, b []time.Duration) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
