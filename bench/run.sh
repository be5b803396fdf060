#!/usr/bin/env bash
# The benchmark: full-size dumps through the service on the embedded broker, measured against floors
# taken in the same run on the same machine, written to bench/RESULTS.md.
#   bench/run.sh [SCALE]      SCALE 1 = the size of the real dumps (default); 0.1 for a quick look
# Needs: Java 17, python3, wrk (installed with apt-get if missing). Takes ~5 minutes at SCALE 1.
set -euo pipefail
cd "$(dirname "$0")/.."
SCALE="${1:-1}"
WORK="bench/work"
DUMPS="$WORK/dumps-$SCALE"
RUN="$WORK/run"
HTTP_PORT=18080
KAFKA_PORT=19092
CONTROLLER_PORT=19093
HEAP="-Xmx512m"
SERVICE_JAVA_OPTS="${SERVICE_JAVA_OPTS:-}"
RESULTS="bench/RESULTS.md"
WRK_SECONDS="${WRK_SECONDS:-15}"

now() { date +%s.%N; }
secs() { python3 -c "print(f'{$2 - $1:.2f}')"; }
status() { curl -sf "http://127.0.0.1:$HTTP_PORT/status"; }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval('d' + sys.argv[1]))" "$1"; }

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -q -B package -DskipTests
[ -f "$DUMPS/title.basics.tsv.gz" ] || bench/generate.sh "$SCALE" "$DUMPS"
rm -rf "$RUN" && mkdir -p "$RUN"

echo "== floor: zcat of both files"
t0=$(now); zcat "$DUMPS/title.basics.tsv.gz" "$DUMPS/title.ratings.tsv.gz" > /dev/null; t1=$(now)
ZCAT=$(secs "$t0" "$t1")
ROWS=$(( $(zcat "$DUMPS/title.basics.tsv.gz" | wc -l) - 1 ))
echo "   zcat ${ZCAT}s, $ROWS title rows"

echo "== end to end: service start -> every movie in the store -> final snapshot"
t0=$(now)
IMDB_SOURCE="$DUMPS" OUTPUT_DIR="$RUN/output" HTTP_PORT=$HTTP_PORT SNAPSHOT_INTERVAL=10s \
  java $HEAP $SERVICE_JAVA_OPTS -XX:StartFlightRecording=filename="$RUN/service.jfr",settings=profile \
  -Dimdb.kafka.embedded.port=$KAFKA_PORT -Dimdb.kafka.embedded.controller-port=$CONTROLLER_PORT \
  -Dimdb.kafka.embedded.log-dir="$RUN/kafka" -jar target/quarkus-app/quarkus-run.jar > "$RUN/service.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
until curl -sf -o /dev/null "http://127.0.0.1:$HTTP_PORT/q/health/ready"; do sleep 0.05; done
t_ready=$(now)
READY=$(secs "$t0" "$t_ready")
STARTED=$(grep -o 'started in [0-9.]*s' "$RUN/service.log" | head -1 | grep -o '[0-9.]*' || echo "?")
echo "   ready after ${READY}s (Quarkus: started in ${STARTED}s)"
until s=$(status) && [ "$(echo "$s" | json "['ingest']['state']")" = "COMPLETED" ] \
    && [ "$(echo "$s" | json "['snapshot']['silverRows']")" = "$(echo "$s" | json "['consumer']['recordsConsumed']")" ] \
    && [ "$(echo "$s" | json "['snapshot']['lastWrittenAt'] or ''")" \> "$(echo "$s" | json "['ingest']['finishedAt']")" ]; do
  if ! kill -0 $PID 2>/dev/null; then echo "service died; see $RUN/service.log"; exit 1; fi
  sleep 0.2
done
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
FLOOR=$(java -Xmx2g -cp "target/quarkus-app/lib/main/*" bench/KafkaFloor.java 127.0.0.1:$KAFKA_PORT "$DUMPS" 2>/dev/null | tail -1)
PRODUCE=$(echo "$FLOOR" | sed -E 's/.*produce_s=([0-9.]+).*/\1/')
CONSUME=$(echo "$FLOOR" | sed -E 's/.*consume_s=([0-9.]+).*/\1/')
echo "   $FLOOR"

echo "== REST under load: wrk, 64 connections, ${WRK_SECONDS}s each"
declare -A RPS P50 P99
ENDPOINTS=("/version" "/movies/top?limit=10" "/movies/top?genre=Drama&limit=50" "/genres")
for ep in "${ENDPOINTS[@]}"; do
  wrk -t2 -c64 -d2s "http://127.0.0.1:$HTTP_PORT$ep" > /dev/null   # warm-up
  out=$(wrk -t2 -c64 -d${WRK_SECONDS}s --latency "http://127.0.0.1:$HTTP_PORT$ep")
  RPS[$ep]=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  P50[$ep]=$(echo "$out" | awk '$1=="50%" {print $2}')
  P99[$ep]=$(echo "$out" | awk '$1=="99%" {print $2}')
  echo "   $ep: ${RPS[$ep]} req/s, p50 ${P50[$ep]}, p99 ${P99[$ep]}"
done

echo "== a second (reader) instance on the same broker: start-up to ready = store rebuilt from the topic"
t0=$(now)
KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$KAFKA_PORT INGEST_ON_START=false SNAPSHOT_ENABLED=false HTTP_PORT=$((HTTP_PORT + 1)) \
  java $HEAP $SERVICE_JAVA_OPTS -jar target/quarkus-app/quarkus-run.jar > "$RUN/reader.log" 2>&1 &
READER=$!
until curl -sf -o /dev/null "http://127.0.0.1:$((HTTP_PORT + 1))/q/health/ready"; do sleep 0.05; done
t1=$(now)
READER_READY=$(secs "$t0" "$t1")
READER_STARTED=$(grep -o 'started in [0-9.]*s' "$RUN/reader.log" | head -1 | grep -o '[0-9.]*' || echo "?")
echo "   reader ready after ${READER_READY}s (Quarkus: started in ${READER_STARTED}s)"
kill -TERM $READER; wait $READER 2>/dev/null || true

kill -TERM $PID; wait $PID 2>/dev/null || true
trap - EXIT

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
 "wrk": {$(for ep in "${ENDPOINTS[@]}"; do printf '"%s": ["%s","%s","%s"],' "$ep" "${RPS[$ep]}" "${P50[$ep]}" "${P99[$ep]}"; done | sed 's/,$//')},
 "hot": $(python3 -c "import json; print(json.dumps(open('$RUN/hot-methods.txt').read()))")}
JSON
echo "== written $RESULTS"
