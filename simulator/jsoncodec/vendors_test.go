package jsoncodec

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"github.com/brianvoe/gofakeit/v7"
	"github.com/gin-gonic/gin"

	"github.com/switchboard-sim/switchboard/simulator/aicc"
	"github.com/switchboard-sim/switchboard/simulator/brightpattern"
	"github.com/switchboard-sim/switchboard/simulator/journal"
	"github.com/switchboard-sim/switchboard/simulator/llamadapro"
	"github.com/switchboard-sim/switchboard/simulator/maiagent"
	"github.com/switchboard-sim/switchboard/simulator/ringotel"
)

// responseTypes are the types the vendors' handlers and the control plane
// render (directly, in a page, or inside a gin.H).
func responseTypes() []any {
	return []any{
		llamadapro.Task{}, llamadapro.TaskPage{}, llamadapro.BulkReport{}, llamadapro.Contact{},
		llamadapro.SearchPage{}, llamadapro.Conversation{}, llamadapro.Call{}, llamadapro.Message{},
		llamadapro.Upload{}, llamadapro.FieldDefinition{}, llamadapro.Recording{}, llamadapro.Transcription{},
		llamadapro.Address{}, llamadapro.Media{},
		aicc.Ack{}, aicc.SendResult{}, aicc.Conversation{}, aicc.Subscription{}, aicc.DeadLetter{},
		aicc.Attempt{}, aicc.Received{}, aicc.Receiver{},
		maiagent.Message{}, maiagent.Conversation{}, maiagent.Contact{}, maiagent.Inbox{},
		maiagent.Record{}, maiagent.Delivery{}, maiagent.Turn{}, maiagent.Attachment{},
		brightpattern.ChatInfo{}, brightpattern.ActiveChat{}, brightpattern.Chat{}, brightpattern.LoggedEvent{},
		brightpattern.Parameter{}, brightpattern.Widget{}, brightpattern.Switches{}, brightpattern.FileInfo{},
		ringotel.MessageResult{}, ringotel.Session{}, ringotel.Message{}, ringotel.StatusResult{},
		ringotel.CallRecord{}, ringotel.User{},
		journal.Entry{},
	}
}

// TestVendorTypesMatchEncodingJSON fills every response type with random
// data (seeded, so a failure replays) and compares the codec with
// encoding/json, as a value, as a pointer, in a slice and inside a gin.H.
func TestVendorTypesMatchEncodingJSON(t *testing.T) {
	f := gofakeit.New(16)
	r := rand.New(rand.NewPCG(16, 1))
	for _, zero := range responseTypes() {
		typ := reflect.TypeOf(zero)
		t.Run(typ.String(), func(t *testing.T) {
			assertSame(t, zero)
			for range 50 {
				p := reflect.New(typ)
				if err := f.Struct(p.Interface()); err != nil {
					t.Fatalf("fill %s: %v", typ, err)
				}
				spice(p.Elem(), r, 0)
				v := p.Elem().Interface()
				for _, w := range []any{v, p.Interface(), []any{v, v}, gin.H{"result": v, "count": 2}} {
					assertSame(t, w)
					assertGuardSound(t, w)
				}
			}
		})
	}
}

// spice overwrites some of the strings and floats gofakeit put in v with
// the awkward ones encoders disagree on.
func spice(v reflect.Value, r *rand.Rand, depth int) {
	if depth > 6 {
		return
	}
	switch v.Kind() {
	case reflect.String:
		if v.CanSet() && r.IntN(3) == 0 {
			v.SetString(randomString(r))
		}
	case reflect.Float32, reflect.Float64:
		if v.CanSet() && r.IntN(3) == 0 {
			v.SetFloat(randomFloat(r))
		}
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			spice(v.Elem(), r, depth+1)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			spice(v.Field(i), r, depth+1)
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			spice(v.Index(i), r, depth+1)
		}
	}
}

