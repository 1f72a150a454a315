package brightpattern

import "strconv"

// Event is one chat event as it travels in {"events":[...]}: the "event"
// name plus its fields. Events are never changed once built, so the same
// value may sit in the history and the delivery queue.
type Event map[string]any

// Name is the event's type, e.g. chat_session_message.
func (e Event) Name() string { s, _ := e["event"].(string); return s }

// The twelve server events of the seed, with the real wire spelling of the
// inactivity timeout (the seed prints chat_session_inactvity_timeout).
const (
	EvStatus            = "chat_session_status"
	EvEnded             = "chat_session_ended"
	EvPartyJoined       = "chat_session_party_joined"
	EvPartyLeft         = "chat_session_party_left"
	EvMessage           = "chat_session_message"
	EvTyping            = "chat_session_typing"
	EvNotTyping         = "chat_session_not_typing"
	EvFormShow          = "chat_session_form_show"
	EvTimeoutWarning    = "chat_session_timeout_warning"
	EvInactivityTimeout = "chat_session_inactivity_timeout"
	EvSignaling         = "chat_session_signaling"
	EvFile              = "chat_session_file"
)

// The client events of Send Events.
const (
	CevMessage    = "chat_session_message"
	CevTyping     = "chat_session_typing"
	CevNotTyping  = "chat_session_not_typing"
	CevFormData   = "chat_session_form_data"
	CevEnd        = "chat_session_end"
	CevDisconnect = "chat_session_disconnect"
	CevSignaling  = "chat_session_signaling"
	CevFile       = "chat_session_file"
	CevNavigation = "chat_session_navigation"
	CevLocation   = "chat_session_location"
)

// ClientEvents lists every client event type Send Events accepts.
var ClientEvents = []string{
	CevMessage, CevTyping, CevNotTyping, CevFormData, CevEnd, CevDisconnect,
	CevSignaling, CevFile, CevNavigation, CevLocation,
}

func statusEvent(state string, ewt int) Event {
	e := Event{"event": EvStatus, "state": state}
	if state == "queued" {
		e["ewt"] = strconv.Itoa(ewt)
	}
	return e
}

func joinedEvent(p Party, ts int64) Event {
	return Event{
		"event": EvPartyJoined, "party_id": p.ID, "first_name": p.FirstName, "last_name": p.LastName,
		"display_name": p.DisplayName, "type": p.Type, "timestamp": ts,
	}
}

func leftEvent(partyID string, ts int64) Event {
	return Event{"event": EvPartyLeft, "party_id": partyID, "timestamp": ts}
}

func messageEvent(partyID, msgID, msg string, ts int64) Event {
	return Event{"event": EvMessage, "party_id": partyID, "msg_id": msgID, "msg": msg, "timestamp": ts}
}

func typingEvent(name, partyID string) Event { return Event{"event": name, "party_id": partyID} }

func formShowEvent(requestID, name string, timeout int) Event {
	return Event{"event": EvFormShow, "form_request_id": requestID, "form_name": name, "form_timeout": strconv.Itoa(timeout)}
}

func textEvent(name, msg string, ts int64) Event {
	return Event{"event": name, "msg": msg, "timestamp": ts}
}

func signalingEvent(partyID, msgID string, data any) Event {
	return Event{"event": EvSignaling, "party_id": partyID, "msg_id": msgID, "data": data}
}

func fileEvent(partyID, msgID string, f FileInfo, ts int64) Event {
	return Event{
		"event": EvFile, "party_id": partyID, "msg_id": msgID, "file_id": f.ID, "file_name": f.Name,
		"file_type": f.Type, "timestamp": ts,
	}
}
