package features

import (
	"fmt"
	"strconv"
	"strings"
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

// lookupPath finds path in a decoded JSON value; ok is false when absent.
func lookupPath(v any, path string) (any, bool, error) {
	toks, err := pathTokens(path)
	if err != nil {
		return nil, false, err
	}
	cur := v
	for _, t := range toks {
		switch x := cur.(type) {
		case map[string]any:
			n, ok := x[t]
			if !ok {
				return nil, false, nil
			}
			cur = n
		case []any:
			i, err := strconv.Atoi(t)
			if err != nil || i < 0 || i >= len(x) {
				return nil, false, nil
			}
			cur = x[i]
		default:
			return nil, false, nil
		}
	}
	return cur, true, nil
}
