// Package glob is the simulator's one meaning of a path glob, shared by the
// fault rules' match.path and the journal's path filter, so that a pattern
// that selects requests for a fault selects the same requests in the journal.
package glob

import (
	"path"
	"strings"
)

// Match reports whether name matches pattern. The syntax is path.Match's:
// '*' is any run of characters but '/', '?' one character but '/', '[...]'
// a class, '\' escapes the next character. One addition: a trailing '*'
// matches any suffix, '/' included, so "/llamadapro/api/v1/tasks*" selects
// "/llamadapro/api/v1/tasks/7/notes" too. A pattern without metacharacters
// is an exact path. A malformed pattern matches nothing (Validate says why).
func Match(pattern, name string) bool {
	if stem, ok := strings.CutSuffix(pattern, "*"); ok && !escaped(stem) {
		if !hasMeta(stem) {
			return strings.HasPrefix(name, stem)
		}
		for i := len(name); i >= 0; i-- {
			if ok, _ := path.Match(stem, name[:i]); ok {
				return true
			}
		}
		return false
	}
	ok, _ := path.Match(pattern, name)
	return ok
}

// Validate reports a malformed pattern (path.ErrBadPattern), such as an
// unclosed '['.
func Validate(pattern string) error {
	_, err := path.Match(pattern, "")
	return err
}

// escaped reports whether stem ends in an odd number of backslashes: the
// '*' after it is a literal star.
func escaped(stem string) bool {
	n := 0
	for i := len(stem) - 1; i >= 0 && stem[i] == '\\'; i-- {
		n++
	}
	return n%2 == 1
}

func hasMeta(s string) bool { return strings.ContainsAny(s, `*?[\`) }
