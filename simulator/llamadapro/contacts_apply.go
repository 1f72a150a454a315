package llamadapro

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/switchboard-sim/switchboard/simulator/errs"
)

// applyContact writes the fields of body onto c, naming every wrong field.
// Callers hold mu; c is a copy, so nothing is half-applied on error.
func (s *State) applyContact(c *Contact, body map[string]json.RawMessage, create bool) error {
	var bad errs.Collector
	strs := map[string]**string{
		"providerId": &c.ProviderID, "providerName": &c.ProviderName, "nationalId": &c.NationalID,
		"firstName": &c.FirstName, "lastName": &c.LastName, "companyPosition": &c.CompanyPosition,
	}
	keys := make([]string, 0, len(body))
	for k := range body {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, key := range keys {
		raw := body[key]
		if p, ok := strs[key]; ok {
			var v *string // fresh: decoding into *p would write through the shared pointer
			if err := json.Unmarshal(raw, &v); err != nil {
				bad.Add(key, "must be a string or null")
			}
			*p = v
			continue
		}
		switch key {
		case "userId", "contactCompanyId":
			var v *float64
			if json.Unmarshal(raw, &v) != nil {
				bad.Add(key, "must be a number or null")
			}
			if key == "userId" {
				c.UserID = v
			} else {
				c.ContactCompanyID = v
			}
		case "metadata":
			_ = json.Unmarshal(raw, &c.Metadata)
		case "createdAt":
			var t time.Time
			if json.Unmarshal(raw, &t) != nil {
				bad.Add(key, "must be an RFC 3339 date-time")
			} else if create {
				c.CreatedAt = t.UTC()
			}
		case "customFields":
			var m map[string]any
			if json.Unmarshal(raw, &m) != nil {
				bad.Add(key, "must be an object")
				continue
			}
			s.mergeCustomFields(EntityContact, c.CustomFields, m, "customFields", &bad)
		case "addresses":
			var in []NewAddress
			if json.Unmarshal(raw, &in) != nil {
				bad.Add(key, "must be an array of {channelType, address}")
				continue
			}
			c.Addresses = s.replaceAddresses(c.Addresses, in, "addresses", &bad)
		}
	}
	s.mirrorLegacy(c, body, &bad)
	return bad.Err()
}

// replaceAddresses validates in and keeps the ids of addresses that did not change.
func (s *State) replaceAddresses(old []Address, in []NewAddress, field string, bad *errs.Collector) []Address {
	out := make([]Address, 0, len(in))
	for i, a := range in {
		a.ChannelType = strings.ToUpper(strings.TrimSpace(a.ChannelType))
		a.Address = strings.TrimSpace(a.Address)
		if a.ChannelType == ChannelEmail {
			a.Address = strings.ToLower(a.Address)
		}
		if why := checkAddress(a.ChannelType, a.Address); why != "" {
			bad.Add(fmt.Sprintf("%s[%d].address", field, i), why)
			continue
		}
		kept := Address{ChannelType: a.ChannelType, Address: a.Address}
		for _, o := range old {
			if o.ChannelType == a.ChannelType && o.Address == a.Address {
				kept = o
				break
			}
		}
		out = append(out, kept)
	}
	return out
}

// mirrorLegacy applies the deprecated phone and email fields: each sets the
// first address of its kind (adding one when there is none; null removes it).
func (s *State) mirrorLegacy(c *Contact, body map[string]json.RawMessage, bad *errs.Collector) {
	for _, f := range []struct{ key, channel string }{{"phone", ChannelPhone}, {"email", ChannelEmail}} {
		raw, ok := body[f.key]
		if !ok {
			continue
		}
		var v *string
		if json.Unmarshal(raw, &v) != nil {
			bad.Add(f.key, "must be a string or null")
			continue
		}
		idx := -1
		for i, a := range c.Addresses {
			if a.ChannelType == f.channel {
				idx = i
				break
			}
		}
		if v == nil {
			if idx >= 0 {
				c.Addresses = append(c.Addresses[:idx:idx], c.Addresses[idx+1:]...)
			}
			continue
		}
		val := strings.TrimSpace(*v)
		if f.channel == ChannelEmail {
			val = strings.ToLower(val)
		}
		if why := checkAddress(f.channel, val); why != "" {
			bad.Add(f.key, why)
			continue
		}
		switch {
		case idx < 0:
			c.Addresses = append(c.Addresses, Address{ChannelType: f.channel, Address: val})
		case c.Addresses[idx].Address != val:
			c.Addresses[idx] = Address{ChannelType: f.channel, Address: val}
		}
	}
}
