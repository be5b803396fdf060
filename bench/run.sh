#!/usr/bin/env bash
# The benchmark: full-size dumps through the service on the embedded broker, measured against floors
# taken in the same run on the same machine, written to bench/RESULTS.md (or $RESULTS).
#   bench/run.sh [SCALE]      SCALE 1 = the size of the real dumps (default); 0.1 for a quick look
# Then, on a second, fresh service on the same dump: /movies/top?limit=10 under wrk while its ingest
# runs, and again once it is idle.
# Needs: Java 17, python3, wrk (installed with apt-get if missing). Takes ~7 minutes at SCALE 1.
# Env: WRK_SECONDS (15), SERVICE_JAVA_OPTS, RESULTS, HISTORY_DAYS (365; 0 skips bench/history-year.sh), BENCH_HTTP_PORT (18080, and the next one),
# BENCH_KAFKA_PORT (19092), BENCH_CONTROLLER_PORT (19093).
set -euo pipefail
cd "$(dirname "$0")/.."
SCALE="${1:-1}"
WORK="bench/work"
DUMPS="$WORK/dumps-$SCALE"
RUN="$WORK/run"
HTTP_PORT="${BENCH_HTTP_PORT:-18080}"
KAFKA_PORT="${BENCH_KAFKA_PORT:-19092}"
CONTROLLER_PORT="${BENCH_CONTROLLER_PORT:-19093}"
RESULTS="${RESULTS:-bench/RESULTS.md}"
WRK_SECONDS="${WRK_SECONDS:-15}"
TOP="/movies/top?limit=10"

source bench/service.sh
secs() { python3 -c "print(f'{$2 - $1:.2f}')"; }
await_ready() { until curl -sf -o /dev/null "http://127.0.0.1:$HTTP_PORT/q/health/ready"; do sleep 0.05; done; }
# await_ingested DIR: until the ingest has completed (the state turns COMPLETED only after its final snapshot)
# and the silver log holds every record. While it runs, grep reads the state: a python3 per poll (130 ms of
# CPU each through pyenv's shim, 5 a second) took a third of a 2-core machine from the service it timed.
await_ingested() {
  until s=$(status) && grep -q '"state":"COMPLETED"' <<< "$s" \
      && [ "$(echo "$s" | json "['snapshot']['silverRows']")" = "$(echo "$s" | json "['consumer']['recordsConsumed']")" ] \
      && [ -n "$(echo "$s" | json "['snapshot']['lastWrittenAt'] or ''")" ]; do
    if ! kill -0 $PID 2>/dev/null; then echo "service died; see $1/service.log"; exit 1; fi
    sleep 0.2
  done
}
# wrk_warm_up ENDPOINT [CONNECTIONS, default 64] [SECONDS, default 2]
wrk_warm_up() { wrk -t2 -c"${2:-64}" -d"${3:-2}"s "http://127.0.0.1:$HTTP_PORT$1" > /dev/null; }
# wrk_latency ENDPOINT SECONDS [CONNECTIONS, default 64]: prints "req/s p50 p99".
wrk_latency() {
  local out
  out=$(wrk -t2 -c"${3:-64}" -d"$2"s --latency "http://127.0.0.1:$HTTP_PORT$1")
  echo "$(echo "$out" | awk '/Requests\/sec/ {print $2}') $(echo "$out" | awk '$1=="50%" {print $2}') $(echo "$out" | awk '$1=="99%" {print $2}')"
}

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -q -B package -DskipTests
[ -f "$DUMPS/title.basics.tsv.gz" ] || bench/generate.sh "$SCALE" "$DUMPS" --files basics,ratings
rm -rf "$RUN" && mkdir -p "$RUN"

echo "== floor: zcat of both files"
t0=$(now); zcat "$DUMPS/title.basics.tsv.gz" "$DUMPS/title.ratings.tsv.gz" > /dev/null; t1=$(now)
ZCAT=$(secs "$t0" "$t1")
ROWS=$(( $(zcat "$DUMPS/title.basics.tsv.gz" | wc -l) - 1 ))
echo "   zcat ${ZCAT}s, $ROWS title rows"

