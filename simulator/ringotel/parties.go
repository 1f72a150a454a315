package ringotel

import (
	"fmt"

	"github.com/switchboard-sim/switchboard/simulator/errs"
)

// side is one end of a message: its param name and number.
type side struct{ key, number string }

// parties is who a message or call is between.
type parties struct {
	user, kind, external string
	externalKey          string // the param naming the external number
	fromUser             bool   // the user is the sender (from, or the caller)
}

// resolveParties checks that exactly one of from and to is the org's user
// (an extension or an SMS number) and the other the external party.
func (o *org) resolveParties(from, to side) (parties, error) {
	fu, fk, fok := o.userParty(from.number)
	tu, tk, tok := o.userParty(to.number)
	switch {
	case fok && tok:
		return parties{}, &errs.Error{Code: errs.Invalid,
			Message: fmt.Sprintf("%s %s and %s %s are both users of organization %s; one side must be the external party", from.key, quote(from.number), to.key, quote(to.number), o.id),
			Fields:  []errs.Field{{Name: from.key, In: "body", Reason: "is a user of the org"}, {Name: to.key, In: "body", Reason: "is a user of the org"}}}
	case fok:
		return parties{user: fu, kind: fk, external: to.number, externalKey: to.key, fromUser: true}, nil
	case tok:
		return parties{user: tu, kind: tk, external: from.number, externalKey: from.key}, nil
	}
	// Neither is a user: blame the side that looks like an extension.
	blame := []side{}
	for _, sd := range []side{to, from} {
		if len(digits(sd.number)) <= 6 {
			blame = append(blame, sd)
		}
	}
	if len(blame) != 1 {
		blame = []side{from, to}
	}
	e := &errs.Error{Code: errs.NotFound}
	for _, b := range blame {
		e.Fields = append(e.Fields, errs.Field{Name: b.key, In: "body", Reason: fmt.Sprintf("%s is not an extension or SMS number of organization %s", quote(b.number), o.id)})
	}
	if len(blame) == 1 {
		e.Message = fmt.Sprintf("%s: unknown extension %s: it is not an extension or SMS number of organization %s", blame[0].key, quote(blame[0].number), o.id)
	} else {
		e.Message = fmt.Sprintf("neither %s %s nor %s %s is an extension or SMS number of organization %s; one side must be the org's user",
			from.key, quote(from.number), to.key, quote(to.number), o.id)
	}
	return parties{}, e
}

// notFound is a NotFound error naming one param.
func notFound(field, format string, args ...any) *errs.Error {
	msg := fmt.Sprintf(format, args...)
	return &errs.Error{Code: errs.NotFound, Message: field + ": " + msg, Fields: []errs.Field{{Name: field, In: "body", Reason: msg}}}
}

// invalid is an Invalid error naming one param.
func invalid(field, format string, args ...any) *errs.Error {
	msg := fmt.Sprintf(format, args...)
	return &errs.Error{Code: errs.Invalid, Message: field + ": " + msg, Fields: []errs.Field{{Name: field, In: "body", Reason: msg}}}
}

// orgOf looks up params.orgid. Callers hold mu.
func (s *State) orgOf(id string) (*org, error) {
	if !isOrgID(id) {
		return nil, invalid("params.orgid", "must be a 20-digit organization id, got %s", quote(id))
	}
	o := s.orgs[id]
	if o == nil {
		return nil, notFound("params.orgid", "organization %s not found", quote(id))
	}
	return o, nil
}
