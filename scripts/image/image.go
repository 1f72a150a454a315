package main

import (
	"archive/tar"
	"bytes"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
)

// What the image promises; the test checks each.
const (
	binPath    = "/usr/local/bin/switchboard"
	runnerPath = "/usr/local/bin/switchboard-test" // the feature runner, beside switchboard
	uid        = 65532                             // distroless's "nonroot"
	port       = "8080/tcp"
	workDir    = "/data" // owned by uid, for --state-file and --scenarios mounts
)

// Spec is what one image is built from.
type Spec struct {
	Binary  string    // path of a static linux switchboard binary
	Runner  string    // path of the static linux switchboard-test built with it
	Arch    string    // amd64 or arm64
	Version string    // the org.opencontainers.image.version label
	Created time.Time // file times and the image's creation time
}

// Build returns the image: scratch plus one layer, and its config.
func Build(s Spec) (v1.Image, error) {
	bin, err := os.ReadFile(s.Binary)
	if err != nil {
		return nil, err
	}
	runner, err := os.ReadFile(s.Runner)
	if err != nil {
		return nil, err
	}
	layerTar, err := rootfs(bin, runner, s.Created)
	if err != nil {
		return nil, err
	}
	layer, err := tarball.LayerFromOpener(func() (io.ReadCloser, error) {
		return io.NopCloser(bytes.NewReader(layerTar)), nil
	})
	if err != nil {
		return nil, err
	}
	img, err := mutate.Append(empty.Image, mutate.Addendum{
		Layer:   layer,
		History: v1.History{Created: v1.Time{Time: s.Created}, CreatedBy: "go run ./scripts/image", Comment: "static switchboard and switchboard-test binaries"},
	})
	if err != nil {
		return nil, err
	}
	cf, err := img.ConfigFile()
	if err != nil {
		return nil, err
	}
	cf = cf.DeepCopy()
	cf.Architecture, cf.OS = s.Arch, "linux"
	cf.Created = v1.Time{Time: s.Created}
	cf.Config = v1.Config{
		Entrypoint: []string{binPath},
		User:       fmt.Sprintf("%d:%d", uid, uid),
		WorkingDir: workDir,
		// The control plane still answers only loopback (or a token): see
		// the README's "Run it in a container".
		Env:          []string{"PATH=/usr/local/bin", "SWITCHBOARD_ADDR=0.0.0.0:8080"},
		ExposedPorts: map[string]struct{}{port: {}},
		Healthcheck: &v1.HealthConfig{
			Test:     []string{"CMD", binPath, "healthcheck"},
			Interval: 10 * time.Second, Timeout: 3 * time.Second, StartPeriod: 5 * time.Second, Retries: 3,
		},
		StopSignal: "SIGTERM",
		Labels: map[string]string{
			"org.opencontainers.image.title":       "switchboard",
			"org.opencontainers.image.description": "Offline simulator of five contact-center and messaging APIs",
			"org.opencontainers.image.version":     s.Version,
			"org.opencontainers.image.source":      "https://github.com/switchboard-sim/switchboard",
		},
	}
	return mutate.ConfigFile(img, cf)
}

// Write saves img as a tarball that `docker load` tags as tag.
func Write(path, tag string, img v1.Image) error {
	ref, err := name.NewTag(tag)
	if err != nil {
		return err
	}
	return tarball.WriteToFile(path, ref, img)
}

// rootfs is the layer: the two binaries, /tmp, a home for the non-root user and
// the passwd and group entries that name it.
func rootfs(bin, runner []byte, mtime time.Time) ([]byte, error) {
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	entries := []struct {
		name     string
		mode     int64
		uid      int
		data     []byte
		typeflag byte
	}{
		{"etc/", 0o755, 0, nil, tar.TypeDir},
		{"etc/passwd", 0o644, 0, []byte("root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/data:/sbin/nologin\n"), tar.TypeReg},
		{"etc/group", 0o644, 0, []byte("root:x:0:\nnonroot:x:65532:\n"), tar.TypeReg},
		{"tmp/", 0o1777, 0, nil, tar.TypeDir},
		{"data/", 0o755, uid, nil, tar.TypeDir},
		{"usr/", 0o755, 0, nil, tar.TypeDir},
		{"usr/local/", 0o755, 0, nil, tar.TypeDir},
		{"usr/local/bin/", 0o755, 0, nil, tar.TypeDir},
		{binPath[1:], 0o755, 0, bin, tar.TypeReg},
		{runnerPath[1:], 0o755, 0, runner, tar.TypeReg},
	}
	for _, e := range entries {
		h := &tar.Header{Name: e.name, Mode: e.mode, Uid: e.uid, Gid: e.uid, Size: int64(len(e.data)), Typeflag: e.typeflag, ModTime: mtime, Format: tar.FormatPAX}
		if err := tw.WriteHeader(h); err != nil {
			return nil, err
		}
		if _, err := tw.Write(e.data); err != nil {
			return nil, err
		}
	}
	if err := tw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
