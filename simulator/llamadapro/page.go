package llamadapro

import (
	"encoding/base64"
	"encoding/json"
	"sort"

	"github.com/switchboard-sim/switchboard/simulator/errs"
)

// cursor is a decoded pageToken: the sort values and id of the last item
// served. The next page starts after that item in the current order, so
// items created or deleted between pages never shift what follows.
type cursor struct {
	Version int   `json:"v"`
	Keys    []any `json:"k"`
	ID      any   `json:"id"`
}

// window is which slice of a sorted list a request asks for.
type window struct {
	offset int
	size   int
	after  *cursor
}

// pageWindow reads page/pageSize or pageToken. A token must come from a
// list with as many sort keys as this one.
func pageWindow(q ListQuery, nkeys int, bad *errs.Collector) window {
	w := window{size: q.PageSize}
	switch {
	case w.size <= 0:
		w.size = 20
	case w.size > 100:
		w.size = 100
	}
	if q.PageToken != "" {
		c, err := decodeCursor(q.PageToken)
		if err != nil || len(c.Keys) != nkeys {
			bad.Add("pageToken", "not a token issued by this server for this sort order")
		}
		w.after = &c
		return w
	}
	if q.Page > 1 {
		w.offset = (q.Page - 1) * w.size
	}
	return w
}

// slice returns the window's items of sorted and the token of the next page.
func (w window) slice(sorted []doc, keys []sortKey) ([]doc, *string) {
	start := min(w.offset, len(sorted))
	if w.after != nil {
		start = sort.Search(len(sorted), func(i int) bool {
			return cmpKeyed(keys, w.after.Keys, w.after.ID, sorted[i]) < 0
		})
	}
	end := min(start+w.size, len(sorted))
	if end >= len(sorted) {
		return sorted[start:end], nil
	}
	last := sorted[end-1]
	tok := encodeCursor(cursor{Version: 1, Keys: keyValues(last, keys), ID: last.get("id")})
	return sorted[start:end], &tok
}

func encodeCursor(c cursor) string {
	b, _ := json.Marshal(c)
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeCursor(tok string) (cursor, error) {
	var c cursor
	b, err := base64.RawURLEncoding.DecodeString(tok)
	if err != nil {
		return c, err
	}
	if err := json.Unmarshal(b, &c); err != nil || c.Version != 1 || c.ID == nil {
		return cursor{}, errs.New(errs.Invalid, "bad token")
	}
	return c, nil
}
