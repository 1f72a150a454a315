package maiagent

import (
	"encoding/base64"
	"net/url"
	"sort"
	"strconv"
)

// Cursor is a DRF-style cursor: a position (a creation sequence number) and
// a direction. Its wire form is base64 of a query string ("p=12" or
// "r=1&p=12"), as Django REST Framework's CursorPagination writes it.
type Cursor struct {
	Position int64
	Reverse  bool
	Set      bool
}

// Encode is the cursor's opaque wire form.
func (c Cursor) Encode() string {
	v := url.Values{}
	v.Set("p", strconv.FormatInt(c.Position, 10))
	if c.Reverse {
		v.Set("r", "1")
	}
	return base64.StdEncoding.EncodeToString([]byte(v.Encode()))
}

// DecodeCursor parses a cursor issued by Encode; an empty string is no cursor.
func DecodeCursor(s string) (Cursor, error) {
	if s == "" {
		return Cursor{}, nil
	}
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		return Cursor{}, err
	}
	v, err := url.ParseQuery(string(b))
	if err != nil {
		return Cursor{}, err
	}
	p, err := strconv.ParseInt(v.Get("p"), 10, 64)
	if err != nil {
		return Cursor{}, err
	}
	return Cursor{Position: p, Reverse: v.Get("r") == "1", Set: true}, nil
}

// Page is one page of a cursor- or page-number-paged list. Next and Previous
// are cursors (cursor paging) or page numbers (page paging); the handler
// turns them into absolute URLs.
type Page[T any] struct {
	Count    int
	Next     *Cursor
	Previous *Cursor
	NextPage int // page paging: 0 means none
	PrevPage int
	Results  []T
}

// cursorPageAt selects one page of n sequences sorted newest (largest)
// first and read by position, so an index answers it in O(size + log² n).
// Items created between requests never make a forward walk repeat or skip
// an item, because a cursor names a position, not an offset.
func cursorPageAt[T any](n int, seqAt func(i int) int64, cur Cursor, size int) ([]int, Page[T]) {
	var start, end int
	if !cur.Set || !cur.Reverse {
		if cur.Set {
			start = sort.Search(n, func(i int) bool { return seqAt(i) < cur.Position })
		}
		end = min(start+size, n)
	} else {
		end = sort.Search(n, func(i int) bool { return seqAt(i) <= cur.Position })
		start = max(0, end-size)
	}
	var p Page[T]
	if end < n && end > start {
		p.Next = &Cursor{Position: seqAt(end - 1), Set: true}
	}
	if start > 0 && start < n {
		p.Previous = &Cursor{Position: seqAt(start), Reverse: true, Set: true}
	}
	idx := make([]int, 0, end-start)
	for i := start; i < end; i++ {
		idx = append(idx, i)
	}
	return idx, p
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
