package ringotel

// callKeys pairs each seed content key with the Postman collection's
// spelling of it. The seed's key wins; sending both is an error.
var callKeys = map[string]string{
	"call_duration":      "duration",
	"caller_number":      "caller",
	"called_number":      "called",
	"call_subject":       "subject",
	"call_summary":       "comment",
	"call_transcription": "transcription",
}

// key picks the spelling present in c, preferring the seed's.
func callKey(c *params, seed string) string {
	alt := callKeys[seed]
	switch {
	case c.has(seed) && c.has(alt):
		c.fail(alt, "is the same field as "+seed+"; send one of them")
	case c.has(alt):
		return alt
	}
	return seed
}

// parseCallRecord reads a type-8 content object. activity_type may be left
// out (the Postman spelling has none); the caller then derives it from
// which number is the org's user.
func parseCallRecord(c *params) *CallRecord {
	r := &CallRecord{}
	if c.has("activity_type") {
		r.ActivityType = c.str("activity_type", false)
		if c.kind("activity_type") == "string" && r.ActivityType != Inbound && r.ActivityType != Outbound {
			c.fail("activity_type", `must be "inbound" or "outbound", got `+quote(r.ActivityType))
		}
	}
	dk := callKey(c, "call_duration")
	if !c.has(dk) {
		c.fail(dk, "is required (the call's duration in seconds)")
	} else if d, ok := c.num(dk); ok {
		if d < 0 {
			c.fail(dk, "must be 0 or more")
		}
		r.CallDuration = d
	}
	r.CallerNumber = c.phone(callKey(c, "caller_number"), true)
	r.CalledNumber = c.phone(callKey(c, "called_number"), true)
	r.CallSubject = c.str(callKey(c, "call_subject"), false)
	r.CallSummary = c.str(callKey(c, "call_summary"), false)
	r.CallTranscription = c.str(callKey(c, "call_transcription"), false)
	r.Timestamp = c.millis("timestamp")
	return r
}