// TestHotTypesTakeFastPath keeps the speed-up from vanishing unnoticed: the
// values on the busiest paths must not fall back to encoding/json.
func TestHotTypesTakeFastPath(t *testing.T) {
	now := time.Date(2026, 12, 2, 16, 0, 0, 123456789, time.UTC)
	task := llamadapro.Task{ID: "task_123", CreatedAt: now, UpdatedAt: now, DueDate: &now, Status: "scheduled"}
	for name, v := range map[string]any{
		"task":        task,
		"task page":   llamadapro.TaskPage{Items: []llamadapro.Task{task, task}},
		"error body":  gin.H{"error": gin.H{"code": 404, "message": "task not found", "details": []any{}}},
		"llama error": gin.H{"code": 400, "error": "Bad Request", "message": "m", "details": []gin.H{{"field": "x"}}},
		"ack":         aicc.Ack{ResultCode: "0", ResultDesc: "ok"},
	} {
		if !fastSafe(v) {
			t.Errorf("%s: fastSafe = false, want true", name)
		}
	}
	for _, v := range []any{task, &task, llamadapro.TaskPage{}, aicc.Ack{}} {
		if directFor(reflect.TypeOf(v)) == nil {
			t.Errorf("%T has no direct encoder", v)
		}
	}
}

// TestRandomValuesMatchEncodingJSON builds random trees of the dynamic values
// handlers put in gin.H: nested maps and slices, strings with HTML, control
// characters, line separators and invalid UTF-8, floats of every magnitude,
// times in odd zones, raw messages.
func TestRandomValuesMatchEncodingJSON(t *testing.T) {
	r := rand.New(rand.NewPCG(16, 21))
	for i := range 3000 {
		v := randomValue(r, 0)
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			assertSame(t, v)
			assertGuardSound(t, v)
		})
	}
}

// FuzzMarshal feeds fuzzed strings and floats through the random builder,
// a Task (its times, in a zone of any offset, drawn from the seed) and typed
// floats.
func FuzzMarshal(f *testing.F) {
	f.Add("<&>\u2028", 1e-7, uint64(1))
	f.Add("\xff\xfe", 1e21, uint64(2))
	f.Fuzz(func(t *testing.T, s string, x float64, seed uint64) {
		r := rand.New(rand.NewPCG(seed, 0))
		zone := time.FixedZone("", int(seed>>40%200000)-100000) // up to ±27h47m, past MarshalJSON's limit
		tm := time.Unix(int64(seed>>20%4e11)-1e11, int64(seed%1e9)).In(zone)
		task := llamadapro.Task{ID: s, Objective: s, CancellationReason: &s, CreatedAt: tm, DueDate: &tm}
		for _, v := range []any{
			map[string]any{s: x, "s": s, "n": randomValue(r, 0), "x": []any{x, s, float32(x)}},
			task, gin.H{"task": task, "f": withFloat{F: x, F2: float32(x), PF: &x}},
			withFloat{F: x, F2: float32(x)}, map[string]string{s: s},
		} {
			assertSame(t, v)
			assertGuardSound(t, v)
		}
	})
}

var pieces = []string{"a", "Z", "<", ">", "&", "\u2028", "\u2029", "\xff", "\xc3", "é", "\x00", "\x1f", "\"", "\\", "/", " ", "~", "\x7f", "😀", "\b", "\f", `\u0008`}

func randomString(r *rand.Rand) string {
	var s string
	for range r.IntN(6) {
		s += pieces[r.IntN(len(pieces))]
	}
	return s
}

func randomFloat(r *rand.Rand) float64 {
	switch r.IntN(4) {
	case 0:
		return math.Float64frombits(r.Uint64())
	case 1:
		return math.Pow(10, float64(r.IntN(60)-30)) * (r.Float64() - 0.5)
	case 2:
		return float64(r.IntN(2000) - 1000)
	}
	return r.NormFloat64()
}

func randomValue(r *rand.Rand, depth int) any {
	n := 11
	if depth > 4 {
		n = 8
	}
	switch r.IntN(n) {
	case 0:
		return nil
	case 1:
		return r.IntN(2) == 0
	case 2:
		return randomString(r)
	case 3:
		return randomFloat(r)
	case 4:
		return float32(randomFloat(r))
	case 5:
		return r.Int64() >> r.IntN(64)
	case 6:
		loc := time.FixedZone("Z", (r.IntN(48)-24)*1800)
		return time.Unix(r.Int64N(1e11), r.Int64N(1e9)).In(loc)
	case 7:
		return []byte(randomString(r))
	case 8:
		m := map[string]any{}
		for range r.IntN(5) {
			m[randomString(r)] = randomValue(r, depth+1)
		}
		if r.IntN(2) == 0 {
			return gin.H(m)
		}
		return m
	case 9:
		s := make([]any, r.IntN(4))
		for i := range s {
			s[i] = randomValue(r, depth+1)
		}
		return s
	}
	return []string{randomString(r)}
}
