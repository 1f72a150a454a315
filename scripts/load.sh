#!/usr/bin/env bash
# Load script, loopback only, bounded runs. For each request below it prints
# req/s, p50, p99 and the server's CPU per request (utime+stime of the server
# process over the run, from /proc/PID/stat, divided by the requests wrk
# completed), and each figure's ratio to the bare net/http handler measured
# in the same run (scripts/bare: a fixed body, the ceiling). GETs are compared
# with the bare handler under GET, writes with the bare handler under a POST
# of the same create body. Then start-up to the first 200 (median of 11,
# timed in-process), RSS after at least 100k GETs, and RSS at the end.
#
#   scripts/load.sh                            # 5 s warm-up, then 10 s per run, 50 connections, 2 threads
#   DURATION=30s WARMUP=5s CONNS=50 scripts/load.sh
#   SB=127.0.0.1:18800 BARE=127.0.0.1:18801 BIN=/tmp/sb scripts/load.sh   # other ports, a prebuilt binary
#   ONLY='create|GET one' scripts/load.sh      # only the rows whose name matches (the bare rows always run)
#   PROFILE=cmd/switchboard/default.pgo STARTUP=0 scripts/load.sh   # also a CPU profile of the server over its six rows (PGO)
#
# Needs wrk (Debian: apt-get install -y wrk) and curl. CI does not run it.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-5s}
CONNS=${CONNS:-50}
THREADS=${THREADS:-2}
SB=${SB:-127.0.0.1:18180}
BARE=${BARE:-127.0.0.1:18181}
STARTUP_ADDR=${STARTUP_ADDR:-127.0.0.1:18189}
ONLY=${ONLY:-.}
STARTUP=${STARTUP:-1}
command -v wrk >/dev/null || { echo "load.sh needs wrk: apt-get install -y wrk" >&2; exit 1; }
tick=$(getconf CLK_TCK)

tmp=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$tmp"' EXIT
if [ -n "${BIN:-}" ]; then cp "$BIN" "$tmp/switchboard"; else go build -o "$tmp/switchboard" ./cmd/switchboard; fi
go build -o "$tmp/bare" ./scripts/bare
go build -o "$tmp/startup" ./scripts/startup

startup=""
if [ "$STARTUP" = 1 ]; then # from exec to the first 200 on a validated request, timed in-process
  startup=$("$tmp/startup" -bin "$tmp/switchboard" -addr "$STARTUP_ADDR" -runs 11)
fi

"$tmp/switchboard" --addr "$SB" --log-level warn >/dev/null 2>&1 &
sb_pid=$!
until curl -fs -o /dev/null -H 'Authorization: Bearer load' "http://$SB/llamadapro/api/v1/tasks/task_123"; do sleep 0.05; done
"$tmp/bare" --addr "$BARE" &
bare_pid=$!
until curl -fs -o /dev/null "http://$BARE/"; do sleep 0.05; done

# Each POST is a wrk script: method, headers, body.
post() { # file auth body
  cat > "$tmp/$1.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = '$2'
wrk.body = '$3'
LUA
}
create='{"context":{"conversationId":1001},"objective":"load","createdBy":{"id":"u_1","type":"user"},"assignedTo":{"id":"123","type":"user"},"dueDate":"2030-01-01T00:00:00Z"}'
post create 'Bearer load-create' "$create"
post ringotel 'Bearer load' '{"method":"message","params":{"from":"9003","to":"234567668","content":"Hello","orgid":"17076444409917912922","sessionid":"1710004869211-d3103a34bd2ce6023a"}}'
bpauth='MOBILE-API-140-327-PLAIN appId="SwitchboardWebChat", clientId="load"'
post bpevents "$bpauth" '{"events":[{"event":"chat_session_message","msg_id":"3","msg":"hello"}]}'
post maiagent 'Api-Key load' '{"message":{"content":"What are your opening hours?","attachments":[]},"conversation":null,"is_streaming":false}'
bpq='tenantUrl=demo.brightpattern.com'
chat=$(curl -fs -X POST -H "Authorization: $bpauth" -H 'Content-Type: application/json' \
  "http://$SB/brightpattern/clientweb/api/v1/chats?$bpq" -d '{"phone_number":"","from":"","parameters":{}}' | sed 's/.*"chat_id":"\([^"]*\)".*/\1/')
bot=6b0f6a44-3c1e-4a7b-9d2e-1f5c8a9b0c01

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
to_ms() { # wrk latency (850.00us, 1.20ms, 2.01s) in ms
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'
}

