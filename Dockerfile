# The same image as `go run ./scripts/image` (which CI builds without a Docker
# daemon), for people who build with Docker:
#
#   docker build -t switchboard .
#   docker run --rm -p 8080:8080 switchboard
#
# Two static binaries on scratch: switchboard and, beside it, the feature
# runner switchboard-test that `switchboard test` runs; run as the non-root
# uid 65532, listening on 0.0.0.0:8080. See the README ("Run it in a
# container") for the control plane.
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
ARG CLI=github.com/switchboard-sim/switchboard/simulator/cli
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X ${CLI}.version=${VERSION}" -o /rootfs/usr/local/bin/switchboard ./cmd/switchboard \
 && CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X ${CLI}.version=${VERSION}" -o /rootfs/usr/local/bin/switchboard-test ./cmd/switchboard-test
RUN mkdir -p /rootfs/etc /rootfs/tmp /rootfs/data \
 && chmod 1777 /rootfs/tmp && chown 65532:65532 /rootfs/data \
 && printf 'root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/data:/sbin/nologin\n' > /rootfs/etc/passwd \
 && printf 'root:x:0:\nnonroot:x:65532:\n' > /rootfs/etc/group

FROM scratch
COPY --from=build /rootfs/ /
USER 65532:65532
WORKDIR /data
ENV PATH=/usr/local/bin SWITCHBOARD_ADDR=0.0.0.0:8080
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=5s --retries=3 CMD ["/usr/local/bin/switchboard", "healthcheck"]
ENTRYPOINT ["/usr/local/bin/switchboard"]
