#!/usr/bin/env bash
# Load and soak: all five APIs mixed at 50 connections, first alone (BASE),
# then for DURATION beside 10,000 Bright Pattern chats long-polling and 2,000
# MaiAgent streaming completions (SSE) held open at once, against a fresh
# Switchboard on loopback. Reports req/s, p50/p99 with and without the
# streams, errors, 5xx, RSS and goroutines per open stream, and both back
# after the clients close. Exits 1 on any error or 5xx.
#
#   scripts/soak.sh                               # DURATION=60s BASE=20s CONNS=50 POLLS=10000 SSE=2000
#   POLLS=2000 SSE=500 DURATION=30s scripts/soak.sh
#   ADDR=127.0.0.1:18850 BIN=/tmp/sb scripts/soak.sh
#
# Each open stream is a socket in the server and one in the client: the script
# raises the file descriptor limit to the hard limit (each process needs about
# POLLS + SSE + the mix).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-60s}
BASE=${BASE:-20s}
CONNS=${CONNS:-50}
POLLS=${POLLS:-10000}
SSE=${SSE:-2000}
ADDR=${ADDR:-127.0.0.1:18300}
need=$((POLLS + SSE + 2 * CONNS + 1024))
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt "$need" ]; then
  echo "soak.sh needs about $need file descriptors; the hard limit allows $(ulimit -Hn)" >&2
  exit 1
fi
tmp=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$tmp"' EXIT
if [ -n "${BIN:-}" ]; then cp "$BIN" "$tmp/switchboard"; else go build -o "$tmp/switchboard" ./cmd/switchboard; fi
go build -o "$tmp/soak" ./scripts/soak
# A 10 s poll hold (the default) and a 500 ms pause between streamed tokens
# keep each long-poll and each SSE reply open for seconds, as real clients see.
"$tmp/switchboard" --addr "$ADDR" --log-level warn --brightpattern-poll-hold 10s --maiagent-token-delay 500ms >/dev/null 2>"$tmp/server.log" &
pid=$!
until curl -fs -o /dev/null "http://$ADDR/__admin/health"; do sleep 0.05; done
"$tmp/soak" -target "http://$ADDR" -duration "$DURATION" -base "$BASE" -conns "$CONNS" -polls "$POLLS" -sse "$SSE" -pid "$pid"
