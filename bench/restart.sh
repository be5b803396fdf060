#!/usr/bin/env bash
# Start-up and restart of the packaged service on its embedded broker:
#   bench/restart.sh DUMPS_DIR      (a dump written by bench/generate.sh)
# (a) clean start to ready: an empty data dir each time, START_RUNS runs, the median;
# (b) restart after SIGKILL to ready with the full store loaded back: one service ingests DUMPS_DIR until
#     /status says COMPLETED, then RESTART_RUNS times: kill -9, start again on the same data, time to
#     /q/health/ready, and /status must show the same movie count. First as configured (from the store
#     checkpoint the end-of-ingest snapshot wrote, then the topic after it), then RESTART_RUNS times more
#     with -Dimdb.snapshot.checkpoint=false (the whole topic read again, as before the checkpoint).
# Both again without the class preloading of the packaged jar (for comparison), and with a class-data
# archive (AppCDS) written by a training run of the same jar (README, "Faster start-up"): the JVM then maps
# the classes a start loads instead of parsing and verifying them.
# Prints "figure | value | target | met/missed" rows, each run's CPU time and phases from the service's log.
# Env (as bench/run.sh): BENCH_HTTP_PORT (18080), BENCH_KAFKA_PORT (19092), BENCH_CONTROLLER_PORT (19093),
# SERVICE_JAVA_OPTS; and SERVICE_JAR (target/quarkus-app/quarkus-run.jar), START_RUNS (5), RESTART_RUNS (3),
# RESTART_WORK (bench/work/restart).
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -eq 1 ] && [ -f "$1/title.basics.tsv.gz" ] || { echo "usage: $0 DUMPS_DIR   (written by bench/generate.sh)" >&2; exit 2; }
DUMPS="$1"
HTTP_PORT="${BENCH_HTTP_PORT:-18080}"
KAFKA_PORT="${BENCH_KAFKA_PORT:-19092}"
CONTROLLER_PORT="${BENCH_CONTROLLER_PORT:-19093}"
START_RUNS="${START_RUNS:-5}"
RESTART_RUNS="${RESTART_RUNS:-3}"
WORK="${RESTART_WORK:-bench/work/restart}"
START_TARGET=2
# The packaged jar preloads the classes a start needs on a second thread (ClassPreloader); this turns it off.
NO_PRELOAD_PROPERTY=imdb-etl.preload-classes
RESTART_TARGET=6
PID=

source bench/service.sh
secs() { python3 -c "print(f'{$2 - $1:.2f}')"; }
median() { python3 -c "import statistics,sys; print(f'{statistics.median(map(float, sys.argv[1:])):.2f}')" "$@"; }
verdict() { python3 -c "print('met' if $1 <= $2 else 'missed')"; }
# await_ready DIR: polls readiness every 50 ms, as bench/run.sh does.
await_ready() {
  until curl -sf -o /dev/null "http://127.0.0.1:$HTTP_PORT/q/health/ready"; do
    if ! kill -0 $PID 2>/dev/null; then echo "service died; see $1/service.log"; exit 1; fi
    sleep 0.05
  done
}
# cpu_seconds: CPU time (user + system) the service has used so far: less noisy than wall time on a shared machine.
cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / hz}' /proc/$PID/stat; }
# phases LOG T0: seconds from launch to the broker's start and end, and to Quarkus' "started" (the last ones in LOG).
phases() {
  python3 - "$1" "$2" <<'PY'
import re, sys
from datetime import datetime
log, t0 = open(sys.argv[1], errors="replace").read().splitlines(), float(sys.argv[2])
def last(pattern):
    for line in reversed(log):
        m = re.search(pattern, line)
        if m:
            return datetime.strptime(line[:23], "%Y-%m-%d %H:%M:%S,%f").timestamp() - t0, m
    return None, None
broker, b = last(r"Kafka: started the embedded KRaft broker at \S+ in ([0-9]+) ms")
quarkus, q = last(r"started in ([0-9.]+)s")
if broker is None or quarkus is None:
    print("phases not found in the log")
else:
    took = int(b.group(1)) / 1000
    print(f"broker start {broker - took:.2f}-{broker:.2f}s ({took:.2f}s), Quarkus started at {quarkus:.2f}s (it says {q.group(1)}s)")
PY
}
stop() {
  if [ -n "$PID" ]; then kill -9 $PID 2>/dev/null || true; wait $PID 2>/dev/null || true; fi
  PID=
}
trap stop EXIT

# clean_starts NAME [JVM options]: START_RUNS clean starts; sets START to the median and STARTS to the runs.
clean_starts() {
  local name=$1; shift
  STARTS=()
  for i in $(seq 1 "$START_RUNS"); do
    local dir="$WORK/$name-clean-$i" t0 t1
    t0=$(now); start_service "$dir" "$@"; await_ready "$dir"; t1=$(now)
    STARTS+=("$(secs "$t0" "$t1")")
    echo "   run $i: ready after ${STARTS[-1]}s, $(cpu_seconds) s of CPU; $(phases "$dir/service.log" "$t0")"
    stop
  done
  START=$(median "${STARTS[@]}")
}
# restarts DIR [JVM options]: RESTART_RUNS times kill -9 the running service and start it again on DIR's data;
# sets RESTART to the median and RESTARTS to the runs. The service must hold $MOVIES movies each time.
restarts() {
  local dir=$1; shift
  RESTARTS=()
  for i in $(seq 1 "$RESTART_RUNS"); do
    kill -9 $PID; wait $PID 2>/dev/null || true
    local t0 t1 cpu loaded
    t0=$(now); start_service "$dir" "$@"; await_ready "$dir"; t1=$(now)
    RESTARTS+=("$(secs "$t0" "$t1")")
    cpu=$(cpu_seconds)
    loaded=$(status | json "['store']['movies']")
    echo "   run $i: ready after ${RESTARTS[-1]}s, $cpu s of CPU, $loaded movies ($(status | json "['consumer']['checkpointMovies']") from the checkpoint); $(phases "$dir/service.log" "$t0")"
    [ "$loaded" = "$MOVIES" ] || { echo "   the restarted store has $loaded movies, not $MOVIES; see $dir/service.log"; exit 1; }
  done
  RESTART=$(median "${RESTARTS[@]}")
}

