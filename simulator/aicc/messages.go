package aicc

// DownLinkMsg is one message or event AICC pushes (seed 001, table 3). Fields
// the seed's sample sends as null are pointers, so they marshal as null.
type DownLinkMsg struct {
	From            string  `json:"from"`
	Channel         string  `json:"channel"`
	To              string  `json:"to"`
	ControlType     string  `json:"controlType"`
	MediaType       *string `json:"mediaType"`
	Content         *string `json:"content"`
	SimQuestions    *string `json:"simQuestions"`
	SenderNickname  *string `json:"senderNickname"`
	Timestamp       int64   `json:"timestamp"`
	SourceType      string  `json:"sourceType"`
	CallID          *string `json:"callId"`
	MessageCode     *string `json:"messageCode"`
	IsOfflineStatus *bool   `json:"isOfflineStatus,omitempty"`
}

// PushBody is what the receiver gets: {timestamp, messages}.
type PushBody struct {
	Timestamp int64         `json:"timestamp"`
	Messages  []DownLinkMsg `json:"messages"`
}

// The seed's enumerations.
const (
	SourceAgent  = "AGENT"
	SourceRobot  = "ROBOT"
	SourceSystem = "SYSTEM"

	ControlConnect     = "CONNECT"
	ControlChat        = "CHAT"
	ControlDisconnect  = "DISCONNECT"
	ControlTrans2Agent = "TRANS2AGENT"
	ControlRead        = "READ"

	MediaText     = "TEXT"
	MediaImage    = "IMAGE"
	MediaVideo    = "VIDEO"
	MediaAudio    = "AUDIO"
	MediaLocate   = "LOCATE"
	MediaDocument = "DOCUMENT"
)

// MessageSpec describes a message to push; empty fields get the defaults
// documented in docs/aicc.md (nicknames, resource ids, READ ids, TIPS text).
type MessageSpec struct {
	SourceType      string `json:"sourceType" yaml:"sourceType"`
	ControlType     string `json:"controlType" yaml:"controlType"`
	MediaType       string `json:"mediaType,omitempty" yaml:"mediaType"`
	Content         string `json:"content,omitempty" yaml:"content"`
	SenderNickname  string `json:"senderNickname,omitempty" yaml:"senderNickname"`
	SimQuestions    string `json:"simQuestions,omitempty" yaml:"simQuestions"`
	MessageCode     string `json:"messageCode,omitempty" yaml:"messageCode"`
	IsOfflineStatus *bool  `json:"isOfflineStatus,omitempty" yaml:"isOfflineStatus"`
}

func strp(s string) *string { return &s }

func isMedia(m string) bool {
	return m == MediaImage || m == MediaVideo || m == MediaAudio || m == MediaDocument
}

func oneOf(v string, set ...string) bool {
	for _, s := range set {
		if v == s {
			return true
		}
	}
	return false
}
