#!/bin/bash
# Usage: BIN=./switchboard PORT=18301 SHIFT=1000 scripts/statefile-damage.sh (SHIFT moves the damage past a quarter)
# kill -9 + 24 bytes of damage a quarter into the state file (issue 15)
set -u
BIN=${BIN:-./switchboard}; DIR=$(mktemp -d); F=${F:-$DIR/state.db}; PORT=${PORT:-18301}
OUT=$DIR
rm -f $F $F.*
$BIN serve --addr 127.0.0.1:$PORT --state-file $F >$OUT/a.out 2>&1 &
PID=$!
until curl -sf 127.0.0.1:$PORT/__admin/health >/dev/null; do sleep 0.1; done
mk() { curl -s -o /dev/null -w '%{http_code} ' -X POST 127.0.0.1:$PORT/llamadapro/api/v1/tasks -H "Authorization: Bearer $1" -H 'Content-Type: application/json' \
  -d '{"context":{"conversationId":1},"objective":"o'$2'","createdBy":{"id":"u","type":"user"},"assignedTo":{"id":"u","type":"user"},"dueDate":"2030-01-01T00:00:00Z"}'; }
for i in $(seq 60); do mk key1 $i; done | tr ' ' '\n' | sort | uniq -c
for i in $(seq 60); do mk key2 $i; done | tr ' ' '\n' | sort | uniq -c
kill -9 $PID; wait $PID 2>/dev/null
SIZE=$(stat -c %s $F); OFF=$((SIZE/4 + ${SHIFT:-0})); echo "size $SIZE, damaging 24 bytes at $OFF"
printf 'XXXXXXXXXXXXXXXXXXXXXXXX' | dd of=$F bs=1 seek=$OFF conv=notrunc status=none
$BIN state check $F; echo "check exit $?"
$BIN serve --addr 127.0.0.1:$PORT --state-file $F >$OUT/b.out 2>&1 &
PID=$!; sleep 1.5
if kill -0 $PID 2>/dev/null; then
  for k in key1 key2; do echo "$k: $(curl -s "127.0.0.1:$PORT/llamadapro/api/v1/tasks?limit=500" -H "Authorization: Bearer $k" | grep -o '"objective":"o[0-9]*"' | wc -l) created tasks"; done
  kill $PID; wait $PID
else echo "refused to start:"; cat $OUT/b.out; fi
if grep -q state-skip-damaged $OUT/b.out; then
  $BIN serve --addr 127.0.0.1:$PORT --state-file $F --state-skip-damaged=true >$OUT/c.out 2>&1 &
  PID=$!; until curl -sf 127.0.0.1:$PORT/__admin/health >/dev/null; do sleep 0.1; done
  for k in key1 key2; do echo "skip-damaged, $k: $(curl -s "127.0.0.1:$PORT/llamadapro/api/v1/tasks?limit=500" -H "Authorization: Bearer $k" | grep -o '"objective":"o[0-9]*"' | wc -l) created tasks"; done
  curl -s 127.0.0.1:$PORT/__admin/health | grep -o '"warnings":\[[^]]*\]'
  kill $PID; wait $PID
fi
