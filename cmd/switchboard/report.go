package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"
)

// report fetches the contract report from a running simulator, writes it
// as JUnit XML (and JSON), prints a summary and exits 1 when there are
// violations, so a CI job can gate on it.
func report(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	fs.SetOutput(stderr)
	target := fs.String("target", envOr("SWITCHBOARD_TARGET", "http://127.0.0.1:8080"), "base URL of a running simulator (env SWITCHBOARD_TARGET)")
	junit := fs.String("junit", "", "write the JUnit XML report to this file")
	jsonOut := fs.String("json", "", "write the JSON report to this file")
	api := fs.String("api", "", "only this API")
	tenantArg := fs.String("tenant", "", "only this tenant (id or credential)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	q := "?"
	if *api != "" {
		q += "api=" + *api + "&"
	}
	if *tenantArg != "" {
		q += "tenant=" + *tenantArg + "&"
	}
	base := strings.TrimRight(*target, "/") + "/__admin/violations" + q
	client := &http.Client{Timeout: 30 * time.Second}
	body, err := get(client, base)
	if err != nil {
		fmt.Fprintln(stderr, "switchboard report:", err)
		return 2
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
		fmt.Fprintln(stderr, "switchboard report: not a contract report:", err)
		return 2
	}
	if *jsonOut != "" {
		if err := os.WriteFile(*jsonOut, body, 0o644); err != nil {
			fmt.Fprintln(stderr, "switchboard report:", err)
			return 2
		}
	}
	if *junit != "" {
		x, err := get(client, base+"format=junit")
		if err == nil {
			err = os.WriteFile(*junit, x, 0o644)
		}
		if err != nil {
			fmt.Fprintln(stderr, "switchboard report:", err)
			return 2
		}
	}
	fmt.Fprintf(stdout, "%d operations exercised, %d contract violations\n", len(rep.Operations), rep.Count)
	for _, v := range rep.Violations {
		fmt.Fprintf(stdout, "  %s %s: %s (%s) %s\n", v.API, v.Operation, v.Field, v.Rule, v.Message)
	}
	if rep.Count > 0 {
		return 1
	}
	return 0
}

func get(client *http.Client, url string) ([]byte, error) {
	resp, err := client.Get(url)
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

func envOr(name, def string) string {
	if v, ok := os.LookupEnv(name); ok {
		return v
	}
	return def
}
