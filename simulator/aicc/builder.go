package aicc

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/switchboard-sim/switchboard/simulator/errs"
)

var locateRe = regexp.MustCompile(`^-?\d{1,3}(\.\d+)?/-?\d{1,3}(\.\d+)?/.*$`)

// checkSpec names every wrong field of one message to push; at is the
// field path of the message in the request.
func checkSpec(c *errs.Collector, at string, m MessageSpec) {
	if !oneOf(m.SourceType, SourceAgent, SourceRobot, SourceSystem) {
		c.Add(at+".sourceType", "must be AGENT, ROBOT or SYSTEM")
	}
	if !oneOf(m.ControlType, ControlConnect, ControlChat, ControlDisconnect, ControlTrans2Agent, ControlRead) {
		c.Add(at+".controlType", "must be CONNECT, CHAT, DISCONNECT, TRANS2AGENT or READ")
	}
	if m.MediaType != "" && !oneOf(m.MediaType, MediaText, MediaImage, MediaVideo, MediaAudio, MediaLocate, MediaDocument) {
		c.Add(at+".mediaType", "must be TEXT, IMAGE, VIDEO, AUDIO, LOCATE or DOCUMENT")
	}
	if m.ControlType == ControlChat && m.MediaType == MediaLocate && m.Content != "" && !locateRe.MatchString(m.Content) {
		c.Add(at+".content", "a LOCATE content is latitude/longitude/description, e.g. 22.54/114.06/Shenzhen")
	}
	if len(m.MessageCode) > 64 {
		c.Add(at+".messageCode", "is at most 64 characters")
	}
	if len(m.Content) > 4096 {
		c.Add(at+".content", "is at most 4096 characters")
	}
	if m.SimQuestions != "" && m.SourceType != SourceRobot {
		c.Add(at+".simQuestions", "is sent with robot answers only (sourceType ROBOT)")
	}
	if m.IsOfflineStatus != nil && !(m.SourceType == SourceSystem && m.ControlType == ControlDisconnect) {
		c.Add(at+".isOfflineStatus", "is sent only with a timeout disconnect (sourceType SYSTEM, controlType DISCONNECT)")
	}
}

// checkResources names media content that is not a known resource id (locked).
func (s *State) checkResourcesLocked(c *errs.Collector, conv *Conversation, specs []MessageSpec) {
	for i, m := range specs {
		at := fmt.Sprintf("messages[%d].content", i)
		if m.ControlType == ControlChat && isMedia(m.MediaType) && m.Content != "" {
			if r, ok := s.resources[m.Content]; !ok || r.MediaType != m.MediaType {
				c.Add(at, fmt.Sprintf("%q is not a %s resource id; leave content empty to create one", m.Content, m.MediaType))
			}
		}
		if m.ControlType == ControlRead && m.Content == "" && len(conv.Unread) == 0 {
			c.Add(at, "the customer has no unread messages; give the message ids to report read")
		}
	}
}

// buildLocked turns a checked spec into the pushed message, applying the
// defaults, and moves the conversation's status.
func (s *State) buildLocked(conv *Conversation, m MessageSpec, now time.Time) DownLinkMsg {
	conv.msgSeq++
	out := DownLinkMsg{
		From: conv.ChannelID, Channel: conv.Channel, To: conv.UserID,
		ControlType: m.ControlType, SourceType: m.SourceType, Timestamp: ms(now),
		CallID: strp(conv.ID),
	}
	r := strings.NewReplacer("{robot}", conv.RobotName, "{agent}", conv.AgentName, "{userId}", conv.UserID)
	content := r.Replace(m.Content)
	media := m.MediaType
	switch m.ControlType {
	case ControlChat:
		if media == "" {
			media = MediaText
		}
		switch {
		case isMedia(media) && content == "":
			s.resSeq++
			res := newResource(fmt.Sprintf("%s-%06d", strings.ToLower(media), s.resSeq), media)
			s.resources[res.ID] = res
			content = res.ID
		case media == MediaLocate && content == "":
			content = fmt.Sprintf("%.6f/%.6f/%s", s.fake.Latitude(), s.fake.Longitude(), s.fake.City())
		}
	case ControlRead:
		if content == "" {
			content = strings.Join(conv.Unread, ",")
		}
		conv.Unread = conv.Unread[:0]
	case ControlDisconnect:
		if m.SourceType == SourceSystem {
			offline := conv.AsyncSwitch
			if m.IsOfflineStatus != nil {
				offline = *m.IsOfflineStatus
			}
			out.IsOfflineStatus = &offline
			if offline && content == "" {
				content = s.api.fixtures.OfflineTips
			}
			if offline && media == "" {
				media = MediaText // the seed's "disconnect by timeout, async on" sample: TEXT {TIPS}
			}
			if !offline {
				content, media = "", ""
			}
		} else if content == "" {
			media = ""
		}
	}
	if media != "" {
		out.MediaType = strp(media)
	}
	if content != "" {
		out.Content = strp(content)
	}
	nick := m.SenderNickname
	if nick == "" {
		switch {
		case m.SourceType == SourceAgent && m.ControlType != ControlDisconnect && m.ControlType != ControlRead:
			nick = conv.AgentName
		case m.SourceType == SourceRobot:
			nick = conv.RobotName
		case m.SourceType == SourceSystem && m.ControlType == ControlChat:
			nick = "SYSTEM"
		}
	}
	if nick != "" {
		out.SenderNickname = strp(nick)
	}
	if m.SimQuestions != "" {
		out.SimQuestions = strp(m.SimQuestions)
	}
	code := m.MessageCode
	if code == "" && m.ControlType == ControlChat && m.SourceType != SourceSystem {
		code = fmt.Sprintf("%s-%04d", conv.ID, conv.msgSeq)
	}
	if code != "" {
		out.MessageCode = strp(code)
	}
	switch {
	case m.ControlType == ControlTrans2Agent:
		conv.Status = StatusQueuing
	case m.SourceType == SourceAgent && conv.Status != StatusClosed:
		conv.Status = StatusAgent
	}
	return out
}
