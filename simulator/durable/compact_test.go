package durable

import (
	"fmt"
	"reflect"
	"testing"
)

// compact keeps a record's content exactly, in its own memory, whatever
// order the header map iterates in (it differs from one loop to the next).
func TestCompactKeepsTheRecordExactly(t *testing.T) {
	for i := range 200 {
		h := map[string][]string{}
		for k := range 1 + i%7 {
			vals := make([]string, 1+k%3)
			for j := range vals {
				vals[j] = fmt.Sprintf("v%d-%d-%s", k, j, string(rune('a'+i%26)))
			}
			h[fmt.Sprintf("Header-%d", k)] = vals
		}
		body := []byte(fmt.Sprintf(`{"n":%d}`, i))
		rec := Record{Kind: "api", Tenant: "t", Method: "POST", Target: fmt.Sprintf("/x/%d?q=%d", i, i), Header: h, Body: body}
		want := Record{Kind: rec.Kind, Tenant: rec.Tenant, Method: rec.Method, Target: rec.Target, Body: append([]byte(nil), body...), Header: map[string][]string{}}
		for k, vs := range h {
			want.Header[k] = append([]string(nil), vs...)
		}
		got := compact(rec)
		body[0] = 'X' // the request's buffer is reused
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("record %d:\n got %+v\nwant %+v", i, got, want)
		}
	}
	if got := compact(Record{Target: "/a"}); got.Target != "/a" || got.Header != nil || got.Body != nil {
		t.Fatalf("a record without headers or body: %+v", got)
	}
}
