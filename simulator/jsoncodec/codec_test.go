package jsoncodec

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
	goccy "github.com/goccy/go-json"
)

type ptrMarshaler struct{ A int }

func (p *ptrMarshaler) MarshalJSON() ([]byte, error) { return []byte(`"ptr<m>"`), nil }

type valMarshaler struct{ A int }

func (valMarshaler) MarshalJSON() ([]byte, error) {
	return []byte(`{ "a" : "<x>&\u2028" ,"b":[1, 2e-7]}`), nil
}

type textKey struct{ S string }

func (t textKey) MarshalText() ([]byte, error) { return []byte("t<" + t.S + ">"), nil }

type ptrText struct{ S string }

func (t *ptrText) MarshalText() ([]byte, error) { return []byte("p" + t.S), nil }

type badMarshaler struct{}

func (badMarshaler) MarshalJSON() ([]byte, error) { return []byte(`{bad`), nil }

type failingMarshaler struct{}

func (failingMarshaler) MarshalJSON() ([]byte, error) { return nil, errors.New("boom") }

type Inner struct {
	X int `json:"x"`
	Y string
}

type Inner2 struct {
	X int `json:"x"`
	Z int
}

type inner3 struct{ U string }

type outer struct {
	Inner
	*Inner2
	inner3
	W    int            `json:"w,omitempty"`
	S    string         `json:",omitempty"`
	N    int64          `json:"n,string"`
	B    bool           `json:"b,string"`
	F    float64        `json:"f,string"`
	P    *int           `json:"p,omitempty"`
	I    any            `json:"i,omitempty"`
	M    map[string]int `json:"m,omitempty"`
	Sl   []int          `json:"sl"`
	T    time.Time      `json:"t,omitempty"`
	St   Inner          `json:"st,omitempty"`
	Skip int            `json:"-"`
	un   int
}

type embeddedPtr struct {
	*Inner
	Q int
}

type node struct {
	Name string
	Next *node
	Kids []node `json:",omitempty"`
}

type withFloat struct {
	F  float64
	F2 float32 `json:"f2"`
	PF *float64
}

type onlyDashChan struct {
	C chan int `json:"-"`
}

type hiddenPtr struct{ p *int }

//lint:ignore U1000 only the encoders look at it
type hiddenMap struct{ m map[string]int }

type holdsHidden struct{ A hiddenPtr }

type holdsHiddenPtr struct{ A *hiddenPtr }

type embedsHidden struct {
	//lint:ignore U1000 only the encoders look at it
	hiddenPtr
	B int
}

type unexportedChan struct {
	A    int
	wake chan struct{}
	f    func()
}

type omitZero struct {
	T time.Time `json:"t,omitzero"`
	N int       `json:"n,omitempty,omitzero"`
	S Inner     `json:"s,omitzero"`
}

type timesStruct struct {
	A time.Time   `json:"a"`
	B *time.Time  `json:"b,omitempty"`
	C []time.Time `json:"c"`
}

type omitKinds struct {
	S  string    `json:"s,omitempty"`
	I  int8      `json:"i,omitempty"`
	U  uint16    `json:"u,omitempty"`
	F  float32   `json:"f,omitempty"`
	B  bool      `json:"b,omitempty"`
	P  *int      `json:"p,omitempty"`
	Sl []int     `json:"sl,omitempty"`
	A  [1]int    `json:"a,omitempty"`
	St Inner     `json:"st,omitempty"`
	T  time.Time `json:"t,omitempty"`
	N  string    `json:"name with space"`
}

type omitArray struct {
	A [0]int `json:"a,omitempty"`
}

type duration time.Duration

func (d duration) MarshalJSON() ([]byte, error) { return json.Marshal(time.Duration(d).String()) }

