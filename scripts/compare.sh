#!/usr/bin/env bash
# Compare Switchboard binaries on one request, interleaved so the machine's
# load weighs on each alike: each round runs wrk against every binary in turn
# and prints req/s, p99 and server CPU per request (utime+stime from
# /proc/PID/stat over the run / requests). Loopback only; needs wrk.
#
#   scripts/compare.sh /tmp/sb-before /tmp/sb-after                 # create a task, 3 rounds of 10 s
#   ROUNDS=5 DURATION=5s REQ=get scripts/compare.sh /tmp/a /tmp/b   # REQ: get, list or create
#   PORT=18860 scripts/compare.sh ...                               # first port; one per binary
set -euo pipefail
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10s}
CONNS=${CONNS:-50}
REQ=${REQ:-create}
PORT=${PORT:-18260}
tick=$(getconf CLK_TCK)
tmp=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$tmp"' EXIT
cat > "$tmp/create.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer load-create"
wrk.body = '{"context":{"conversationId":1001},"objective":"load","createdBy":{"id":"u_1","type":"user"},"assignedTo":{"id":"123","type":"user"},"dueDate":"2030-01-01T00:00:00Z"}'
LUA
case $REQ in
  get) path=/llamadapro/api/v1/tasks/task_123; args=(-H 'Authorization: Bearer load') ;;
  list) path='/llamadapro/api/v1/tasks?limit=20'; args=(-H 'Authorization: Bearer load') ;;
  create) path=/llamadapro/api/v1/tasks; args=(-s "$tmp/create.lua") ;;
  *) echo "REQ is get, list or create" >&2; exit 2 ;;
esac
pids=() addrs=()
for bin in "$@"; do
  addr=127.0.0.1:$PORT; PORT=$((PORT + 1))
  "$bin" --addr "$addr" --log-level warn >/dev/null 2>&1 &
  pids+=($!) addrs+=("$addr")
  until curl -fs -o /dev/null -H 'Authorization: Bearer load' "http://$addr/llamadapro/api/v1/tasks/task_123"; do sleep 0.05; done
  wrk -t2 -c"$CONNS" -d3s "${args[@]}" "http://$addr$path" >/dev/null # warm-up
done
for r in $(seq "$ROUNDS"); do
  for i in "${!pids[@]}"; do
    c0=$(awk '{print $14 + $15}' "/proc/${pids[$i]}/stat")
    out=$(wrk -t2 -c"$CONNS" -d"$DURATION" --latency "${args[@]}" "http://${addrs[$i]}$path")
    c1=$(awk '{print $14 + $15}' "/proc/${pids[$i]}/stat")
    reqs=$(awk '/requests in/ {print $1}' <<<"$out")
    printf 'round %d  %-28s %8s req/s  p99 %9s  CPU %6.1f µs/req  (load %s)\n' "$r" "${@:$((i + 1)):1}" \
      "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" "$(awk '$1=="99%" {print $2}' <<<"$out")" \
      "$(awk -v t=$((c1 - c0)) -v hz="$tick" -v n="$reqs" 'BEGIN { print t / hz * 1e6 / n }')" "$(cut -d' ' -f1 /proc/loadavg)"
  done
done
