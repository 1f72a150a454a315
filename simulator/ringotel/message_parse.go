package ringotel

import "fmt"

// messageCall is a parsed `message` call.
type messageCall struct {
	orgID, from, to, sessionID, messageID, fileRef string
	typ                                            int
	text                                           *string
	call                                           *CallRecord
	timestamp                                      *int64
}

// implicit reports the seed's session-creation form: no content, no
// messageid and no sessionid.
func (m *messageCall) implicit() bool {
	return m.text == nil && m.call == nil && m.fileRef == "" && m.messageID == "" && m.sessionID == "" && m.typ <= TypeText
}

func parseMessage(p *params) messageCall {
	m := messageCall{orgID: p.str("orgid", true), sessionID: p.str("sessionid", false), messageID: p.str("messageid", false)}
	m.timestamp = p.millis("timestamp")
	if f, ok := p.num("type"); ok {
		switch f {
		case TypeText, TypeFile, TypeFileURL, TypeCall:
			m.typ = int(f)
		default:
			p.fail("type", fmt.Sprintf("must be 1 (text), 2 (file), 7 (file by URL) or 8 (call record), got %v", f))
		}
	}
	content := p.has("content")
	switch {
	case m.typ == TypeCall:
		if !content {
			p.fail("content", "is required for type 8: the call-record object")
		} else if k := p.kind("content"); k != "object" {
			p.fail("content", "must be an object for type 8 (call record), got "+k)
		} else {
			m.call = parseCallRecord(p.sub("content", p.raw["content"]))
		}
		if m.messageID != "" {
			p.fail("messageid", "cannot be used with type 8; send the call record as content")
		}
		m.from, m.to = p.phone("from", false), p.phone("to", false)
		return m
	case content && p.kind("content") == "object" && m.typ == 0:
		p.fail("type", "must be 8 when content is a call-record object")
	case content && p.kind("content") != "string":
		p.fail("content", fmt.Sprintf("must be a string for type %d, got %s", max(m.typ, TypeText), p.kind("content")))
	case content:
		t := p.str("content", true)
		m.text = &t
	}
	m.from, m.to = p.phone("from", true), p.phone("to", true)
	if content && m.messageID != "" {
		p.fail("messageid", "send content or messageid, not both")
	}
	if m.typ == TypeFile || m.typ == TypeFileURL {
		m.fileRef = p.str("url", false)
		if m.text != nil && m.fileRef == "" {
			m.fileRef, m.text = *m.text, nil
		}
		if m.fileRef == "" && m.messageID == "" {
			p.fail("content", fmt.Sprintf("is required for type %d: the file's URL (or send messageid)", m.typ))
		}
	}
	if m.sessionID != "" && m.text == nil && m.fileRef == "" && m.messageID == "" {
		p.fail("content", "is required with sessionid (or send messageid); leave out sessionid and content to create a session")
	}
	return m
}
