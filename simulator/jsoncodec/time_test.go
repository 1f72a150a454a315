package jsoncodec

import (
	"bytes"
	"math"
	"math/rand/v2"
	"testing"
	"time"
	_ "time/tzdata" // real zones even where the system has none
)

// TestAppendTimeMatchesMarshalJSON compares appendTime with time's own
// MarshalJSON, refusals included, on edge and random times in fixed zones
// (offsets with seconds, under a minute, past 24h) and real ones.
func TestAppendTimeMatchesMarshalJSON(t *testing.T) {
	var zones []*time.Location
	for _, name := range []string{"UTC", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe",
		"Pacific/Chatham", "America/St_Johns", "Europe/Dublin", "Africa/Monrovia", "Local"} {
		loc, err := time.LoadLocation(name)
		if err != nil {
			t.Fatal(err)
		}
		zones = append(zones, loc)
	}
	for _, off := range []int{0, 1, -1, 30, -30, 59, 60, -60, 3630, -(3*3600 + 30*60), 14 * 3600, -12 * 3600,
		23*3600 + 59*60 + 59, -(23*3600 + 59*60), 24 * 3600, -24 * 3600, 25 * 3600, 99 * 3600, 100 * 3600, -100 * 3600} {
		zones = append(zones, time.FixedZone("F", off))
	}
	edges := []time.Time{
		{},
		time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(-1, 12, 31, 23, 59, 59, 999999999, time.UTC),
		time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC),
		time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2000, 2, 29, 12, 0, 0, 100, time.UTC),
		time.Date(1900, 3, 1, 0, 0, 0, 120000000, time.UTC),
		time.Date(1969, 12, 31, 23, 59, 59, 1, time.UTC),
		time.Date(1970, 1, 1, 0, 0, 0, 10, time.UTC),
		time.Unix(math.MaxInt64/2, 0), time.Unix(math.MinInt64/2, 0),
		time.Unix(1<<62, 999), time.Unix(-1<<62, 999),
		time.Now(),
	}
	r := rand.New(rand.NewPCG(16, 3))
	for range 20000 {
		nanos := []int64{0, r.Int64N(1e9), r.Int64N(1e3) * 1e6, r.Int64N(10) * 1e8, 1e9 - 1}[r.IntN(5)]
		edges = append(edges, time.Unix(r.Int64N(maxTimeSec-minTimeSec+4e5)+minTimeSec-2e5, nanos))
	}
	for i, base := range edges {
		for j, loc := range zones {
			if (i*len(zones)+j)%3 != 0 && i > 20 {
				continue // every zone for the edges, a third of them for the rest
			}
			tm := base.In(loc)
			want, werr := tm.MarshalJSON()
			got, ok := appendTime([]byte("x"), tm)
			if ok != (werr == nil) || ok && !bytes.Equal(got[1:], want) || string(got[:1]) != "x" {
				t.Fatalf("appendTime(%v in %s) = %q, %v; MarshalJSON = %q, %v", base, loc, got, ok, want, werr)
			}
		}
	}
}
