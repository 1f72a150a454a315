package durable

import (
	"os"
	"path/filepath"
	"testing"
)

func TestAppendReopenAndTornTail(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.jsonl")
	l, recs, err := Open(path)
	if err != nil || len(recs) != 0 {
		t.Fatalf("open new: %v %v", recs, err)
	}
	for i := 0; i < 3; i++ {
		if err := l.Append(Record{Kind: "api", Method: "POST", Target: "/x", Body: []byte(`{"n":1}`)}); err != nil {
			t.Fatal(err)
		}
	}
	l.Close()
	// A crash mid-write leaves half a line.
	f, _ := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString(`{"seq":4,"kind":"api","meth`)
	f.Close()

	l, recs, err = Open(path)
	if err != nil || len(recs) != 3 || recs[2].Seq != 3 || string(recs[0].Body) != `{"n":1}` {
		t.Fatalf("reopen: %d records, err %v", len(recs), err)
	}
	if err := l.Append(Record{Kind: "admin", Method: "POST", Target: "/y"}); err != nil {
		t.Fatal(err)
	}
	l.Close()
	_, recs, _ = Open(path)
	if len(recs) != 4 || recs[3].Seq != 4 || recs[3].Target != "/y" {
		t.Fatalf("after the torn tail was dropped: %+v", recs)
	}
}
