package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/switchboard-sim/switchboard/simulator/cli"
)

// reportCmd fetches the contract report from a running simulator, writes
// it as JUnit XML (and JSON), prints a summary and exits 1 when there are
// violations, so a CI job can gate on it.
func reportCmd(stdout io.Writer) *cobra.Command {
	var o struct{ target, token, junit, json, api, tenant string }
	cmd := &cobra.Command{
		Use:   "report",
		Short: "Fetch the contract report from a running simulator; exit 1 on violations",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			return report(o.target, o.token, o.junit, o.json, o.api, o.tenant, stdout)
		},
	}
	fs := cmd.Flags()
	fs.StringVar(&o.target, "target", "http://127.0.0.1:8080", "base URL of a running simulator")
	fs.StringVar(&o.token, "admin-token", "", "the simulator's admin token, if it has one (needed from outside its container)")
	fs.StringVar(&o.junit, "junit", "", "write the JUnit XML report to this file")
	fs.StringVar(&o.json, "json", "", "write the JSON report to this file")
	fs.StringVar(&o.api, "api", "", "only this API")
	fs.StringVar(&o.tenant, "tenant", "", "only this tenant (id or credential)")
	return cmd
}

func report(target, token, junit, jsonOut, api, tenantArg string, stdout io.Writer) error {
	q := "?"
	if api != "" {
		q += "api=" + api + "&"
	}
	if tenantArg != "" {
		q += "tenant=" + tenantArg + "&"
	}
	base := strings.TrimRight(target, "/") + "/__admin/violations" + q
	client := &http.Client{Timeout: 30 * time.Second}
	body, err := get(client, base, token)
	if err != nil {
		return cli.UsageError(err)
	}
	var rep struct {
		Count      int `json:"count"`
		Operations []struct {
			API, Operation string
			Violations     int
		} `json:"operations"`
		Violations []struct {
			API       string `json:"api"`
			Operation string `json:"operation"`
			Field     string `json:"field"`
			Rule      string `json:"rule"`
			Message   string `json:"message"`
		} `json:"violations"`
	}
	if err := json.Unmarshal(body, &rep); err != nil {
		return cli.UsageError(fmt.Errorf("not a contract report: %w", err))
	}
	if jsonOut != "" {
		if err := os.WriteFile(jsonOut, body, 0o644); err != nil {
			return cli.UsageError(err)
		}
	}
	if junit != "" {
		x, err := get(client, base+"format=junit", token)
		if err == nil {
			err = os.WriteFile(junit, x, 0o644)
		}
		if err != nil {
			return cli.UsageError(err)
		}
	}
	fmt.Fprintf(stdout, "%d operations exercised, %d contract violations\n", len(rep.Operations), rep.Count)
	for _, v := range rep.Violations {
		fmt.Fprintf(stdout, "  %s %s: %s (%s) %s\n", v.API, v.Operation, v.Field, v.Rule, v.Message)
	}
	if rep.Count > 0 {
		return cli.ExitCode(1)
	}
	return nil
}

func get(client *http.Client, url, token string) ([]byte, error) {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	if token != "" {
		req.Header.Set("X-Admin-Token", token)
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s: %d %s", url, resp.StatusCode, b)
	}
	return b, nil
}
