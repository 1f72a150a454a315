package features

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/tidwall/gjson"
)

// pathTokens splits a JSON path: `items[0].status`, `$.items.0.status`,
// `details["objective"].message`. `$` or an empty path is the root.
func pathTokens(path string) ([]string, error) {
	p := strings.TrimPrefix(strings.TrimSpace(path), "$")
	var toks []string
	for len(p) > 0 {
		switch p[0] {
		case '.':
			p = p[1:]
		case '[':
			end := strings.IndexByte(p, ']')
			if end < 0 {
				return nil, fmt.Errorf("path %q: unclosed [", path)
			}
			tok := p[1:end]
			if uq, err := strconv.Unquote(tok); err == nil {
				tok = uq
			}
			toks = append(toks, tok)
			p = p[end+1:]
		default:
			end := strings.IndexAny(p, ".[")
			if end < 0 {
				end = len(p)
			}
			toks = append(toks, p[:end])
			p = p[end:]
		}
	}
	return toks, nil
}

// lookupJSON finds path in a JSON document; ok is false when absent. The
// walk is gjson's: each token of our path syntax becomes one escaped gjson
// path component, so keys holding '.', '#', '*' or '@' stay literal, and a
// number addresses an array element (or an object key of that name).
func lookupJSON(raw []byte, path string) (any, bool, error) {
	toks, err := pathTokens(path)
	if err != nil {
		return nil, false, err
	}
	if !gjson.ValidBytes(raw) {
		return nil, false, nil
	}
	if len(toks) == 0 {
		return gjson.ParseBytes(raw).Value(), true, nil
	}
	for i, t := range toks {
		toks[i] = gjson.Escape(t)
	}
	r := gjson.GetBytes(raw, strings.Join(toks, "."))
	if !r.Exists() {
		return nil, false, nil
	}
	return r.Value(), true, nil
}

// lookupPath finds path in a decoded JSON value (an event's data, a
// response already decoded), through lookupJSON.
func lookupPath(v any, path string) (any, bool, error) {
	raw, err := json.Marshal(v)
	if err != nil {
		return nil, false, fmt.Errorf("path %q: %w", path, err)
	}
	return lookupJSON(raw, path)
}
