package gateway

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"
)

// readAll must read what io.ReadAll over a LimitReader of limit+1 reads, for
// any declared length, true or not.
func TestReadAllMatchesReadAll(t *testing.T) {
	const limit = 16
	bodies := []string{"", "a", "hello", strings.Repeat("x", limit), strings.Repeat("y", limit+1), strings.Repeat("z", 40)}
	for _, body := range bodies {
		want, _ := io.ReadAll(io.LimitReader(strings.NewReader(body), limit+1))
		for _, length := range []int64{-1, 0, 1, int64(len(body)) - 1, int64(len(body)), int64(len(body)) + 1, limit, limit + 1} {
			for name, r := range map[string]func() io.Reader{
				"plain":    func() io.Reader { return strings.NewReader(body) },
				"one byte": func() io.Reader { return iotest.OneByteReader(strings.NewReader(body)) },
				"data+EOF": func() io.Reader { return iotest.DataErrReader(strings.NewReader(body)) },
			} {
				got, err := readAll(r(), length, limit)
				if err != nil || !bytes.Equal(got, want) {
					t.Errorf("%s body %q length %d: got %q, %v; want %q", name, body, length, got, err, want)
				}
			}
		}
	}
}

func TestReadAllKeepsExactCapacity(t *testing.T) {
	got, err := readAll(strings.NewReader("hello"), 5, 1<<20)
	if err != nil || string(got) != "hello" || cap(got) != 5 {
		t.Fatalf("got %q (cap %d), %v; want hello with capacity 5", got, cap(got), err)
	}
}

func TestReadAllReportsAReadError(t *testing.T) {
	boom := errors.New("boom")
	if _, err := readAll(iotest.ErrReader(boom), 5, 1<<20); !errors.Is(err, boom) {
		t.Fatalf("got %v, want boom", err)
	}
}
