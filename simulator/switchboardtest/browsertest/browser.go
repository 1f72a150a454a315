// Package browsertest starts the headless Chromium that Switchboard's
// browser tests drive with chromedp. It is a package of its own so that
// importing switchboardtest does not pull chromedp in.
package browsertest

import (
	"context"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Chromium finds a local Chromium. Without one the calling test is skipped,
// except in CI (CI=true), where .ci/run installs Debian's chromium and a
// missing browser is a failure.
func Chromium(t testing.TB) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("CI=true but no chromium binary on PATH: .ci/run installs Debian's chromium package")
	}
	t.Skip("no chromium binary on PATH (apt-get install chromium); CI runs this test")
	return ""
}

// Start opens headless Chromium with a fresh profile and a window of the
// given size, and returns a tab's context; everything is closed when the
// test ends, and after three minutes at the latest. The flags keep it off
// the network (this machine's closed network refuses background
// connections) and out of the sandbox (CI runs as root).
func Start(t testing.TB, width, height int) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(Chromium(t)),
		chromedp.NoSandbox,
		chromedp.Headless,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.WindowSize(width, height),
		chromedp.UserDataDir(t.TempDir()),
	)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	t.Cleanup(cancel)
	ctx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	t.Cleanup(cancelAlloc)
	ctx, cancelTab := chromedp.NewContext(ctx)
	t.Cleanup(cancelTab)
	return ctx
}
