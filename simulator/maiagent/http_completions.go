package maiagent

import (
	"encoding/json"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/switchboard-sim/switchboard/simulator/gateway"
)

// StreamEvent is one Server-Sent Event of a streamed completion: a content
// delta, the conversation id under both spellings clients read, and done.
type StreamEvent struct {
	Content             string `json:"content"`
	ConversationID      string `json:"conversationId"`
	ConversationIDSnake string `json:"conversation_id"`
	Done                bool   `json:"done"`
}

type completionBody struct {
	Conversation *string `json:"conversation"`
	Message      struct {
		Content     string          `json:"content"`
		Attachments []AttachmentRef `json:"attachments"`
		Sender      *string         `json:"sender"`
		Metadata    map[string]any  `json:"metadata"`
	} `json:"message"`
	IsStreaming      *bool `json:"isStreaming"`
	IsStreamingSnake *bool `json:"is_streaming"` // the official examples' spelling
}

// createCompletion answers Send Message (Stream). Streaming is chosen by the
// body flag alone: the official client sends no Accept header.
func (a *API) createCompletion(c *gin.Context) {
	var in completionBody
	if !decode(c, &in) {
		return
	}
	req := CompletionRequest{ChatbotID: c.Param("chatbotId"), Content: in.Message.Content, Attachments: in.Message.Attachments}
	if in.Conversation != nil {
		req.Conversation = *in.Conversation
	}
	if in.Message.Sender != nil {
		req.Sender = *in.Message.Sender
	}
	scenario, err := a.chosenScenario(in.Message.Metadata)
	if err != nil {
		gateway.Fail(c, err)
		return
	}
	st := a.state(c)
	turn, err := st.StartCompletion(req)
	if err != nil {
		gateway.Fail(c, err)
		return
	}
	a.scriptTurn(gateway.Tenant(c), st, &turn, scenario)
	if !(in.IsStreaming != nil && *in.IsStreaming) && !(in.IsStreamingSnake != nil && *in.IsStreamingSnake) {
		st.FinishCompletion(turn, turn.Answer, len(turn.Tokens))
		gateway.JSON(c, http.StatusOK, gin.H{"content": turn.Answer, "conversationId": turn.ConversationID, "conversation_id": turn.ConversationID})
		return
	}
	produced, sent := a.stream(c, st, turn)
	st.FinishCompletion(turn, produced, sent)
}

// stream writes the answer's tokens as events (grouped and paced as the
// conversation's scenario says, else one token each TokenDelay apart) and a
// final done event. It runs on the request's goroutine and stops as soon as
// the client goes away, returning what was sent and how many tokens.
func (a *API) stream(c *gin.Context, st *State, t Turn) (string, int) {
	c.Header("Content-Type", "text/event-stream")
	c.Header("Cache-Control", "no-cache")
	c.Header("X-Accel-Buffering", "no")
	c.Status(http.StatusOK)
	ctx := c.Request.Context()
	parts, delay := t.Tokens, a.opts.TokenDelay
	if p, ok := st.pacingOf(t.ConversationID); ok {
		parts = chunks(t.Tokens, p.TokensPerChunk)
		if delay > 0 { // --maiagent-token-delay 0 turns wall-clock pacing off
			delay = min(p.TokenDelay, maxChunkDelay)
		}
	}
	var produced strings.Builder
	for i, part := range parts {
		if i > 0 && delay > 0 {
			timer := time.NewTimer(delay)
			select {
			case <-ctx.Done():
				timer.Stop()
				return produced.String(), len(tokens(produced.String()))
			case <-timer.C:
			}
		}
		if ctx.Err() != nil || writeEvent(c, StreamEvent{Content: part, ConversationID: t.ConversationID, ConversationIDSnake: t.ConversationID}) != nil {
			return produced.String(), len(tokens(produced.String()))
		}
		produced.WriteString(part)
	}
	_ = writeEvent(c, StreamEvent{ConversationID: t.ConversationID, ConversationIDSnake: t.ConversationID, Done: true})
	return produced.String(), len(t.Tokens)
}

func writeEvent(c *gin.Context, ev StreamEvent) error {
	b, _ := json.Marshal(ev)
	if _, err := c.Writer.Write([]byte("data: " + string(b) + "\n\n")); err != nil {
		return err
	}
	c.Writer.Flush()
	return nil
}
