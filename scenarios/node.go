package scenarios

import (
	"fmt"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// lineMap maps a JSON pointer of the decoded document to its YAML line.
type lineMap map[string]int

// line is the line of pointer, or of its nearest ancestor that has one.
func (m lineMap) line(pointer string) int {
	for {
		if l, ok := m[pointer]; ok {
			return l
		}
		i := strings.LastIndexByte(pointer, '/')
		if i < 0 {
			return 1
		}
		pointer = pointer[:i]
	}
}

// nodeValue turns a YAML node into JSON-like values (map[string]any, []any,
// string, int64, float64, bool, nil), recording every value's line.
func nodeValue(n *yaml.Node, ptr string, lines lineMap) (any, error) {
	lines[ptr] = n.Line
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil, nil
		}
		return nodeValue(n.Content[0], ptr, lines)
	case yaml.AliasNode:
		return nodeValue(n.Alias, ptr, lines)
	case yaml.MappingNode:
		m := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Kind != yaml.ScalarNode || k.ShortTag() == "!!merge" {
				return nil, &LoadError{Line: k.Line, Reason: "keys must be plain strings"}
			}
			if _, dup := m[k.Value]; dup {
				return nil, &LoadError{Line: k.Line, Reason: fmt.Sprintf("key %q is repeated", k.Value)}
			}
			child := ptr + "/" + strings.NewReplacer("~", "~0", "/", "~1").Replace(k.Value)
			val, err := nodeValue(v, child, lines)
			if err != nil {
				return nil, err
			}
			lines[child] = k.Line
			m[k.Value] = val
		}
		return m, nil
	case yaml.SequenceNode:
		s := make([]any, len(n.Content))
		for i, c := range n.Content {
			v, err := nodeValue(c, ptr+"/"+strconv.Itoa(i), lines)
			if err != nil {
				return nil, err
			}
			s[i] = v
		}
		return s, nil
	}
	switch n.ShortTag() {
	case "!!null":
		return nil, nil
	case "!!bool":
		var b bool
		err := n.Decode(&b)
		return b, wrapNode(n, err)
	case "!!int":
		var i int64
		err := n.Decode(&i)
		return i, wrapNode(n, err)
	case "!!float":
		var f float64
		err := n.Decode(&f)
		return f, wrapNode(n, err)
	}
	return n.Value, nil
}

func wrapNode(n *yaml.Node, err error) error {
	if err == nil {
		return nil
	}
	return &LoadError{Line: n.Line, Reason: err.Error()}
}