// cases covers the encoding/json rules the simulator's responses rely on, and
// the edges where goccy/go-json is known to differ.
func cases() map[string]any {
	zero := 0
	tiny := 1e-9
	loc := time.FixedZone("X", -(3*3600 + 30*60))
	odd := time.Date(2026, 5, 6, 7, 8, 9, 10, time.FixedZone("S", 3600+30))
	far := time.Date(2026, 5, 6, 7, 8, 9, 10, time.FixedZone("F", 25*3600))
	cyc := &node{Name: "a"}
	cyc.Next = cyc
	deep := any("leaf")
	for range 150 {
		deep = []any{deep}
	}
	return map[string]any{
		"html":               "<a href='x'>&amp;</a>",
		"line separators":    "\u2028 and \u2029",
		"invalid utf8":       "bad\xffutf8\xc3",
		"controls":           "\x00\x1f\x7f\t\n\"\\\b\f\r\v",
		"escaped escapes":    `\u0008 \\u000c \\\u000C`,
		"raw short escapes":  json.RawMessage(`["\u0008", "\u000c", "\b"]`),
		"valid non-ascii":    "é漢字\U0001F600\ufffd",
		"NaN":                math.NaN(),
		"+Inf":               math.Inf(1),
		"-Inf in map":        map[string]any{"x": math.Inf(-1)},
		"1e21":               1e21,
		"1e20":               1e20,
		"1e-7":               1e-7,
		"1e-6":               1e-6,
		"-0":                 math.Copysign(0, -1),
		"float32 1e21":       float32(1e21),
		"float32 3.14":       float32(3.14),
		"float32 1e-7":       float32(1e-7),
		"big float":          123456789.125,
		"smallest float":     5e-324,
		"max float":          math.MaxFloat64,
		"floats":             []float64{0.1, 2.5e-5, 1e-300, -1e-7, 1e300, 12345678912345678},
		"nil slice":          []int(nil),
		"empty slice":        []int{},
		"nil map":            map[string]int(nil),
		"empty map":          map[string]int{},
		"bytes":              []byte("hi<>"),
		"nil bytes":          []byte(nil),
		"time utc":           time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC),
		"time zone nanos":    time.Date(2026, 1, 2, 3, 4, 5, 120000000, loc),
		"time nanos":         time.Date(2026, 1, 2, 3, 4, 5, 999999999, time.UTC),
		"zero time":          time.Time{},
		"time year 10000":    time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC),
		"time pointer":       &time.Time{},
		"nil time pointer":   (*time.Time)(nil),
		"raw message":        json.RawMessage(`{ "a" : "<b>",  "c": [1, 1e-07] }`),
		"nil raw message":    json.RawMessage(nil),
		"invalid raw":        json.RawMessage(`bad`),
		"number":             json.Number("12.5"),
		"invalid number":     json.Number("bad"),
		"ptr marshaler":      ptrMarshaler{1},
		"ptr marshaler ptr":  &ptrMarshaler{1},
		"ptr marshaler elem": []ptrMarshaler{{1}},
		"ptr marshaler map":  map[string]ptrMarshaler{"a": {1}},
		"ptr marshaler fld":  struct{ P ptrMarshaler }{},
		"ptr marshaler addr": &struct{ P ptrMarshaler }{},
		"val marshaler":      valMarshaler{},
		"val marshaler ptr":  &valMarshaler{},
		"nil marshaler ptr":  (*valMarshaler)(nil),
		"nil marshaler fld":  struct{ V *valMarshaler }{},
		"duration":           map[string]any{"d": duration(90 * time.Second)},
		"text marshaler":     textKey{"a"},
		"text keys":          map[textKey]int{{"b"}: 1, {"a"}: 2, {"&"}: 3},
		"ptr text":           ptrText{"a"},
		"ptr text ptr":       &ptrText{"a"},
		"ptr text keys":      map[ptrText]int{{"b"}: 1},
		"invalid marshaler":  badMarshaler{},
		"failing marshaler":  failingMarshaler{},
		"zero outer":         outer{un: 1},
		"full outer": outer{Inner: Inner{X: 1}, Inner2: &Inner2{X: 2, Z: 3}, inner3: inner3{"u"},
			P: &zero, I: 0, M: map[string]int{}, F: 1.5, T: time.Unix(1, 2).UTC()},
		"embedded nil ptr": embeddedPtr{},
		"embedded ptr":     embeddedPtr{Inner: &Inner{}},
		"recursive":        node{Name: "a", Next: &node{Name: "b"}, Kids: []node{{Name: "<c>"}}},
		"cycle":            cyc,
		"deep":             deep,
		"floats in struct": withFloat{F: 1e-8, F2: 2e-7, PF: &tiny},
		"ok floats":        withFloat{F: 1.5, F2: 0.25},
		"mixed map": map[string]any{"z": 1, "a": []any{nil, true, 1.5, "x", map[string]any{"b": 1}},
			"é": 1, "A": 2, "b": []string{"<"}, "t": time.Unix(0, 5).In(loc)},
		"html keys":         map[string]any{"<": 3, "A": 2, "&b": 1},
		"prefix keys":       map[string]int{"x": 1, "x ": 2, "x!": 3, "x#": 4, "": 5, " ": 6},
		"typed prefix keys": struct{ M map[string]string }{map[string]string{"x": "1", "x ": "2"}},
		"escaped keys":      map[string]int{"\"q": 1, "a\\": 2, "\x01": 3, "\u2028": 4, "\xff": 5, "~": 6},
		"gin.H":             gin.H{"error": gin.H{"code": 404, "message": "no <task>"}},
		"int keys":          map[int]string{10: "a", 2: "b", -1: "c"},
		"uint8 keys":        map[uint8]int{1: 1},
		"float keys":        map[float64]int{1: 1},
		"array":             [3]int{1, 2, 3},
		"empty array":       [0]int{},
		"empty struct":      struct{}{},
		"nil":               nil,
		"nil int pointer":   (*int)(nil),
		"chan":              make(chan int),
		"func":              func() {},
		"complex":           complex(1, 2),
		"func in map":       map[string]any{"f": func() {}},
		"dash chan":         onlyDashChan{},
		"omitempty array":   omitArray{},
		"omitzero":          omitZero{},
		"times in a struct": timesStruct{A: time.Date(2026, 1, 2, 3, 4, 5, 6, loc), B: &odd,
			C: []time.Time{time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC)}},
		"year 10000 field": timesStruct{A: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)},
		"zone 25h field":   timesStruct{B: &far},
		"zone 23:59 field": timesStruct{A: time.Date(2026, 1, 1, 0, 0, 0, 0, time.FixedZone("", -(23*3600+59*60)))},
		"omitempty kinds":  omitKinds{},
		"omitempty kinds set": omitKinds{S: "s", I: -1, U: 1, F: 0.5, B: true, P: &zero, Sl: []int{},
			A: [1]int{}, St: Inner{}, T: time.Time{}},
		"omitzero set":       omitZero{T: time.Unix(5, 0).UTC(), N: 1, S: Inner{Y: "y"}},
		"hidden ptr":         hiddenPtr{},
		"hidden ptr set":     hiddenPtr{p: &zero},
		"hidden map":         hiddenMap{},
		"holds hidden":       holdsHidden{},
		"holds hidden ptr":   holdsHiddenPtr{A: &hiddenPtr{}},
		"addr holds hidden":  &holdsHidden{},
		"embeds hidden":      embedsHidden{},
		"hidden in map":      map[string]any{"a": hiddenPtr{}, "b": []any{hiddenMap{}}},
		"unexported chan":    unexportedChan{wake: make(chan struct{}), f: func() {}},
		"empty structs":      map[string]any{"a": struct{}{}, "b": &struct{}{}, "c": []struct{}{{}}},
		"ints":               []any{int8(-5), uint64(math.MaxUint64), int64(math.MinInt64), uintptr(7)},
		"error value":        fmt.Errorf("x"),
		"nested bytes":       []any{[]byte{}, [][]byte{nil}},
		"any slice of maps":  []map[string]any{{"k": 1e-7}, nil},
		"pointer to map":     &map[string]any{"<": 1},
		"interface in slice": []any{outer{}, &Inner{}},
		"one pointer field":  struct{ P *int }{&zero},
		"one nil pointer":    [1]*int{},
		"pointer to struct":  &Inner{X: 1, Y: "<y>"},
		"pointer to pointer": &[]*Inner{{}, nil},
		"one nil map":        [1]map[string]int{},
		"one nil map inside": struct{ A [1]map[string]int }{},
	}
}