[ -f "$SERVICE_JAR" ] || ./mvnw -q -B package -DskipTests
if curl -s -o /dev/null "http://127.0.0.1:$HTTP_PORT/"; then echo "something already answers on port $HTTP_PORT; set BENCH_HTTP_PORT" >&2; exit 1; fi
rm -rf "$WORK" && mkdir -p "$WORK"
ARCHIVE="$(realpath -m "$WORK/app-cds.jsa")"

echo "== clean start to ready: empty data dir, $START_RUNS runs"
clean_starts plain
PLAIN_START=$START PLAIN_STARTS="${STARTS[*]}"
echo "== the same without class preloading (-D$NO_PRELOAD_PROPERTY=false), for comparison"
clean_starts nopreload -D$NO_PRELOAD_PROPERTY=false
NOPRELOAD_START=$START NOPRELOAD_STARTS="${STARTS[*]}"

echo "== restart after SIGKILL to ready, the full store loaded back (checkpoint + the topic after it): $RESTART_RUNS runs"
dir="$WORK/crash"
start_service "$dir"; await_ready "$dir"
until s=$(status) && [ "$(echo "$s" | json "['ingest']['state']")" = "COMPLETED" ]; do
  if ! kill -0 $PID 2>/dev/null; then echo "service died; see $dir/service.log"; exit 1; fi
  sleep 0.2
done
MOVIES=$(status | json "['store']['movies']")
echo "   ingested $MOVIES movies from $DUMPS"
restarts "$dir"
PLAIN_RESTART=$RESTART PLAIN_RESTARTS="${RESTARTS[*]}"
echo "== the same without class preloading, for comparison: $RESTART_RUNS runs"
restarts "$dir" -D$NO_PRELOAD_PROPERTY=false
NOPRELOAD_RESTART=$RESTART NOPRELOAD_RESTARTS="${RESTARTS[*]}"
echo "== the same reading the whole topic (no checkpoint): $RESTART_RUNS runs"
restarts "$dir" -Dimdb.snapshot.checkpoint=false
TOPIC_RESTART=$RESTART TOPIC_RESTARTS="${RESTARTS[*]}"
stop

echo "== the same with a class-data archive: a training run (start on an empty data dir, ready, SIGTERM) writes it"
start_service "$WORK/training" -XX:ArchiveClassesAtExit="$ARCHIVE"; await_ready "$WORK/training"
kill -TERM $PID; wait $PID 2>/dev/null || true; PID=
[ -f "$ARCHIVE" ] || { echo "   no archive written; see $WORK/training/service.log"; exit 1; }
echo "   $(du -m "$ARCHIVE" | cut -f1) MB archive"
clean_starts cds -XX:SharedArchiveFile="$ARCHIVE"
CDS_START=$START CDS_STARTS="${STARTS[*]}"
start_service "$dir" -XX:SharedArchiveFile="$ARCHIVE"; await_ready "$dir"
restarts "$dir" -XX:SharedArchiveFile="$ARCHIVE"
CDS_RESTART=$RESTART CDS_RESTARTS="${RESTARTS[*]}"
stop

echo "figure | value | target | met/missed"
echo "clean start to ready (median of $START_RUNS: $PLAIN_STARTS) | ${PLAIN_START} s | <= ${START_TARGET} s | $(verdict "$PLAIN_START" $START_TARGET)"
echo "clean start to ready without class preloading, for comparison (median of $START_RUNS: $NOPRELOAD_STARTS) | ${NOPRELOAD_START} s | <= ${START_TARGET} s | $(verdict "$NOPRELOAD_START" $START_TARGET)"
echo "clean start to ready with the AppCDS archive (median of $START_RUNS: $CDS_STARTS) | ${CDS_START} s | <= ${START_TARGET} s | $(verdict "$CDS_START" $START_TARGET)"
echo "restart after SIGKILL to ready, $MOVIES movies from the checkpoint and the topic after it (median of $RESTART_RUNS: $PLAIN_RESTARTS) | ${PLAIN_RESTART} s | <= ${RESTART_TARGET} s | $(verdict "$PLAIN_RESTART" $RESTART_TARGET)"
echo "restart after SIGKILL to ready from the checkpoint without class preloading, for comparison (median of $RESTART_RUNS: $NOPRELOAD_RESTARTS) | ${NOPRELOAD_RESTART} s | <= ${RESTART_TARGET} s | $(verdict "$NOPRELOAD_RESTART" $RESTART_TARGET)"
echo "restart after SIGKILL to ready, $MOVIES movies from the whole topic, STORE_CHECKPOINT=false (median of $RESTART_RUNS: $TOPIC_RESTARTS) | ${TOPIC_RESTART} s | <= ${RESTART_TARGET} s | $(verdict "$TOPIC_RESTART" $RESTART_TARGET)"
echo "restart after SIGKILL to ready with the AppCDS archive (median of $RESTART_RUNS: $CDS_RESTARTS) | ${CDS_RESTART} s | <= ${RESTART_TARGET} s | $(verdict "$CDS_RESTART" $RESTART_TARGET)"
