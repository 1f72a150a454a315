package ringotel

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/switchboard-sim/switchboard/simulator/errs"
)

// methodFunc runs one RPC method on a tenant's state.
type methodFunc func(s *State, raw json.RawMessage) (any, error)

// methods is every RPC method the simulator serves.
var methods = map[string]methodFunc{
	"message": func(s *State, raw json.RawMessage) (any, error) { return s.Message(raw) },
	"getChatUsers": func(s *State, raw json.RawMessage) (any, error) {
		return s.ChatUsers(raw)
	},
	"delivered": func(s *State, raw json.RawMessage) (any, error) { return s.markMessage(raw, "delivered") },
	"read":      func(s *State, raw json.RawMessage) (any, error) { return s.Read(raw) },
	"typing":    func(s *State, raw json.RawMessage) (any, error) { return s.Typing(raw) },
	"updated":   func(s *State, raw json.RawMessage) (any, error) { return s.markMessage(raw, "updated") },
	"deleted":   func(s *State, raw json.RawMessage) (any, error) { return s.markMessage(raw, "deleted") },
}

// MethodNames lists the served methods, sorted.
func MethodNames() []string {
	out := make([]string, 0, len(methods))
	for m := range methods {
		out = append(out, m)
	}
	sort.Strings(out)
	return out
}

// Call runs an RPC method by name. An unknown method is an error naming it.
func (s *State) Call(method string, raw json.RawMessage) (any, error) {
	fn, ok := methods[method]
	if !ok {
		msg := fmt.Sprintf("unknown method %s; this API serves %s", quote(method), strings.Join(MethodNames(), ", "))
		return nil, &errs.Error{Code: errs.NotFound, Message: msg, Fields: []errs.Field{{Name: "method", In: "body", Reason: msg}}}
	}
	return fn(s, raw)
}

// ChatUsers is getChatUsers: the org's users as [{phone, name, id, state}].
func (s *State) ChatUsers(raw json.RawMessage) ([]User, error) {
	p, err := parseParams(raw)
	if err != nil {
		return nil, err
	}
	id := p.str("orgid", true)
	if err := p.err(); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	o, err := s.orgOf(id)
	if err != nil {
		return nil, err
	}
	return append([]User{}, o.users...), nil
}
