package main

import (
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
	"time"

	"github.com/switchboard-sim/switchboard/simulator/server"
)

// serve starts the simulator and blocks until SIGINT or SIGTERM.
func serve(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	build := serveFlags(fs)
	if err := fs.Parse(args); err != nil {
		return 2
	}
	cfg, lvl, err := build()
	if err != nil {
		fmt.Fprintln(stderr, "switchboard:", err)
		return 2
	}
	cfg.Logger = slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: lvl}))
	srv, err := server.New(cfg)
	if err != nil {
		fmt.Fprintln(stderr, "switchboard:", err)
		return 1
	}
	if err := srv.Open(); err != nil {
		fmt.Fprintln(stderr, "switchboard:", err)
		return 1
	}
	// Each API answers as soon as its own spec is loaded; the banner waits
	// for all of them, so a spec that does not load still stops start-up.
	if err := srv.Ready(); err != nil {
		fmt.Fprintln(stderr, "switchboard:", err)
		_ = srv.Close()
		return 1
	}
	if cfg.MemoryLimit > 0 {
		debug.SetMemoryLimit(cfg.MemoryLimit)
	}
	// Parsing and validating the specs leaves garbage the runtime would keep
	// mapped for a while. Hand it back once, after start-up (a full
	// collection would slow the first answers), so the resident set reflects
	// what the simulator actually holds.
	time.AfterFunc(2*time.Second, debug.FreeOSMemory)
	fmt.Fprintf(stdout, "switchboard %s  seed=%d  clock=%s\n", server.Version, cfg.Seed, cfg.ClockMode)
	for _, a := range srv.APIInfos() {
		line := fmt.Sprintf("  %-14s %s", a.Name, a.BaseURL)
		if a.OwnPort != "" {
			line += "  (also " + a.OwnPort + ")"
		}
		fmt.Fprintln(stdout, line)
	}
	fmt.Fprintf(stdout, "  %-14s %s\n", "control plane", srv.ControlPlaneURL())

	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGINT, syscall.SIGTERM)
	sig := <-stop
	cfg.Logger.Info("shutting down", "signal", sig.String())
	if err := srv.Close(); err != nil {
		fmt.Fprintln(stderr, "switchboard: shutdown:", err)
		return 1
	}
	return 0
}
