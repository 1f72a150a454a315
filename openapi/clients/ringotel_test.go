package clients_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/switchboard-sim/switchboard/openapi/clients/ringotel"
)

// TestRingotelClient: getChatUsers lists an org's users; a message without
// its sender is Ringotel's documented HTTP 200 error envelope naming the
// param.
func TestRingotelClient(t *testing.T) {
	sb, _ := start(t)
	ctx := context.Background()
	c, err := ringotel.NewClientWithResponses(sb.API("ringotel"),
		ringotel.WithHTTPClient(sb.Client),
		ringotel.WithRequestEditorFn(header("Authorization", "Bearer typed-ringotel")))
	if err != nil {
		t.Fatal(err)
	}

	users, err := c.RingotelAPIWithResponse(ctx, ringotel.RingotelAPIJSONRequestBody{
		Method: "getChatUsers", Params: &map[string]any{"orgid": "16029670196176812345"},
	})
	if err != nil {
		t.Fatal(err)
	}
	wantStatus(t, "getChatUsers", users.StatusCode(), http.StatusOK, users.Body)
	ok, err := users.JSON200.AsSuccess()
	if err != nil {
		t.Fatal(err)
	}
	list, err := ok.Result.AsChatUsers()
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0].Phone != "9001" || list[0].Id != "16266023844241412565" {
		t.Errorf("users = %+v, want the fixture's 9001 and 9002", list)
	}

	bad, err := c.RingotelAPIWithResponse(ctx, ringotel.RingotelAPIJSONRequestBody{
		Method: "message",
		Params: &map[string]any{"to": "9003", "content": "Hello", "orgid": "17076444409917912922"},
	})
	if err != nil {
		t.Fatal(err)
	}
	// Ringotel answers a bad call with HTTP 200 and its error envelope.
	wantStatus(t, "message without from", bad.StatusCode(), http.StatusOK, bad.Body)
	env, err := bad.JSON200.AsErrorResponse()
	if err != nil {
		t.Fatal(err)
	}
	if env.Error.Code != 400 || env.Error.Fields == nil || (*env.Error.Fields)[0].Field != "params.from" {
		t.Errorf("error = %+v, want code 400 naming params.from", env.Error)
	}
}
