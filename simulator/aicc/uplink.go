package aicc

import (
	"fmt"

	"github.com/switchboard-sim/switchboard/scenarios"
	"github.com/switchboard-sim/switchboard/simulator/errs"
)

// SendMsgReq is the customer's message through the up-link, modelled on
// CC-Messaging's POST /apiaccess/ccmessaging/send (sendMsgReq).
type SendMsgReq struct {
	Channel        string `json:"channel"`
	Content        string `json:"content"`
	ControlType    string `json:"controlType"`
	From           string `json:"from"`
	MediaType      string `json:"mediaType"`
	SenderNickname string `json:"senderNickname"`
	SourceType     string `json:"sourceType"`
	Timestamp      string `json:"timestamp"`
	To             string `json:"to"`
	UserAgent      string `json:"userAgent"`
}

// SendResult answers an up-link send.
type SendResult struct {
	ResultCode     string `json:"resultCode"`
	ResultDesc     string `json:"resultDesc"`
	ConversationID string `json:"conversationId,omitempty"`
	MessageID      string `json:"messageId,omitempty"`
}

// CustomerSend applies a customer's message: CONNECT opens a conversation
// and runs the connect flow; CHAT records the message (unread until an
// agent READ) and, while a robot serves, gets a robot answer; TRANS2AGENT
// runs the transfer flow; DISCONNECT closes; INPUT and READ are accepted.
// When a scenario drives the conversation (the tenant's active AICC
// scenario when it opened) no flow or robot answer runs: CONNECT reports
// chatRequested and a TEXT CHAT customerMessage to the scenario instead.
func (s *State) CustomerSend(in SendMsgReq) (SendResult, error) {
	res, ev, err := s.customerSend(in)
	s.emit(ev)
	return res, err
}

func (s *State) customerSend(in SendMsgReq) (res SendResult, ev *scenarios.Event, err error) {
	if !channelIDRe.MatchString(in.To) {
		return SendResult{}, nil, errs.InvalidField("to", "must be the channel configuration id: 1 to 64 characters of A-Z, a-z, 0-9, _ and -")
	}
	if in.ControlType == ControlChat && in.Content == "" {
		return SendResult{}, nil, errs.InvalidField("content", "is required for CHAT")
	}
	fx := s.api.fixtures
	tenantScenario := ""
	if in.ControlType == ControlConnect {
		tenantScenario = s.api.tenantScenario(s.tenant)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	ok := SendResult{ResultCode: "0", ResultDesc: "success"}
	conv := s.convs[s.active[activeKey(in.To, in.From)]]
	if in.ControlType == ControlConnect {
		switch {
		case conv != nil:
		case tenantScenario != "":
			conv = s.openLocked(StartRequest{ChannelID: in.To, UserID: in.From, Channel: in.Channel, Flow: "none", Scenario: tenantScenario})
			ev = requested(conv)
		default:
			conv = s.openLocked(StartRequest{ChannelID: in.To, UserID: in.From, Channel: in.Channel, Flow: fx.ConnectFlow})
			s.scheduleLocked(conv, fx.Flows[fx.ConnectFlow], conv.StartedAt)
		}
		ok.ConversationID = conv.ID
		return ok, ev, nil
	}
	if conv == nil {
		return SendResult{}, nil, errs.New(errs.Conflict, "user %q has no open session on channel %s: send CONNECT first", in.From, in.To)
	}
	ok.ConversationID = conv.ID
	now := s.now()
	switch in.ControlType {
	case ControlChat:
		media := in.MediaType
		if media == "" {
			media = MediaText
		}
		conv.msgSeq++
		m := CustomerMessage{ID: fmt.Sprintf("%s-c%04d", conv.ID, conv.msgSeq), ControlType: ControlChat, MediaType: media, Content: in.Content, Timestamp: ms(now)}
		conv.Uplink = append(conv.Uplink, m)
		if n := len(conv.Uplink); n > maxHistory {
			conv.Uplink = append([]CustomerMessage(nil), conv.Uplink[n-maxHistory:]...)
		}
		conv.Unread = append(conv.Unread, m.ID)
		if n := len(conv.Unread); n > maxHistory {
			conv.Unread = append([]string{}, conv.Unread[n-maxHistory:]...)
		}
		ok.MessageID = m.ID
		if conv.Scenario != "" {
			if media == MediaText {
				ev = customerSaid(conv, in.Content)
			}
			break
		}
		if conv.Status == StatusRobot && media == MediaText {
			s.emitLocked(conv, []MessageSpec{{
				SourceType: SourceRobot, ControlType: ControlChat, MediaType: MediaText,
				Content: fmt.Sprintf("Here is what I found about %q.", truncate(in.Content, 80)), SimQuestions: fx.RobotSimQuestions,
			}}, now)
		}
	case ControlTrans2Agent:
		if conv.Status == StatusRobot && conv.Scenario == "" {
			s.scheduleLocked(conv, fx.Flows[fx.TransferFlow], now)
		}
	case ControlDisconnect:
		s.closeLocked(conv, now)
	}
	return ok, ev, nil
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}
