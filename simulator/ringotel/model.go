package ringotel

import "time"

// Message types (seed 000 and Ringotel's Postman collection).
const (
	TypeText    = 1 // a text message
	TypeFile    = 2 // a file (uploaded, or referenced by name or URL)
	TypeFileURL = 7 // a file given by URL
	TypeCall    = 8 // a call-history record
)

// Directions, seen from the org's user.
const (
	Inbound  = "inbound"
	Outbound = "outbound"
)

// Session states.
const (
	SessionOpen   = "open"
	SessionClosed = "closed"
)

// User is an org member with an extension, as getChatUsers lists it.
type User struct {
	ID        string `json:"id" yaml:"id"`
	Extension string `json:"phone" yaml:"extension"`
	Name      string `json:"name" yaml:"name"`
	State     int    `json:"state" yaml:"state"`
}

// File describes a file message's attachment.
type File struct {
	Name     string `json:"name" yaml:"name"`
	Size     int64  `json:"size" yaml:"size"`
	MimeType string `json:"mimeType,omitempty" yaml:"mimeType"`
	URL      string `json:"url,omitempty" yaml:"url"`
}

// CallRecord is a type-8 message's content, in the seed's key spelling.
type CallRecord struct {
	ActivityType      string  `json:"activity_type"`
	CallDuration      float64 `json:"call_duration"`
	CallerNumber      string  `json:"caller_number"`
	CalledNumber      string  `json:"called_number"`
	CallSubject       string  `json:"call_subject,omitempty"`
	CallSummary       string  `json:"call_summary,omitempty"`
	CallTranscription string  `json:"call_transcription,omitempty"`
	Timestamp         *int64  `json:"timestamp,omitempty"`
}

// Message is one synced item, in the control plane's shape.
type Message struct {
	MessageID  string      `json:"messageid"`
	OrgID      string      `json:"orgid"`
	SessionID  string      `json:"sessionid,omitempty"`
	Type       int         `json:"type"`
	Direction  string      `json:"direction"`
	From       string      `json:"from"`
	To         string      `json:"to"`
	Text       *string     `json:"text,omitempty"`
	Call       *CallRecord `json:"call,omitempty"`
	File       *File       `json:"file,omitempty"`
	CopiedFrom string      `json:"copiedFrom,omitempty"`
	Timestamp  int64       `json:"timestamp"`
	SyncedAt   time.Time   `json:"syncedAt"`
	Read       bool        `json:"read"`
	Delivered  bool        `json:"delivered"`
	Edited     bool        `json:"edited"`
	Deleted    bool        `json:"deleted"`
}

// Session is a chat between one org user (extension or DID) and one
// external number, in the control plane's shape.
type Session struct {
	SessionID      string     `json:"sessionid"`
	OrgID          string     `json:"orgid"`
	User           string     `json:"user"`
	UserKind       string     `json:"userKind"`
	External       string     `json:"external"`
	Status         string     `json:"status"`
	CreatedAt      time.Time  `json:"createdAt"`
	LastActivityAt time.Time  `json:"lastActivityAt"`
	ClosesAt       *time.Time `json:"closesAt,omitempty"`
	ClosedAt       *time.Time `json:"closedAt,omitempty"`
	CloseReason    string     `json:"closeReason,omitempty"`
	MessageCount   int        `json:"messageCount"`
}
