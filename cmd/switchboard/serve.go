package main

import (
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/switchboard-sim/switchboard/simulator/cli"
	"github.com/switchboard-sim/switchboard/simulator/gctune"
	"github.com/switchboard-sim/switchboard/simulator/server"
)

// serveCmd is `switchboard serve`, also the root command.
func serveCmd(stdout, stderr io.Writer) *cobra.Command {
	var o serveOptions
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Start the simulator (the default command)",
		Long: `Start the simulator and serve until SIGINT or SIGTERM. Every flag is also read from
SWITCHBOARD_<NAME>; a flag beats its variable, which beats the default.`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error { return serve(o, stdout, stderr) },
	}
	serveFlags(cmd.Flags(), &o)
	return cmd
}

// serve starts the simulator and blocks until SIGINT or SIGTERM.
func serve(o serveOptions, stdout, stderr io.Writer) error {
	cfg := o.cfg
	if err := cfg.Validate(); err != nil {
		return cli.UsageError(err)
	}
	cfg.Version = cli.BuildVersion().Version
	cfg.Logger = slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: o.level()}))
	srv, err := server.New(cfg)
	if err != nil {
		return cli.Failure(err)
	}
	if err := srv.Open(); err != nil {
		return cli.Failure(err)
	}
	// Each API answers as soon as its own spec is loaded; the banner waits
	// for all of them, so a spec that does not load still stops start-up.
	if err := srv.Ready(); err != nil {
		_ = srv.Close()
		return cli.Failure(err)
	}
	if cfg.MemoryLimit > 0 {
		debug.SetMemoryLimit(cfg.MemoryLimit)
	}
	if cfg.GCHeadroom > 0 {
		defer gctune.Start(uint64(cfg.GCHeadroom)).Stop()
	}
	// Parsing and validating the specs leaves garbage the runtime would keep
	// mapped for a while. Hand it back once, after start-up (a full
	// collection would slow the first answers), so the resident set reflects
	// what the simulator actually holds.
	time.AfterFunc(2*time.Second, debug.FreeOSMemory)
	fmt.Fprintf(stdout, "switchboard %s  seed=%d  clock=%s\n", cfg.Version, cfg.Seed, cfg.ClockMode)
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
		return cli.Failure(fmt.Errorf("shutdown: %w", err))
	}
	return nil
}
