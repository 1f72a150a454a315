package main

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"time"

	"github.com/spf13/cobra"

	"github.com/switchboard-sim/switchboard/simulator/cli"
)

// healthcheckCmd is `switchboard healthcheck`: the container's HEALTHCHECK,
// since the image has no curl. It reads the same --addr and --admin-token
// (SWITCHBOARD_ADDR, SWITCHBOARD_ADMIN_TOKEN) as the server beside it, and
// asks /__admin/health over loopback.
func healthcheckCmd(stdout io.Writer) *cobra.Command {
	var addr, token string
	var timeout time.Duration
	cmd := &cobra.Command{
		Use:   "healthcheck",
		Short: "Exit 0 if the simulator at --addr answers its health check, else 1",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			url, err := healthURL(addr)
			if err != nil {
				return cli.UsageError(err)
			}
			req, err := http.NewRequest(http.MethodGet, url, nil)
			if err != nil {
				return cli.UsageError(err)
			}
			if token != "" {
				req.Header.Set("X-Admin-Token", token)
			}
			res, err := (&http.Client{Timeout: timeout}).Do(req)
			if err != nil {
				return cli.Failure(fmt.Errorf("unhealthy: %w", err))
			}
			defer res.Body.Close()
			body, _ := io.ReadAll(io.LimitReader(res.Body, 4096))
			if res.StatusCode != http.StatusOK {
				return cli.Failure(fmt.Errorf("unhealthy: %s answered %d: %s", url, res.StatusCode, body))
			}
			fmt.Fprintf(stdout, "healthy: %s\n", body)
			return nil
		},
	}
	fs := cmd.Flags()
	fs.StringVar(&addr, "addr", "127.0.0.1:8080", "the simulator's listen address; a wildcard host (0.0.0.0, ::) is asked on loopback")
	fs.StringVar(&token, "admin-token", "", "the simulator's admin token, if it has one")
	cli.DurationVar(fs, &timeout, "timeout", 3*time.Second, "give up after this long")
	return cmd
}

// healthURL turns a listen address into the loopback URL of its health check.
func healthURL(addr string) (string, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil || port == "" || port == "0" {
		return "", fmt.Errorf("--addr %q: want host:port with a fixed port", addr)
	}
	if ip := net.ParseIP(host); host == "" || ip != nil && ip.IsUnspecified() {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, port) + "/__admin/health", nil
}
