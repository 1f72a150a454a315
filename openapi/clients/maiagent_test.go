package clients_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/switchboard-sim/switchboard/openapi/clients/maiagent"
)

// TestMaiAgentClient: a non-streaming completion answers a knowledge-base
// question word for word and creates the conversation it reports; an
// unknown conversation is DRF's documented 404.
func TestMaiAgentClient(t *testing.T) {
	sb, _ := start(t)
	ctx := context.Background()
	c, err := maiagent.NewClientWithResponses(sb.API("maiagent"),
		maiagent.WithHTTPClient(sb.Client),
		maiagent.WithRequestEditorFn(header("Authorization", "Api-Key typed-maiagent")))
	if err != nil {
		t.Fatal(err)
	}
	const acme = "6b0f6a44-3c1e-4a7b-9d2e-1f5c8a9b0c01" // fixtures/maiagent.yaml
	const answer = "Our support team is available Monday to Friday, 9:00 to 18:00 Taipei time, and on Saturdays from 10:00 to 14:00."

	var req maiagent.CreateCompletionJSONRequestBody
	req.Message.Content = "What are your opening hours?"
	streaming := false
	req.IsStreamingSnake = &streaming
	done, err := c.CreateCompletionWithResponse(ctx, acme, req)
	if err != nil {
		t.Fatal(err)
	}
	wantStatus(t, "CreateCompletion", done.StatusCode(), http.StatusOK, done.Body)
	if done.JSON200.Content != answer {
		t.Errorf("answer = %q, want the knowledge base's %q", done.JSON200.Content, answer)
	}
	if done.JSON200.ConversationId != done.JSON200.ConversationIdSnake {
		t.Errorf("conversationId %q and conversation_id %q differ", done.JSON200.ConversationId, done.JSON200.ConversationIdSnake)
	}

	conv, err := c.GetConversationWithResponse(ctx, done.JSON200.ConversationId)
	if err != nil {
		t.Fatal(err)
	}
	wantStatus(t, "GetConversation", conv.StatusCode(), http.StatusOK, conv.Body)
	last, err := conv.JSON200.LastMessage.AsMessage()
	if err != nil {
		t.Fatal(err)
	}
	if last.Content != answer || last.Type != maiagent.MessageTypeOutgoing {
		t.Errorf("lastMessage = %q (%s), want the reply, outgoing", last.Content, last.Type)
	}

	missing, err := c.GetConversationWithResponse(ctx, "00000000-0000-4000-8000-000000000000")
	if err != nil {
		t.Fatal(err)
	}
	wantStatus(t, "GetConversation unknown", missing.StatusCode(), http.StatusNotFound, missing.Body)
	if missing.JSON404.Detail != "Not found." {
		t.Errorf("404 detail = %q, want %q", missing.JSON404.Detail, "Not found.")
	}
}