total=0
declare -A base_rps base_p99 base_cpu base_p50
run() { # name pid base-key url [extra wrk args...]
  local name=$1 pid=$2 base=$3 url=$4; shift 4
  [[ "$name" =~ $ONLY || "$name" == bare* ]] || return 0
  [ -n "$WARMUP" ] && [ "$WARMUP" != 0 ] && wrk -t"$THREADS" -c"$CONNS" -d"$WARMUP" "$@" "$url" >/dev/null
  local out c0 c1
  c0=$(cpu_ticks "$pid")
  out=$(wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency "$@" "$url")
  c1=$(cpu_ticks "$pid")
  local rps p50 p99 reqs cpu
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(to_ms "$(awk '$1=="50%" {print $2}' <<<"$out")")
  p99=$(to_ms "$(awk '$1=="99%" {print $2}' <<<"$out")")
  reqs=$(awk '/requests in/ {print $1}' <<<"$out")
  cpu=$(awk -v t=$((c1 - c0)) -v hz="$tick" -v n="$reqs" 'BEGIN { printf "%.1f", t / hz * 1e6 / n }')
  total=$((total + reqs))
  if [[ "$name" == bare* ]]; then
    base_rps[$base]=$rps base_p50[$base]=$p50 base_p99[$base]=$p99 base_cpu[$base]=$cpu
    printf '%-26s %9.0f req/s  p50 %7.2f ms  p99 %7.2f ms  CPU %6.1f µs/req\n' "$name" "$rps" "$p50" "$p99" "$cpu"
  else
    printf '%-26s %9.0f req/s  p50 %7.2f ms  p99 %7.2f ms  CPU %6.1f µs/req   vs bare: req/s %3.0f %%  p99 %4.1f×  CPU %4.1f×\n' \
      "$name" "$rps" "$p50" "$p99" "$cpu" \
      "$(awk -v a="$rps" -v b="${base_rps[$base]}" 'BEGIN { print 100 * a / b }')" \
      "$(awk -v a="$p99" -v b="${base_p99[$base]}" 'BEGIN { print a / b }')" \
      "$(awk -v a="$cpu" -v b="${base_cpu[$base]}" 'BEGIN { print a / b }')"
  fi
  if grep -q "Non-2xx\|Socket errors" <<<"$out"; then grep "Non-2xx\|Socket errors" <<<"$out"; fi
}

echo "wrk -t$THREADS -c$CONNS, ${WARMUP} warm-up then ${DURATION} per row, on $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
run "bare net/http GET" "$bare_pid" get "http://$BARE/llamadapro/api/v1/tasks/task_123" -H 'Authorization: Bearer load'
run "bare net/http POST" "$bare_pid" post "http://$BARE/llamadapro/api/v1/tasks" -s "$tmp/create.lua"
total=0 # count only the simulator's requests
if [ -n "${PROFILE:-}" ]; then # the six rows, each warm-up plus run
  secs=$(( 6 * (${WARMUP%s} + ${DURATION%s}) ))
  curl -fs -o "$PROFILE" "http://$SB/__admin/debug/pprof/profile?seconds=$secs" &
  prof_pid=$!
fi
run "GET one task" "$sb_pid" get "http://$SB/llamadapro/api/v1/tasks/task_123" -H 'Authorization: Bearer load'
run "list tasks (limit 20)" "$sb_pid" get "http://$SB/llamadapro/api/v1/tasks?limit=20" -H 'Authorization: Bearer load'
run "create task" "$sb_pid" post "http://$SB/llamadapro/api/v1/tasks" -s "$tmp/create.lua"
run "ringotel message" "$sb_pid" post "http://$SB/ringotel/api" -s "$tmp/ringotel.lua"
run "brightpattern send events" "$sb_pid" post "http://$SB/brightpattern/clientweb/api/v1/chats/$chat/events?$bpq" -s "$tmp/bpevents.lua"
run "maiagent completion" "$sb_pid" post "http://$SB/maiagent/api/v1/chatbots/$bot/completions/" -s "$tmp/maiagent.lua"
[ -n "${PROFILE:-}" ] && wait "$prof_pid" && echo "CPU profile of the six rows: $PROFILE"
if [[ "GET one task" =~ $ONLY ]]; then
  while [ "$total" -lt 100000 ]; do
    run "GET one task (top-up)" "$sb_pid" get "http://$SB/llamadapro/api/v1/tasks/task_123" -H 'Authorization: Bearer load'
  done
fi
rss_kb=$(awk '/VmRSS/ {print $2}' "/proc/$sb_pid/status")
[ -n "$startup" ] && echo "$startup"
echo "switchboard RSS after all ${total} requests (creates and messages add real state): $((rss_kb / 1024)) MB"
