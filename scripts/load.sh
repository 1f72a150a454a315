#!/usr/bin/env bash
# Load script for the LlamadaPro tasks path, loopback only, bounded runs.
# Prints requests/s and p99 for GET one task, list tasks and create a task,
# beside a bare net/http handler returning a fixed body (the ceiling), then
# startup time to the first 200 (median of 11, timed in-process), RSS after
# at least 100k GETs, and RSS at the end (creates add real state).
#
#   scripts/load.sh                 # 10 s per run, 50 connections, 2 threads
#   DURATION=30s CONNS=50 scripts/load.sh
#
# Needs wrk (Debian: apt-get install wrk) and curl.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-10s}
CONNS=${CONNS:-50}
THREADS=${THREADS:-2}
SB=127.0.0.1:18180
BARE=127.0.0.1:18181
command -v wrk >/dev/null || { echo "load.sh needs wrk: apt-get install -y wrk" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$tmp"' EXIT
go build -o "$tmp/switchboard" ./cmd/switchboard
go build -o "$tmp/bare" ./scripts/bare
go build -o "$tmp/startup" ./scripts/startup

# Startup: from exec to the first 200 on a validated request, timed in-process.
startup=$("$tmp/startup" -bin "$tmp/switchboard" -addr 127.0.0.1:18189 -runs 11)

"$tmp/switchboard" --addr "$SB" --log-level warn >/dev/null 2>&1 &
sb_pid=$!
until curl -fs -o /dev/null -H 'Authorization: Bearer load' "http://$SB/llamadapro/api/v1/tasks/task_123"; do sleep 0.05; done
"$tmp/bare" --addr "$BARE" & 
until curl -fs -o /dev/null "http://$BARE/"; do :; done

cat > "$tmp/create.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer load-create"
wrk.body = '{"context":{"conversationId":1001},"objective":"load","createdBy":{"id":"u_1","type":"user"},"assignedTo":{"id":"123","type":"user"},"dueDate":"2030-01-01T00:00:00Z"}'
LUA

total=0
run() { # name url [extra wrk args...]
  local name=$1 url=$2; shift 2
  local out
  out=$(wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency "$@" "$url")
  local rps p99 reqs
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  reqs=$(awk '/requests in/ {print $1}' <<<"$out")
  total=$((total + reqs))
  printf '%-28s %10s req/s   p99 %8s   (%s requests)\n' "$name" "$rps" "$p99" "$reqs"
  if grep -q "Non-2xx" <<<"$out"; then grep "Non-2xx" <<<"$out"; fi
}

echo "wrk -t$THREADS -c$CONNS -d$DURATION on $(nproc) cores"
run "bare net/http (ceiling)" "http://$BARE/llamadapro/api/v1/tasks/task_123"
total=0 # count only the simulator's requests
run "GET one task" "http://$SB/llamadapro/api/v1/tasks/task_123" -H 'Authorization: Bearer load'
while [ "$total" -lt 100000 ]; do
  run "GET one task (top-up)" "http://$SB/llamadapro/api/v1/tasks/task_123" -H 'Authorization: Bearer load'
done
rss_kb=$(awk '/VmRSS/ {print $2}' "/proc/$sb_pid/status")
echo "switchboard RSS after ${total} GET requests: $((rss_kb / 1024)) MB"
run "list tasks (limit 20)" "http://$SB/llamadapro/api/v1/tasks" -H 'Authorization: Bearer load'
run "create a task" "http://$SB/llamadapro/api/v1/tasks" -s "$tmp/create.lua"
rss_kb=$(awk '/VmRSS/ {print $2}' "/proc/$sb_pid/status")
echo "$startup"
echo "switchboard RSS after all ${total} requests (creates add real state): $((rss_kb / 1024)) MB"
