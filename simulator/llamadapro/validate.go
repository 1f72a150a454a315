package llamadapro

import (
	"net/mail"
	"regexp"
	"strings"
)

var e164 = regexp.MustCompile(`^\+[1-9][0-9]{6,14}$`)

// isE164 reports whether s is a phone number in E.164 form (+14155552671).
func isE164(s string) bool { return e164.MatchString(s) }

// isEmail reports whether s is a plain address (no display name).
func isEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	return err == nil && a.Address == s && strings.Contains(s[strings.LastIndex(s, "@"):], ".")
}

// Channel types of a contact address.
const (
	ChannelPhone    = "PHONE"
	ChannelWhatsApp = "WHATSAPP"
	ChannelEmail    = "EMAIL"
)

// checkAddress validates one address for its channel and returns the reason it is wrong, or "".
func checkAddress(channel, address string) string {
	switch channel {
	case ChannelPhone, ChannelWhatsApp, "SMS":
		if !isE164(address) {
			return "must be a phone number in E.164 format, e.g. +14155552671"
		}
	case ChannelEmail:
		if !isEmail(address) {
			return "must be a valid email address"
		}
	}
	return ""
}

func strp(s string) *string { return &s }

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
