package main

import (
	"bytes"
	"strings"
	"testing"
)

// The golden request of simulator/aicc/authv2 (worked out independently there).
var aiccGolden = []string{
	"--ak", "switchboard-ak", "--sk", "Q3mZ8vK2pL9xR4tY7wN1cB6hJ5dF0gS3aE8uI2oP4kM",
	"--url", "http://receiver.example.com/hooks/v1/webhooks/v1/messages",
	"--header", "Content-Type: application/json; charset=UTF-8",
	"--body", `{"messages":[{"content":"Hi there, 100% ok?","controlType":"CHAT"}],"timestamp":1625898453000}`,
}

const aiccGoldenHeader = "auth-v2/switchboard-ak/2021-07-10T06:27:33Z/host;content-type/9d3196ba1136ce2bbf494b3b8afe004c37ac37ebd796236094c8d5529f270b78"

func TestAiccCommand(t *testing.T) {
	sign := append(append([]string{"sign"}, aiccGolden...), "--time", "2021-07-10T06:27:33.913Z", "--signed-headers", "content-type,Host")
	verifyArgs := func(authz, body string) []string {
		args := []string{"verify", "--sk", aiccGolden[3], "--url", aiccGolden[5], "--header", aiccGolden[7], "--body", body, "--authorization", authz}
		return args
	}
	cases := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"sign golden", sign, 0, aiccGoldenHeader + "\n"},
		{"sign canonical", append(sign, "--canonical"), 0, "content-type:application%2Fjson%3B%20charset%3DUTF-8\nhost:receiver.example.com\n"},
		{"verify ok", verifyArgs(aiccGoldenHeader, aiccGolden[9]), 0, "OK: signature verifies (accessKey switchboard-ak"},
		{"verify tampered", verifyArgs(aiccGoldenHeader, aiccGolden[9]+" "), 1, "MISMATCH"},
		{"verify not auth-v2", verifyArgs("Bearer x", "{}"), 1, "INVALID"},
		{"sign without keys", []string{"sign"}, 2, ""},
		{"no verb", nil, 2, ""},
		{"bad header flag", []string{"sign", "--ak", "a", "--sk", "b", "--header", "nocolon"}, 2, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			code := run(append([]string{"aicc"}, c.args...), &out, &errOut)
			if code != c.code || !strings.Contains(out.String(), c.want) {
				t.Fatalf("exit %d (want %d)\nstdout: %s\nstderr: %s", code, c.code, out.String(), errOut.String())
			}
		})
	}
}
