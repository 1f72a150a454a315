package llamadapro

// contactWithAddress is the contact with the lowest id that has address
// (case-insensitively) on a phone-like channel when phone is true, or as an
// email; nil if none. It reads the contacts' equality index of
// addresses.address, so filing a call or message does not read every
// contact. Callers hold mu.
func (s *State) contactWithAddress(address string, phone bool) *Contact {
	var found *Contact
	s.cix.each("addresses.address", address, func(id int64) bool {
		if c := s.contacts[id]; c.hasAddress(address, phone) {
			found = c
		}
		return found == nil
	})
	return found
}

// firstContactWith is the contact with the lowest id that has any of
// phones on a phone-like channel or any of emails; nil if none. Callers hold mu.
func (s *State) firstContactWith(phones, emails []string) *Contact {
	var best *Contact
	consider := func(c *Contact) {
		if c != nil && (best == nil || c.ID < best.ID) {
			best = c
		}
	}
	for _, ph := range phones {
		consider(s.contactWithAddress(ph, true))
	}
	for _, em := range emails {
		consider(s.contactWithAddress(em, false))
	}
	return best
}
