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

// checkImage asserts what the image promises and returns the file at
// binPath, extracted from the layers.
func checkImage(t *testing.T, img v1.Image) (cf *v1.ConfigFile, bin []byte) {
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
		if h.Name == binPath[1:] {
			if bin, err = io.ReadAll(tr); err != nil {
				t.Fatal(err)
			}
		}
	}
	if h := files[binPath[1:]]; h == nil || h.Mode&0o111 == 0 || len(bin) == 0 {
		t.Fatalf("no executable %s in the layer: %v", binPath, h)
	}
	if h := files["data/"]; h == nil || h.Uid != uid || c.WorkingDir != workDir {
		t.Errorf("working dir %q, /data %+v: want /data owned by %d", c.WorkingDir, h, uid)
	}
	if h := files["tmp/"]; h == nil || h.Mode&0o1777 != 0o1777 {
		t.Errorf("/tmp %+v: want mode 1777", h)
	}
	return cf, bin
}

func TestImageLayoutAndReproducibility(t *testing.T) {
	dir := t.TempDir()
	fake := filepath.Join(dir, "switchboard")
	if err := os.WriteFile(fake, []byte("#!/bin/false\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	spec := Spec{Binary: fake, Arch: "arm64", Version: "v9.9.9", Created: time.Unix(1700000000, 0).UTC()}
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
	cf, bin := checkImage(t, loaded)
	if string(bin) != "#!/bin/false\n" || cf.Architecture != "arm64" || !cf.Created.Time.Equal(spec.Created) || cf.Config.Labels["org.opencontainers.image.version"] != "v9.9.9" {
		t.Errorf("config %+v, binary %q", cf, bin)
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
// and runs the binary from inside it.
func TestBuiltImage(t *testing.T) {
	path := os.Getenv("SWITCHBOARD_IMAGE")
	if path == "" {
		t.Skip("SWITCHBOARD_IMAGE is not set (CI sets it after building the image)")
	}
	img, err := tarball.ImageFromPath(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	cf, bin := checkImage(t, img)
	if cf.Architecture != runtime.GOARCH || runtime.GOOS != "linux" {
		t.Skipf("image is linux/%s; cannot run its binary on %s/%s", cf.Architecture, runtime.GOOS, runtime.GOARCH)
	}
	exe := filepath.Join(t.TempDir(), "switchboard")
	if err := os.WriteFile(exe, bin, 0o755); err != nil {
		t.Fatal(err)
	}
	// An empty environment and working directory: as in the image, no Go
	// toolchain and no source tree.
	cmd := exec.Command(exe, "version")
	cmd.Dir, cmd.Env = t.TempDir(), []string{}
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil || !strings.HasPrefix(out.String(), "switchboard ") || !strings.Contains(out.String(), "go1.") {
		t.Fatalf("switchboard version from the image: %v\n%s", err, out.String())
	}
	if want := cf.Config.Labels["org.opencontainers.image.version"]; !strings.HasPrefix(out.String(), "switchboard "+want+"\n") {
		t.Errorf("binary says %q, the image's label %q", strings.SplitN(out.String(), "\n", 2)[0], want)
	}
	t.Logf("%s", out.String())
}
