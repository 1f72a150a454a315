package ringotel

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/switchboard-sim/switchboard/fixtures"
)

// fixtureFile is fixtures/ringotel.yaml.
type fixtureFile struct {
	SchemaVersion int          `yaml:"schemaVersion"`
	Orgs          []fixtureOrg `yaml:"orgs"`
}

type fixtureOrg struct {
	OrgID    string           `yaml:"orgid"`
	Name     string           `yaml:"name"`
	Users    []User           `yaml:"users"`
	DIDs     []string         `yaml:"dids"`
	Sessions []fixtureSession `yaml:"sessions"`
	Messages []fixtureMessage `yaml:"messages"`
}

type fixtureSession struct {
	SessionID string `yaml:"sessionid"`
	User      string `yaml:"user"`
	External  string `yaml:"external"`
}

type fixtureMessage struct {
	MessageID string `yaml:"messageid"`
	SessionID string `yaml:"sessionid"`
	Type      int    `yaml:"type"`
	From      string `yaml:"from"`
	To        string `yaml:"to"`
	Content   string `yaml:"content"`
	Timestamp int64  `yaml:"timestamp"`
	File      *File  `yaml:"file"`
}

var fixtureCache fixtures.Cache[fixtureFile]

// loadFixtures decodes and checks the embedded fixture file once; it is immutable.
func loadFixtures() (*fixtureFile, error) { return fixtureCache.Get(apiName, (*fixtureFile).check) }

// check rejects fixtures that would break the id formats or point nowhere.
func (f *fixtureFile) check() error {
	for _, o := range f.Orgs {
		if !isOrgID(o.OrgID) {
			return fmt.Errorf("fixtures ringotel: orgid %q is not 20 digits", o.OrgID)
		}
		users := map[string]bool{}
		for _, u := range o.Users {
			users[u.Extension] = true
		}
		for _, d := range o.DIDs {
			users[d] = true
		}
		sessions := map[string]bool{}
		for _, s := range o.Sessions {
			if !isRingotelID(s.SessionID) || !users[s.User] {
				return fmt.Errorf("fixtures ringotel: session %q: bad id or unknown user %q", s.SessionID, s.User)
			}
			sessions[s.SessionID] = true
		}
		for _, m := range o.Messages {
			if !isRingotelID(m.MessageID) || (m.SessionID != "" && !sessions[m.SessionID]) {
				return fmt.Errorf("fixtures ringotel: message %q: bad id or unknown session", m.MessageID)
			}
		}
	}
	return nil
}

func isOrgID(s string) bool { return len(s) == 20 && isDigits(s) }

// isRingotelID matches `<13-digit epoch ms>-<18 hex chars>`.
func isRingotelID(s string) bool {
	ms, hex, ok := strings.Cut(s, "-")
	if !ok || len(ms) != 13 || !isDigits(ms) || len(hex) != 18 {
		return false
	}
	_, err := strconv.ParseUint(hex[:9], 16, 64)
	_, err2 := strconv.ParseUint(hex[9:], 16, 64)
	return err == nil && err2 == nil && strings.ToLower(hex) == hex
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}
