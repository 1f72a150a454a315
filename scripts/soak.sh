#!/usr/bin/env bash
# Load and soak: all five APIs mixed at 50 connections for 60 s, plus 2,000
# Bright Pattern chats long-polling, against a fresh Switchboard on loopback.
# Reports req/s, p50/p99, errors, 5xx, RSS after warm-up and at the end, and
# goroutines before, under load and after the clients close.
#
#   scripts/soak.sh                    # DURATION=60s CONNS=50 POLLS=2000
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-60s}
CONNS=${CONNS:-50}
POLLS=${POLLS:-2000}
ADDR=127.0.0.1:18300
ulimit -n 65536 2>/dev/null || ulimit -n 8192 2>/dev/null || true
tmp=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$tmp"' EXIT
go build -o "$tmp/switchboard" ./cmd/switchboard
go build -o "$tmp/soak" ./scripts/soak
"$tmp/switchboard" --addr "$ADDR" --log-level warn --brightpattern-poll-hold 5s >/dev/null 2>"$tmp/server.log" &
pid=$!
until curl -fs -o /dev/null "http://$ADDR/__admin/health"; do sleep 0.05; done
"$tmp/soak" -target "http://$ADDR" -duration "$DURATION" -conns "$CONNS" -polls "$POLLS" -pid "$pid"
