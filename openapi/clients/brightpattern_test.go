package clients_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/switchboard-sim/switchboard/openapi/clients/brightpattern"
	"github.com/switchboard-sim/switchboard/simulator/switchboardtest"
)

// brightPattern is a typed Bright Pattern client for one app and device.
func brightPattern(t *testing.T, sb *switchboardtest.Instance, app, device string) *brightpattern.ClientWithResponses {
	t.Helper()
	c, err := brightpattern.NewClientWithResponses(sb.API("brightpattern"),
		brightpattern.WithHTTPClient(sb.Client),
		brightpattern.WithRequestEditorFn(header("Authorization", `MOBILE-API-140-327-PLAIN appId="`+app+`", clientId="`+device+`"`)))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestBrightPatternClient: a requested chat is queued, then connected by
// the default flow as the tenant's clock moves; a chat without a required
// parameter is the documented 400 naming it.
func TestBrightPatternClient(t *testing.T) {
	sb, ac := start(t)
	ctx := context.Background()
	tenantURL := "typed.example.com"
	params := &brightpattern.RequestChatParams{TenantUrl: &tenantURL}

	c := brightPattern(t, sb, "SwitchboardWebChat", "typed-device-1")
	chat, err := c.RequestChatWithResponse(ctx, params, brightpattern.RequestChatJSONRequestBody{
		Parameters: &map[string]any{"first_name": "Anna"},
	})
	if err != nil {
		t.Fatal(err)
	}
	wantStatus(t, "RequestChat", chat.StatusCode(), http.StatusOK, chat.Body)
	if chat.JSON200.State != "queued" || !chat.JSON200.IsNewChat {
		t.Errorf("new chat: state %q, is_new_chat %v; want queued, true", chat.JSON200.State, chat.JSON200.IsNewChat)
	}

	// connecting at +2 s, the virtual assistant joins and the chat is connected at +3 s.
	advance(t, ac, tenantURL+"/SwitchboardWebChat", 5*time.Second)
	active, err := c.GetActiveChatWithResponse(ctx, &brightpattern.GetActiveChatParams{TenantUrl: &tenantURL})
	if err != nil {
		t.Fatal(err)
	}
	wantStatus(t, "GetActiveChat", active.StatusCode(), http.StatusOK, active.Body)
	if active.JSON200.ChatId != chat.JSON200.ChatId || active.JSON200.State != "connected" {
		t.Errorf("active chat = %+v, want %s connected", *active.JSON200, chat.JSON200.ChatId)
	}

	strict := brightPattern(t, sb, "StrictForm", "typed-device-2")
	bad, err := strict.RequestChatWithResponse(ctx, params, brightpattern.RequestChatJSONRequestBody{
		Parameters: &map[string]any{"first_name": "Anna"},
	})
	if err != nil {
		t.Fatal(err)
	}
	wantStatus(t, "RequestChat without email", bad.StatusCode(), http.StatusBadRequest, bad.Body)
	if bad.JSON400.ErrorCode != 400 || !strings.Contains(bad.JSON400.ErrorMessage, "email") {
		t.Errorf("400 body = %+v, want error_code 400 naming email", *bad.JSON400)
	}
}
