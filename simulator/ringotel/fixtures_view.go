package ringotel

import "github.com/switchboard-sim/switchboard/simulator/tenant"

// fixtureOrgView is one org as GET /__admin/fixtures lists it.
type fixtureOrgView struct {
	OrgID    string   `json:"orgid"`
	Name     string   `json:"name"`
	Users    []User   `json:"users"`
	DIDs     []string `json:"dids"`
	Sessions []string `json:"sessions,omitempty"`
	Messages []string `json:"messages,omitempty"`
}

// Fixtures lists the orgs, extensions, SMS numbers and seed sessions and
// messages every tenant starts with, plus the methods and auth scheme.
func (a *API) Fixtures(_ *tenant.Tenant) any {
	orgs := make([]fixtureOrgView, 0, len(a.fixtures.Orgs))
	for _, o := range a.fixtures.Orgs {
		v := fixtureOrgView{OrgID: o.OrgID, Name: o.Name, Users: o.Users, DIDs: o.DIDs}
		for _, s := range o.Sessions {
			v.Sessions = append(v.Sessions, s.SessionID)
		}
		for _, m := range o.Messages {
			v.Messages = append(v.Messages, m.MessageID)
		}
		orgs = append(orgs, v)
	}
	return map[string]any{
		"auth":           "Authorization: Bearer <key>",
		"methods":        MethodNames(),
		"orgs":           orgs,
		"sessionTimeout": a.opts.SessionTimeout.String(),
	}
}