echo "== end to end: service start -> every movie in the store -> final snapshot"
t0=$(now)
start_service "$RUN" -XX:StartFlightRecording=filename="$RUN/service.jfr",settings=profile
trap 'kill $PID 2>/dev/null || true' EXIT
await_ready
t_ready=$(now)
READY=$(secs "$t0" "$t_ready")
STARTED=$(grep -o 'started in [0-9.]*s' "$RUN/service.log" | head -1 | grep -o '[0-9.]*' || echo "?")
echo "   ready after ${READY}s (Quarkus: started in ${STARTED}s)"
await_ingested "$RUN"
t_done=$(now)
E2E=$(secs "$t0" "$t_done")
S=$(status)
MOVIES=$(echo "$S" | json "['store']['movies']")
INGEST_S=$(python3 -c "
from datetime import datetime
import json,sys; d=json.loads(sys.argv[1])['ingest']
f=lambda t: datetime.fromisoformat(t.replace('Z','+00:00'))
print(f'{(f(d[\"finishedAt\"])-f(d[\"startedAt\"])).total_seconds():.2f}')" "$S")
SNAPSHOT_MS=$(echo "$S" | json "['snapshot']['lastDurationMillis']")
echo "   ${E2E}s end to end, $MOVIES movies (ingest ${INGEST_S}s, last snapshot ${SNAPSHOT_MS} ms)"

echo "== memory after the full ingest"
jcmd $PID GC.run > /dev/null
HEAP_USED=$(jcmd $PID GC.heap_info | python3 -c "
import re,sys; t=sys.stdin.read(); m=re.search(r'used (\d+)K', t); print(round(int(m.group(1))/1024))")
RSS_PEAK=$(awk '/VmHWM/ {print int($2/1024)}' /proc/$PID/status)
echo "   heap used after GC ${HEAP_USED} MB, peak RSS ${RSS_PEAK} MB"

echo "== floor: plain kafka-clients through the same broker"
FLOOR=$(java -Xmx2g -cp "target/quarkus-app/lib/main/*" bench/java/org/imdbetl/bench/KafkaFloorBench.java 127.0.0.1:$KAFKA_PORT "$DUMPS" 2>/dev/null | tail -1)
PRODUCE=$(echo "$FLOOR" | sed -E 's/.*produce_s=([0-9.]+).*/\1/')
CONSUME=$(echo "$FLOOR" | sed -E 's/.*consume_s=([0-9.]+).*/\1/')
echo "   $FLOOR"

echo "== REST under load: wrk, 64 connections, ${WRK_SECONDS}s each, once each was warmed up for 5s"
# Every endpoint is warmed up before any is measured: 2 s just before each left the first ones measured
# while their code was still being compiled (/version at 20-31k req/s for 10 s after 2 s, 45-67k once warm).
declare -A RPS P50 P99
ENDPOINTS=("/version" "/movies/top?limit=10" "/movies/top?genre=Drama&limit=50" "/genres")
for ep in "${ENDPOINTS[@]}"; do wrk_warm_up "$ep" 64 5; done
for ep in "${ENDPOINTS[@]}"; do
  read -r "RPS[$ep]" "P50[$ep]" "P99[$ep]" <<< "$(wrk_latency "$ep" "$WRK_SECONDS")"
  echo "   $ep: ${RPS[$ep]} req/s, p50 ${P50[$ep]}, p99 ${P99[$ep]}"
done

# Title search: service time more than queueing, so 8 connections; /version alongside as the floor.
echo "== title search: wrk, 8 connections, ${WRK_SECONDS}s each, once each was warmed up for 5s"
declare -A SRPS SP50 SP99
SEARCHES=("/version" "/movies/search?q=love" "/movies/search?q=the+dark+knight" "/movies/search?q=godfahter")
for ep in "${SEARCHES[@]}"; do wrk_warm_up "$ep" 8 5; done
for ep in "${SEARCHES[@]}"; do
  read -r "SRPS[$ep]" "SP50[$ep]" "SP99[$ep]" <<< "$(wrk_latency "$ep" "$WRK_SECONDS" 8)"
  echo "   $ep: ${SRPS[$ep]} req/s, p50 ${SP50[$ep]}, p99 ${SP99[$ep]}"
done
SEARCH_INDEX_MB=$(status | json "['store']['searchIndexBytes'] / 1048576")
echo "   title index: ${SEARCH_INDEX_MB} MB of heap (its own estimate)"

echo "== a second (reader) instance on the same broker: start-up to ready = store rebuilt from the topic"
t0=$(now)
rm -rf "$RUN/reader-history" "$RUN/reader-catalogue"
KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$KAFKA_PORT INGEST_ON_START=false REFRESH_INTERVAL=off SNAPSHOT_ENABLED=false HTTP_PORT=$((HTTP_PORT + 1)) \
  HISTORY_DIR="$RUN/reader-history" CATALOGUE_DIR="$RUN/reader-catalogue" java $HEAP $SERVICE_JAVA_OPTS -jar target/quarkus-app/quarkus-run.jar > "$RUN/reader.log" 2>&1 &
READER=$!
until curl -sf -o /dev/null "http://127.0.0.1:$((HTTP_PORT + 1))/q/health/ready"; do
  if ! kill -0 $READER 2>/dev/null; then echo "reader died; see $RUN/reader.log"; exit 1; fi
  sleep 0.05
done
t1=$(now)
READER_READY=$(secs "$t0" "$t1")
READER_STARTED=$(grep -o 'started in [0-9.]*s' "$RUN/reader.log" | head -1 | grep -o '[0-9.]*' || echo "?")
echo "   reader ready after ${READER_READY}s (Quarkus: started in ${READER_STARTED}s)"
kill -TERM $READER; wait $READER 2>/dev/null || true

kill -TERM $PID; wait $PID 2>/dev/null || true

# The same wrk on a fresh service while it ingests the same dump (from an empty topic), then idle. The
# ingest is started with POST /admin/ingest once the service is ready and warmed up; the measurement begins
# a quarter of the way into it (by the ingest time measured above), to skip most of its start-up JIT burst,
# and is cut short with SIGINT (wrk then prints what it has) as soon as /status no longer says RUNNING. The
# idle measurement, once the ingest and its final snapshot are done, lasts as long.
LAT_SECONDS=$(python3 -c "print(max(1, min($WRK_SECONDS, int($INGEST_S))))")
LAT_DELAY=$(python3 -c "print(f'{$INGEST_S / 4:.1f}')")
echo "== $TOP during a full ingest vs idle: a fresh service on the same dump, wrk up to ${LAT_SECONDS}s from ${LAT_DELAY}s into the ingest, then idle"
DURING="$RUN/during"
TOKEN="bench-$RANDOM$RANDOM"
ADMIN_TOKEN="$TOKEN" INGEST_ON_START=false start_service "$DURING"
await_ready
wrk_warm_up "$TOP"
curl -sf -o /dev/null -X POST -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$HTTP_PORT/admin/ingest" \
  || { echo "   POST /admin/ingest failed; see $DURING/service.log"; exit 1; }
until s=$(status) && state=$(echo "$s" | json "['ingest']['state']") && [ "$state" != "IDLE" ]; do
  if ! kill -0 $PID 2>/dev/null; then echo "service died; see $DURING/service.log"; exit 1; fi
  sleep 0.05
done
[ "$state" = "RUNNING" ] || { echo "   the ingest was $state before wrk started; see $DURING/service.log"; exit 1; }
sleep "$LAT_DELAY"
t0=$(now)
wrk -t2 -c64 -d"$LAT_SECONDS"s --latency "http://127.0.0.1:$HTTP_PORT$TOP" > "$DURING/wrk.txt" &
WRK=$!
while kill -0 $WRK 2>/dev/null; do
  # only the ingest has a "state" in /status; no answer counts as still running
  if s=$(status) && ! grep -q '"state":"RUNNING"' <<< "$s"; then kill -INT $WRK 2>/dev/null || true; break; fi
  sleep 0.05
done
wait $WRK
t1=$(now)
RUNNING_RPS=$(awk '/Requests\/sec/ {print $2}' "$DURING/wrk.txt")
RUNNING_P50=$(awk '$1=="50%" {print $2}' "$DURING/wrk.txt")
RUNNING_P99=$(awk '$1=="99%" {print $2}' "$DURING/wrk.txt")
MEASURED=$(secs "$t0" "$t1")
COVERAGE=$(status | python3 -c "
from datetime import datetime
import json,sys; d=json.load(sys.stdin)['ingest']; t0, t1 = float(sys.argv[1]), float(sys.argv[2])
end = t1 if d['state'] == 'RUNNING' else datetime.fromisoformat(d['finishedAt'].replace('Z','+00:00')).timestamp()
print(round(100 * max(0.0, min(end, t1) - t0) / (t1 - t0)))" "$t0" "$t1")
echo "   during the ingest: $RUNNING_RPS req/s, p50 $RUNNING_P50, p99 $RUNNING_P99 (${MEASURED}s, ingest RUNNING for ${COVERAGE}% of it)"
await_ingested "$DURING"
IDLE_SECONDS=$(python3 -c "print(max(1, round($MEASURED)))")
wrk_warm_up "$TOP"
read -r IDLE_RPS IDLE_P50 IDLE_P99 <<< "$(wrk_latency "$TOP" "$IDLE_SECONDS")"
echo "   idle:              $IDLE_RPS req/s, p50 $IDLE_P50, p99 $IDLE_P99 (${IDLE_SECONDS}s)"
kill -TERM $PID; wait $PID 2>/dev/null || true
trap - EXIT
P99_RATIO=$(python3 -c "
import sys
ms = lambda t: next(float(t[:-len(u)]) * f for u, f in (('us', 0.001), ('ms', 1.0), ('s', 1000.0)) if t.endswith(u))
print(f'{ms(sys.argv[1]) / ms(sys.argv[2]):.2f}')" "$RUNNING_P99" "$IDLE_P99")
echo "   p99 during / idle: ${P99_RATIO} × (target ≤ 3 ×: $(python3 -c "print('met' if $P99_RATIO <= 3 else 'missed')"))"

echo "== profile of the service run (JFR execution samples, top frames)"
JFR=jfr
[ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/jfr ] && JFR=/usr/lib/jvm/temurin-25-jdk-amd64/bin/jfr
$JFR print --events jdk.ExecutionSample --stack-depth 1 "$RUN/service.jfr" 2>/dev/null \
  | grep -E '^\s+[a-z].*line:' | sed -E 's/^\s+//; s/\s+line:.*//' | sort | uniq -c | sort -rn | head -15 > "$RUN/hot-methods.txt" || true
SAMPLES=$($JFR print --events jdk.ExecutionSample "$RUN/service.jfr" 2>/dev/null | grep -c 'jdk.ExecutionSample' || echo 0)

tee "$RUN/results.json" <<JSON | python3 bench/report.py "$RESULTS"
{"scale": "$SCALE", "rows": $ROWS, "movies": $MOVIES, "zcat": $ZCAT, "e2e": $E2E, "ingest": $INGEST_S,
 "snapshot_ms": $SNAPSHOT_MS, "ready": $READY, "started": "$STARTED", "reader_ready": $READER_READY, "reader_started": "$READER_STARTED", "heap_mb": $HEAP_USED, "rss_mb": $RSS_PEAK,
 "produce": $PRODUCE, "consume": $CONSUME, "samples": $SAMPLES, "heap_opt": "$HEAP", "java_opts": "$SERVICE_JAVA_OPTS",
 "during_ingest": {"seconds": $MEASURED, "idle_seconds": $IDLE_SECONDS, "delay": $LAT_DELAY, "coverage": $COVERAGE, "running": ["$RUNNING_RPS","$RUNNING_P50","$RUNNING_P99"], "idle": ["$IDLE_RPS","$IDLE_P50","$IDLE_P99"]},
 "search": {"index_mb": $SEARCH_INDEX_MB, "wrk": {$(for ep in "${SEARCHES[@]}"; do printf '"%s": ["%s","%s","%s"],' "$ep" "${SRPS[$ep]}" "${SP50[$ep]}" "${SP99[$ep]}"; done | sed 's/,$//')}},
 "wrk": {$(for ep in "${ENDPOINTS[@]}"; do printf '"%s": ["%s","%s","%s"],' "$ep" "${RPS[$ep]}" "${P50[$ep]}" "${P99[$ep]}"; done | sed 's/,$//')},
 "hot": $(python3 -c "import json; print(json.dumps(open('$RUN/hot-methods.txt').read()))")}
JSON
echo "== written $RESULTS"
bench/restart.sh "$DUMPS"
# The rating history through the service, a year of daily changes, in its own section (about an hour at full
# size on 2 cores); HISTORY_DAYS=0 leaves it out and keeps the section already in RESULTS.
if [[ ${HISTORY_DAYS:-365} != 0 ]]; then
  RESULTS="$RESULTS" bench/history-year.sh "$DUMPS"
fi
