package main

import (
	"archive/tar"
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
)

// checkImage asserts what the image promises and returns the files at
// binPath and runnerPath, extracted from the layers.
func checkImage(t *testing.T, img v1.Image) (cf *v1.ConfigFile, bin, runner []byte) {
	t.Helper()
	cf, err := img.ConfigFile()
	if err != nil {
		t.Fatal(err)
	}
	c := cf.Config
	if !slices.Equal(c.Entrypoint, []string{binPath}) || len(c.Cmd) != 0 {
		t.Errorf("entrypoint %q cmd %q, want [%s] and no cmd (serve is the default)", c.Entrypoint, c.Cmd, binPath)
	}
	if c.User == "" || c.User == "0" || strings.HasPrefix(c.User, "0:") || c.User == "root" {
		t.Errorf("user %q: want non-root", c.User)
	}
	if _, ok := c.ExposedPorts[port]; !ok || len(c.ExposedPorts) != 1 {
		t.Errorf("exposed ports %v, want only %s", c.ExposedPorts, port)
	}
	if !slices.Contains(c.Env, "SWITCHBOARD_ADDR=0.0.0.0:8080") {
		t.Errorf("env %q: want it to listen on 0.0.0.0:8080", c.Env)
	}
	if c.Healthcheck == nil || !slices.Equal(c.Healthcheck.Test, []string{"CMD", binPath, "healthcheck"}) {
		t.Errorf("healthcheck %+v", c.Healthcheck)
	}
	if cf.OS != "linux" {
		t.Errorf("os %q", cf.OS)
	}
	layers, err := img.Layers()
	if err != nil || len(layers) != 1 {
		t.Fatalf("%d layers (%v), want one on scratch", len(layers), err)
	}
	rc, err := layers[0].Uncompressed()
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	files := map[string]*tar.Header{}
	tr := tar.NewReader(rc)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		files[h.Name] = h
		switch h.Name {
		case binPath[1:]:
			bin, err = io.ReadAll(tr)
		case runnerPath[1:]:
			runner, err = io.ReadAll(tr)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if h := files[binPath[1:]]; h == nil || h.Mode&0o111 == 0 || len(bin) == 0 {
		t.Fatalf("no executable %s in the layer: %v", binPath, h)
	}
	if h := files[runnerPath[1:]]; h == nil || h.Mode&0o111 == 0 || len(runner) == 0 {
		t.Fatalf("no executable %s in the layer: %v (switchboard test runs it)", runnerPath, h)
	}
	if h := files["data/"]; h == nil || h.Uid != uid || c.WorkingDir != workDir {
		t.Errorf("working dir %q, /data %+v: want /data owned by %d", c.WorkingDir, h, uid)
	}
	if h := files["tmp/"]; h == nil || h.Mode&0o1777 != 0o1777 {
		t.Errorf("/tmp %+v: want mode 1777", h)
	}
	return cf, bin, runner
}

func TestImageLayoutAndReproducibility(t *testing.T) {
	dir := t.TempDir()
	fake, fakeRunner := filepath.Join(dir, "switchboard"), filepath.Join(dir, "switchboard-test")
	if err := os.WriteFile(fake, []byte("#!/bin/false\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(fakeRunner, []byte("#!/bin/true\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	spec := Spec{Binary: fake, Runner: fakeRunner, Arch: "arm64", Version: "v9.9.9", Created: time.Unix(1700000000, 0).UTC()}
	img, err := Build(spec)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "image.tar")
	if err := Write(out, "switchboard:test", img); err != nil {
		t.Fatal(err)
	}
	loaded, err := tarball.ImageFromPath(out, nil)
	if err != nil {
		t.Fatal(err)
	}
	cf, bin, runner := checkImage(t, loaded)
	if string(bin) != "#!/bin/false\n" || string(runner) != "#!/bin/true\n" || cf.Architecture != "arm64" || !cf.Created.Time.Equal(spec.Created) || cf.Config.Labels["org.opencontainers.image.version"] != "v9.9.9" {
		t.Errorf("config %+v, binaries %q %q", cf, bin, runner)
	}
	again, err := Build(spec)
	if err != nil {
		t.Fatal(err)
	}
	d1, _ := img.Digest()
	d2, _ := again.Digest()
	d3, _ := loaded.Digest()
	if d1 != d2 || d1 != d3 {
		t.Errorf("digests %s, %s, loaded %s: the same input must give the same image", d1, d2, d3)
	}
}

// TestBuiltImage inspects a real image tarball, as CI builds it:
//
//	go run ./scripts/image -out /tmp/switchboard-image.tar
//	SWITCHBOARD_IMAGE=/tmp/switchboard-image.tar go test -run TestBuiltImage ./scripts/image
//
// and runs the two binaries from inside it, side by side as in the image:
// both answer for their version, and `switchboard test` runs a feature
// through the runner beside it.
func TestBuiltImage(t *testing.T) {
	path := os.Getenv("SWITCHBOARD_IMAGE")
	if path == "" {
		t.Skip("SWITCHBOARD_IMAGE is not set (CI sets it after building the image)")
	}
	img, err := tarball.ImageFromPath(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	cf, bin, runner := checkImage(t, img)
	if cf.Architecture != runtime.GOARCH || runtime.GOOS != "linux" {
		t.Skipf("image is linux/%s; cannot run its binaries on %s/%s", cf.Architecture, runtime.GOOS, runtime.GOARCH)
	}
	binDir := t.TempDir()
	exe, runnerExe := filepath.Join(binDir, "switchboard"), filepath.Join(binDir, "switchboard-test")
	if err := os.WriteFile(exe, bin, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(runnerExe, runner, 0o755); err != nil {
		t.Fatal(err)
	}
	// An empty environment and working directory: as in the image, no Go
	// toolchain and no source tree.
	work := t.TempDir()
	sh := func(name string, args ...string) (string, error) {
		cmd := exec.Command(name, args...)
		cmd.Dir, cmd.Env = work, []string{}
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		err := cmd.Run()
		return out.String(), err
	}
	want := cf.Config.Labels["org.opencontainers.image.version"]
	out, err := sh(exe, "version")
	if err != nil || !strings.HasPrefix(out, "switchboard ") || !strings.Contains(out, "go1.") {
		t.Fatalf("switchboard version from the image: %v\n%s", err, out)
	}
	if !strings.HasPrefix(out, "switchboard "+want+"\n") {
		t.Errorf("switchboard says %q, the image's label %q", strings.SplitN(out, "\n", 2)[0], want)
	}
	t.Logf("%s", out)
	if out, err := sh(runnerExe, "--version"); err != nil || out != "switchboard-test "+want+"\n" {
		t.Errorf("switchboard-test --version from the image: %v %q, want the image's version %s", err, out, want)
	}
	if out, err := sh(runnerExe, "--help"); err != nil || !strings.Contains(out, "--junit") {
		t.Errorf("switchboard-test --help from the image: %v\n%s", err, out)
	}
	feature := "Feature: smoke\n  Scenario: tasks\n    Given I use the llamadapro API\n" +
		"    When I send a GET request to \"/api/v1/tasks?limit=1\"\n    Then the response status is 200\n"
	if err := os.WriteFile(filepath.Join(work, "smoke.feature"), []byte(feature), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := sh(exe, "test", "--no-color", "smoke.feature"); err != nil || !strings.Contains(out, "1 scenarios (1 passed)") {
		t.Errorf("switchboard test with the image's runner beside it: %v\n%s", err, out)
	}
}
