package clients_test

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/switchboard-sim/switchboard/openapi/clients/admin"
	"github.com/switchboard-sim/switchboard/openapi/clients/aicc"
	"github.com/switchboard-sim/switchboard/simulator/switchboardtest"
)

// TestAiccClient covers both sides of the AICC spec. AICC is a sender: the
// contract a user implements is the push body their receiver gets
// (PushBody), so the pushes Switchboard delivers to its built-in receiver
// are decoded into the generated PushBody type. The spec's client side is
// the customer up-link: a CONNECT opens a conversation, and a CHAT from a
// customer without one is the documented 409.
func TestAiccClient(t *testing.T) {
	sb, ac := start(t)
	ctx := context.Background()
	const token = "typed-aicc"
	const channel = "202105284494222653"
	tenant := admin.TenantParameter(token)

	// Receiver side: subscribe the built-in receiver, start a conversation
	// running the default flow, and let the tenant's clock run its first step.
	sub, err := ac.AiccCreateSubscriptionWithResponse(ctx, &admin.AiccCreateSubscriptionParams{Tenant: tenant}, admin.AiccCreateSubscriptionJSONRequestBody{
		ChannelId: channel,
		BaseUrl:   sb.API("aicc") + "/receiver/typed",
		Auth: &admin.AiccAuth{
			Mode:      ptr(admin.AiccAuthModeAuthV2),
			AccessKey: ptr("typed-ak"),
			SecretKey: ptr("Q3mZ8vK2pL9xR4tY7wN1cB6hJ5dF0gS3aE8uI2oP4kM"),
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	wantStatus(t, "AiccCreateSubscription", sub.StatusCode(), http.StatusOK, sub.Body)
	conv, err := ac.AiccStartConversationWithResponse(ctx, &admin.AiccStartConversationParams{Tenant: tenant}, admin.AiccStartConversationJSONRequestBody{ChannelId: channel, UserId: "44444444"})
	if err != nil {
		t.Fatal(err)
	}
	wantStatus(t, "AiccStartConversation", conv.StatusCode(), http.StatusOK, conv.Body)
	advance(t, ac, token, time.Second)

	// Delivery is an HTTP POST made in the background: wait for it, bounded.
	var got admin.AiccReceived
	switchboardtest.Eventually(t, 0, "a push at the built-in receiver", func() bool {
		r, err := ac.AiccGetReceiverWithResponse(ctx, "typed", &admin.AiccGetReceiverParams{Tenant: tenant})
		if err != nil {
			t.Fatal(err)
		}
		wantStatus(t, "AiccGetReceiver", r.StatusCode(), http.StatusOK, r.Body)
		if len(r.JSON200.Received) == 0 {
			return false
		}
		got = r.JSON200.Received[0]
		return true
	})
	if !got.Verified {
		t.Errorf("the receiver could not verify the push's auth-v2 signature: %v", got.VerifyError)
	}
	raw, err := json.Marshal(got.Body)
	if err != nil {
		t.Fatal(err)
	}
	var push aicc.PushBody
	if err := json.Unmarshal(raw, &push); err != nil {
		t.Fatalf("the push does not decode as the spec's PushBody: %v\n%s", err, raw)
	}
	if len(push.Messages) == 0 || push.Messages[0].ControlType != aicc.DownLinkMsgControlTypeCONNECT ||
		push.Messages[0].From != channel || push.Messages[0].To != "44444444" {
		t.Errorf("first push = %s, want a CONNECT from channel %s to 44444444", raw, channel)
	}

	// Client side: the customer up-link.
	c, err := aicc.NewClientWithResponses(sb.API("aicc"),
		aicc.WithHTTPClient(sb.Client),
		aicc.WithRequestEditorFn(header("Authorization", "Bearer "+token)),
		aicc.WithRequestEditorFn(header("x-app-key", "typed-app")))
	if err != nil {
		t.Fatal(err)
	}
	opened, err := c.SendMessageWithResponse(ctx, nil, aicc.SendMessageJSONRequestBody{
		Channel: aicc.SendMsgReqChannelWEB, ControlType: aicc.SendMsgReqControlTypeCONNECT, MediaType: aicc.SendMsgReqMediaTypeTEXT,
		SourceType: aicc.SendMsgReqSourceTypeCUSTOMER, From: "55555555", To: channel,
	})
	if err != nil {
		t.Fatal(err)
	}
	wantStatus(t, "SendMessage CONNECT", opened.StatusCode(), http.StatusOK, opened.Body)
	if opened.JSON200.ResultCode != "0" || opened.JSON200.ConversationId == nil {
		t.Errorf("CONNECT answer = %s, want resultCode 0 with a conversationId", opened.Body)
	}

	text := "hello"
	orphan, err := c.SendMessageWithResponse(ctx, nil, aicc.SendMessageJSONRequestBody{
		Channel: aicc.SendMsgReqChannelWEB, ControlType: aicc.SendMsgReqControlTypeCHAT, MediaType: aicc.SendMsgReqMediaTypeTEXT,
		SourceType: aicc.SendMsgReqSourceTypeCUSTOMER, From: "66666666", To: channel, Content: &text,
	})
	if err != nil {
		t.Fatal(err)
	}
	wantStatus(t, "SendMessage CHAT without a session", orphan.StatusCode(), http.StatusConflict, orphan.Body)
	if orphan.JSON409.ResultCode != "409" {
		t.Errorf("409 body = %s, want resultCode \"409\"", orphan.Body)
	}
}

func ptr[T any](v T) *T { return &v }