// TestMarshalMatchesEncodingJSON is the contract: Codec.Marshal gives
// encoding/json's bytes, and an error exactly when encoding/json does.
func TestMarshalMatchesEncodingJSON(t *testing.T) {
	for name, v := range cases() {
		t.Run(name, func(t *testing.T) { assertSame(t, v) })
	}
}

// assertSame checks Marshal, and Append after a byte, against encoding/json.
func assertSame(t *testing.T, v any) {
	t.Helper()
	want, werr := json.Marshal(v)
	got, gerr := Codec{}.Marshal(v)
	if !bytes.Equal(got, want) || fmt.Sprint(gerr) != fmt.Sprint(werr) {
		t.Errorf("Marshal(%#v)\n got %s (err %v)\nwant %s (err %v)", v, got, gerr, want, werr)
	}
	got, gerr = Append([]byte{'['}, v)
	if werr != nil {
		want = nil
	}
	if string(got) != "["+string(want) || fmt.Sprint(gerr) != fmt.Sprint(werr) {
		t.Errorf("Append([, %#v)\n got %s (err %v)\nwant [%s (err %v)", v, got, gerr, want, werr)
	}
}

// TestGuardIsSound checks the guard, not the fallback: whenever fastSafe lets
// a value through, goccy itself must give encoding/json's bytes.
func TestGuardIsSound(t *testing.T) {
	for name, v := range cases() {
		t.Run(name, func(t *testing.T) { assertGuardSound(t, v) })
	}
}

