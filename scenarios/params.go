package scenarios

import "time"

// String is the string parameter key, or def when it is absent or empty.
func (a Action) String(key, def string) string {
	if s, ok := a.Params[key].(string); ok && s != "" {
		return s
	}
	return def
}

// Bool is the boolean parameter key, or def when it is absent.
func (a Action) Bool(key string, def bool) bool {
	if b, ok := a.Params[key].(bool); ok {
		return b
	}
	return def
}

// Int is the integer parameter key, or def when it is absent.
func (a Action) Int(key string, def int) int {
	switch n := a.Params[key].(type) {
	case int:
		return n
	case int64:
		return int(n)
	case uint64:
		return int(n)
	case float64:
		return int(n)
	}
	return def
}

// Duration is the duration parameter key (a string such as "30s", which
// the schema has checked), or def when it is absent.
func (a Action) Duration(key string, def time.Duration) time.Duration {
	if s, ok := a.Params[key].(string); ok {
		if d, err := time.ParseDuration(s); err == nil {
			return d
		}
	}
	return def
}

// Object is the object parameter key (e.g. signals' data), or an empty map.
func (a Action) Object(key string) map[string]any {
	if m, ok := a.Params[key].(map[string]any); ok {
		return m
	}
	return map[string]any{}
}
