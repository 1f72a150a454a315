package main

import (
	"bytes"
	"flag"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/switchboard-sim/switchboard/simulator/clock"
)

func TestFlagsEnvAndDefaults(t *testing.T) {
	t.Setenv("SWITCHBOARD_SEED", "7")
	t.Setenv("SWITCHBOARD_CLOCK", "real")
	t.Setenv("SWITCHBOARD_API_PORT", "ringotel=9001")
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	build := serveFlags(fs)
	if err := fs.Parse([]string{"--clock", "virtual", "--api-port", "llamadapro=9002", "--journal-size", "50"}); err != nil {
		t.Fatal(err)
	}
	cfg, _, err := build()
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Seed != 7 {
		t.Errorf("seed %d, want 7 from the environment", cfg.Seed)
	}
	if cfg.ClockMode != clock.Virtual {
		t.Errorf("clock %s, want the flag's virtual over the env's real", cfg.ClockMode)
	}
	if cfg.APIPorts["llamadapro"] != "9002" || cfg.APIPorts["ringotel"] != "9001" {
		t.Errorf("api ports %v", cfg.APIPorts)
	}
	if cfg.Addr != "127.0.0.1:8080" || cfg.JournalSize != 50 || !cfg.Start.IsZero() { // zero: the virtual clock starts at clock.DefaultStart
		t.Errorf("config %+v", cfg)
	}
	if cfg.Vendors.BrightPattern.PollHold != 10*time.Second || cfg.Vendors.AICC.Attempts != 8 {
		t.Errorf("vendor defaults %+v", cfg.Vendors)
	}
}

func TestBadFlagValuesAreRejected(t *testing.T) {
	cases := [][]string{
		{"--clock", "sundial"},
		{"--seed", "x"},
		{"--auth", "maybe"},
		{"--journal-size", "0"},
		{"--api-port", "nonsense"},
		{"--brightpattern-poll-hold", "forever"},
		{"--aicc-attempts", "0"},
	}
	for _, args := range cases {
		var stderr bytes.Buffer
		if code := run(append([]string{"serve"}, args...), io.Discard, &stderr); code != 2 {
			t.Errorf("%v: exit %d, want 2 (%s)", args, code, stderr.String())
		}
	}
}

func TestUnknownCommand(t *testing.T) {
	var stderr, stdout bytes.Buffer
	if code := run([]string{"frobnicate"}, &stdout, &stderr); code != 2 || !strings.Contains(stderr.String(), "unknown command") {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if code := run([]string{"help"}, &stdout, &stderr); code != 0 || !strings.Contains(stdout.String(), "serve") {
		t.Fatalf("help: exit %d: %s", code, stdout.String())
	}
}
