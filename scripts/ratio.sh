#!/usr/bin/env bash
# GET one task, interleaved: the bare net/http handler and a server take
# turns, PAIRS times, each run DURATION of wrk -t2 -c50 with the same
# Authorization header; each pair's CPU per request (utime+stime from
# /proc/PID/stat over the run, divided by the requests) gives a ratio, and
# the median of the ratios is printed. On these noisy 2-core machines a
# single pair can land anywhere from 1.2× to 1.8× for the same binary; the
# median of eight is steady to about ±0.05. Loopback only.
#
#   scripts/ratio.sh                         # Switchboard built from the tree, 8 pairs of 5 s
#   BIN=/tmp/sb PAIRS=12 scripts/ratio.sh    # a prebuilt binary
#   TARGET=ginfloor scripts/ratio.sh         # gin alone answering the fixed body: the floor
#   SB=127.0.0.1:18880 BARE=127.0.0.1:18881 scripts/ratio.sh
#
# Needs wrk (Debian: apt-get install -y wrk). CI does not run it.
set -euo pipefail
cd "$(dirname "$0")/.."
PAIRS=${PAIRS:-8}
DURATION=${DURATION:-5s}
SB=${SB:-127.0.0.1:18870}
BARE=${BARE:-127.0.0.1:18871}
TARGET=${TARGET:-switchboard}
command -v wrk >/dev/null || { echo "ratio.sh needs wrk: apt-get install -y wrk" >&2; exit 1; }
tick=$(getconf CLK_TCK)
tmp=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$tmp"' EXIT
go build -o "$tmp/bare" ./scripts/bare
case $TARGET in
switchboard)
  if [ -n "${BIN:-}" ]; then cp "$BIN" "$tmp/server"; else go build -o "$tmp/server" ./cmd/switchboard; fi
  "$tmp/server" --addr "$SB" --log-level warn >/dev/null 2>&1 & ;;
ginfloor)
  go build -o "$tmp/server" ./scripts/ginfloor
  "$tmp/server" --addr "$SB" >/dev/null 2>&1 & ;;
*) echo "TARGET is switchboard or ginfloor" >&2; exit 2 ;;
esac
server_pid=$!
"$tmp/bare" --addr "$BARE" & bare_pid=$!
path=/llamadapro/api/v1/tasks/task_123
auth='Authorization: Bearer load'
until curl -fs -o /dev/null -H "$auth" "http://$SB$path" && curl -fs -o /dev/null "http://$BARE$path"; do sleep 0.05; done

cpu_per_req() { # pid url
  local c0 c1 n
  c0=$(awk '{print $14 + $15}' "/proc/$1/stat")
  n=$(wrk -t2 -c50 -d"$DURATION" -H "$auth" "$2" | awk '/requests in/ {print $1}')
  c1=$(awk '{print $14 + $15}' "/proc/$1/stat")
  awk -v t=$((c1 - c0)) -v hz="$tick" -v n="$n" 'BEGIN { printf "%.1f", t / hz * 1e6 / n }'
}
wrk -t2 -c50 -d3s -H "$auth" "http://$SB$path" >/dev/null # warm-up
wrk -t2 -c50 -d3s -H "$auth" "http://$BARE$path" >/dev/null
echo "GET one task, $PAIRS pairs of $DURATION, $TARGET against the bare handler, load average $(cut -d' ' -f1-3 /proc/loadavg)"
ratios=()
for i in $(seq "$PAIRS"); do
  b=$(cpu_per_req "$bare_pid" "http://$BARE$path")
  s=$(cpu_per_req "$server_pid" "http://$SB$path")
  r=$(awk -v s="$s" -v b="$b" 'BEGIN { printf "%.2f", s / b }')
  ratios+=("$r")
  printf 'pair %2d: bare %5.1f µs/req, %s %5.1f µs/req, %s×\n' "$i" "$b" "$TARGET" "$s" "$r"
done
printf '%s\n' "${ratios[@]}" | sort -n | awk -v t="$TARGET" '{ a[NR] = $1 } END { m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "median CPU per request, %s against bare: %.2f×\n", t, m }'
