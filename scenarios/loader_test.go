package scenarios

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func writeFile(t *testing.T, dir, name, body string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

const header = "schemaVersion: 1\nname: x\ndescription: d\n"

func TestMalformedFilesAreRefusedWithFileLineAndReason(t *testing.T) {
	cases := []struct {
		name   string
		body   string
		line   int
		reason string
	}{
		{"not yaml", "schemaVersion: 1\nname: x\n  bad: indent\n", 3, "not valid YAML: mapping values are not allowed"},
		{"empty", "", 1, "empty"},
		{"future version", "schemaVersion: 2\nname: x\n", 1, "schemaVersion 2 is not supported"},
		{"missing timeline", header + "api: ringotel\n", 1, "missing property 'timeline'"},
		{"unknown api", header + "api: twilio\ntimeline: []\n", 4, "api"},
		{"unknown trigger", header + "api: ringotel\ntimeline:\n  - when: callEnded\n    actions: [{do: sessionCloses}]\n", 6, "timeline[0].when"},
		{"action of another api", header + "api: ringotel\ntimeline:\n  - when: chatRequested\n    actions:\n      - {do: says, with: {text: hi}}\n", 8, "timeline[0].actions[0].do"},
		{"missing required param", header + "api: brightpattern\ntimeline:\n  - when: chatRequested\n    actions:\n      - do: says\n        with: {party: agent}\n", 9, "missing property 'text'"},
		{"unknown param", header + "api: llamadapro\ntimeline:\n  - when: callStarted\n    actions:\n      - do: callStatus\n        with:\n          status: ringing\n          colour: red\n", 11, "with: additional properties 'colour' not allowed"},
		{"bad enum", header + "api: llamadapro\ntimeline:\n  - when: callStarted\n    actions:\n      - do: callStatus\n        with:\n          status: exploded\n", 10, "timeline[0].actions[0].with.status"},
		{"pattern required", header + "api: maiagent\ntimeline:\n  - when: customerMessage\n    actions: [{do: answers, with: {text: hi}}]\n", 6, "missing property 'pattern'"},
		{"bad regexp", header + "api: maiagent\ntimeline:\n  - when: customerMessage\n    pattern: 'a(b'\n    actions: [{do: answers, with: {text: hi}}]\n", 7, "missing closing )"},
		{"bad duration", header + "api: ringotel\ntimeline:\n  - when: chatRequested\n    actions:\n      - after: soon\n        do: sessionCloses\n", 8, "after"},
		{"bad template", header + "api: maiagent\ntimeline:\n  - when: chatRequested\n    actions:\n      - do: answers\n        with:\n          text: 'Hi {{.Trigger.name'\n", 10, "bad template"},
		{"unknown fake", header + "api: maiagent\ntimeline:\n  - when: chatRequested\n    actions:\n      - do: answers\n        with:\n          text: '{{fake \"shoeSize\"}}'\n", 10, `fake "shoeSize"`},
		{"unknown field in template", header + "api: maiagent\ntimeline:\n  - when: chatRequested\n    actions:\n      - do: answers\n        with:\n          text: '{{.Customer}}'\n", 10, "Customer"},
		{"pattern on wrong trigger", header + "api: ringotel\ntimeline:\n  - when: chatRequested\n    pattern: x\n    actions: [{do: sessionCloses}]\n", 7, "only a customerMessage cue has a pattern"},
		{"repeated key", header + "api: ringotel\napi: aicc\n", 5, `key "api" is repeated`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			file := writeFile(t, dir, "bad.yaml", tc.body)
			_, err := LoadLibrary(dir)
			var le *LoadError
			if !errors.As(err, &le) {
				t.Fatalf("want a *LoadError, got %v", err)
			}
			if le.File != file || le.Line != tc.line || !strings.Contains(le.Reason, tc.reason) {
				t.Fatalf("got %q (file %s line %d); want file %s line %d reason containing %q", err, le.File, le.Line, file, tc.line, tc.reason)
			}
			if !strings.HasPrefix(err.Error(), file+":"+strconv.Itoa(tc.line)+": ") {
				t.Fatalf("message %q does not start with file:line", err)
			}
		})
	}
}

func TestDuplicateUserScenarioNamesAreRefused(t *testing.T) {
	dir := t.TempDir()
	body := header + "api: ringotel\ntimeline:\n  - when: chatRequested\n    actions: [{do: sessionCloses}]\n"
	writeFile(t, dir, "a.yaml", body)
	writeFile(t, dir, "b.yml", body)
	_, err := LoadLibrary(dir)
	if err == nil || !strings.HasPrefix(err.Error(), filepath.Join(dir, "b.yml")+":2: ") || !strings.Contains(err.Error(), `name "x" is already used by`) {
		t.Fatalf("got %v", err)
	}
}

func TestUserFileReplacesBuiltinOfTheSameName(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "a.yaml", "schemaVersion: 1\nname: ringotel-session-expiry\ndescription: mine\napi: ringotel\ntimeline:\n  - when: chatRequested\n    actions: [{do: sessionCloses}]\n")
	lib, err := LoadLibrary(dir)
	if err != nil {
		t.Fatal(err)
	}
	sc, _ := lib.Get("ringotel-session-expiry")
	if sc.Description != "mine" || sc.Builtin {
		t.Fatalf("got %+v", sc)
	}
}