func assertGuardSound(t *testing.T, v any) {
	t.Helper()
	got, ok := fast(v)
	if !ok {
		return // the codec then runs encoding/json
	}
	if want, err := json.Marshal(v); !bytes.Equal(got, want) || err != nil {
		t.Errorf("the fast path took %#v\ngoccy %s\n want %s (err %v)", v, got, want, err)
	}
}

// TestGuardCatchesGoccyDifferences pins the differences the guard exists for:
// goccy still gets each wrong (if one is fixed upstream, this test says so and
// the guard can shrink), and the guard sends each to encoding/json.
func TestGuardCatchesGoccyDifferences(t *testing.T) {
	for name, v := range map[string]any{
		"tiny float":            []float64{1e-7},
		"tiny float32 field":    withFloat{F2: 2e-7},
		"html map keys":         map[string]any{"<": 3, "A": 2},
		"struct with dash chan": onlyDashChan{},
		"omitempty empty array": omitArray{},
		"nil hidden pointer":    map[string]any{"a": hiddenPtr{}},
		"backspace":             "a\bb",
		"form feed in a struct": Inner{Y: "\f"},
		"form feed key":         map[string]int{"\f": 1},
		"omitzero":              omitZero{},
		"field of hidden ptr":   holdsHidden{},
		"ptr to hidden ptr":     holdsHiddenPtr{A: &hiddenPtr{}},
		"one nil map":           [1]map[string]int{},
	} {
		t.Run(name, func(t *testing.T) {
			want, _ := json.Marshal(v)
			if got, err := goccy.Marshal(v); err == nil && bytes.Equal(got, want) {
				t.Errorf("goccy now agrees on %#v (%s): the guard may be relaxed", v, got)
			}
			if _, ok := fast(v); ok {
				t.Errorf("fast(%#v) took it, want encoding/json", v)
			}
			assertSame(t, v)
		})
	}
}

// TestEveryRuneMatchesEncodingJSON runs every code point, surrogates and
// invalid bytes included, through the codec as values and keys.
func TestEveryRuneMatchesEncodingJSON(t *testing.T) {
	var chunk []rune
	flush := func() {
		s := string(chunk)
		assertSame(t, gin.H{s: s, "s": []any{s + "<&>"}})
		chunk = chunk[:0]
	}
	for r := rune(0); r <= 0x10FFFF; r++ {
		if chunk = append(chunk, r); len(chunk) == 512 {
			flush()
		}
	}
	flush()
	for c := range 256 {
		s := "a" + string([]byte{byte(c)}) + "\xe2\x80" + "b"
		assertSame(t, map[string]any{s: s})
	}
}

// TestRandomFloatsMatchEncodingJSON covers both float widths over random bit
// patterns and magnitudes, around the 1e-6 and 1e21 cut-offs too.
func TestRandomFloatsMatchEncodingJSON(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		f := math.Float64frombits(r.Uint64())
		g := math.Pow(10, float64(r.IntN(40)-20)) * r.NormFloat64()
		assertSame(t, gin.H{"f": f, "g": g, "h": []any{float32(f), float32(g), math.Nextafter(1e-6, 0), 1e21, float32(1e21), float32(9.999999e-7)}})
	}
}
