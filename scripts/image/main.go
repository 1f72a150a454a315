// Command image builds Switchboard's container image without a Docker
// daemon or a registry: one layer holding the static switchboard binary
// and its feature runner switchboard-test (which `switchboard test` runs) on
// an empty base (scratch), run as a non-root user, listening on
// 0.0.0.0:8080, with `switchboard healthcheck` as its HEALTHCHECK. It
// writes a tarball that `docker load -i` and `podman load -i` accept.
//
//	go run ./scripts/image -out switchboard-image.tar           # builds both binaries itself
//	go run ./scripts/image -bin dist/switchboard -runner dist/switchboard-test -arch arm64
//	                                                            # or packs the pair you built
//
// The image is reproducible: file times and the creation time come from
// SOURCE_DATE_EPOCH (default 0), so the same binary gives the same digest.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"
)

func main() {
	out := flag.String("out", "switchboard-image.tar", "write the image tarball here")
	bin := flag.String("bin", "", "a static linux switchboard binary to pack (default: build both with CGO_ENABLED=0)")
	runner := flag.String("runner", "", "the static linux switchboard-test built with -bin (default: switchboard-test beside -bin)")
	arch := flag.String("arch", runtime.GOARCH, "image architecture: amd64 or arm64")
	tag := flag.String("tag", "switchboard:dev", "the image's name in the tarball (docker load tags it so)")
	version := flag.String("version", "dev", "version stamped into a binary this builds, and the image's version label")
	flag.Parse()
	if err := run(*out, *bin, *runner, *arch, *tag, *version); err != nil {
		fmt.Fprintln(os.Stderr, "image:", err)
		os.Exit(1)
	}
}

func run(out, bin, runner, arch, tag, version string) error {
	created, err := sourceDate()
	if err != nil {
		return err
	}
	if bin == "" {
		dir, err := os.MkdirTemp("", "switchboard-image-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		bin, runner = filepath.Join(dir, "switchboard"), filepath.Join(dir, "switchboard-test")
		if err := buildBinary(bin, "./cmd/switchboard", arch, version); err != nil {
			return err
		}
		if err := buildBinary(runner, "./cmd/switchboard-test", arch, version); err != nil {
			return err
		}
	}
	if runner == "" {
		runner = filepath.Join(filepath.Dir(bin), "switchboard-test")
	}
	img, err := Build(Spec{Binary: bin, Runner: runner, Arch: arch, Version: version, Created: created})
	if err != nil {
		return err
	}
	if err := Write(out, tag, img); err != nil {
		return err
	}
	digest, err := img.Digest()
	if err != nil {
		return err
	}
	fmt.Printf("%s: %s (linux/%s) %s\n", out, tag, arch, digest)
	return nil
}

// cli holds the version both binaries report.
const cli = "github.com/switchboard-sim/switchboard/simulator/cli"

// buildBinary builds one static binary the image holds, as the release
// builds do (.goreleaser.yaml).
func buildBinary(dst, pkg, arch, version string) error {
	commit := "unknown"
	if b, err := exec.Command("git", "rev-parse", "HEAD").Output(); err == nil {
		commit = strings.TrimSpace(string(b))
	}
	cmd := exec.Command("go", "build", "-trimpath", "-o", dst,
		"-ldflags", "-s -w -X "+cli+".version="+version+" -X "+cli+".commit="+commit,
		pkg)
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS=linux", "GOARCH="+arch)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("go build: %w", err)
	}
	return nil
}

// sourceDate is SOURCE_DATE_EPOCH (reproducible-builds.org), default 0.
func sourceDate() (time.Time, error) {
	v := os.Getenv("SOURCE_DATE_EPOCH")
	if v == "" {
		return time.Unix(0, 0).UTC(), nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q: want seconds since 1970", v)
	}
	return time.Unix(n, 0).UTC(), nil
}
