#!/usr/bin/env bash
# The catalogue mode of the benchmark: the whole title catalogue (title.basics + title.ratings + title.episode,
# every type) through the packaged service on its embedded broker, next to a movie-only run (basics + ratings,
# today's configuration) in the same command, each against zcat of its own files measured in the same run:
#   bench/catalogue.sh [SCALE]      SCALE 1 = the size of the real dumps (default)
# Prints and writes to bench/RESULTS-CATALOGUE.md (or $RESULTS): end to end vs zcat, CPU seconds of the service,
# heap after GC, peak RSS, restart after SIGKILL to the catalogue loaded, and the p99 of /titles/top?type=tvSeries
# and /titles/{series}/episodes against /version (wrk, 64 connections, WRK_SECONDS each after a warm-up).
# Needs: Java 17, python3, wrk (installed with apt-get if missing). Takes ~15 minutes at SCALE 1.
# Env: WRK_SECONDS (15), CATALOGUE_HEAP (-Xmx1g; the movie-only run has bench/run.sh's), RESULTS, BENCH_HTTP_PORT (18080), BENCH_KAFKA_PORT (19092),
# BENCH_CONTROLLER_PORT (19093).
set -euo pipefail
cd "$(dirname "$0")/.."
SCALE="${1:-1}"
WORK="bench/work"
ALL="$WORK/dumps-catalogue-$SCALE"
MOVIES_ONLY="$WORK/dumps-catalogue-$SCALE-movies"
RUN="$WORK/catalogue-run"
HTTP_PORT="${BENCH_HTTP_PORT:-18080}"
KAFKA_PORT="${BENCH_KAFKA_PORT:-19092}"
CONTROLLER_PORT="${BENCH_CONTROLLER_PORT:-19093}"
RESULTS="${RESULTS:-bench/RESULTS-CATALOGUE.md}"
WRK_SECONDS="${WRK_SECONDS:-15}"

source bench/service.sh
# The movie-only run at bench/run.sh's heap; the catalogue's budgets are heap after GC (600 MB) and peak RSS
# (1.5 GB): its heap limit only has to leave room above the first and stay under the second.
MOVIES_HEAP="$HEAP"
CATALOGUE_HEAP="${CATALOGUE_HEAP:--Xmx1g}"
secs() { python3 -c "print(f'{$2 - $1:.2f}')"; }
await_ready() { until curl -sf -o /dev/null "http://127.0.0.1:$HTTP_PORT/q/health/ready"; do sleep 0.1; done; }
cpu_seconds() { python3 -c "
import os; f = open('/proc/$1/stat').read().rsplit(')', 1)[1].split()
print(f'{(int(f[11]) + int(f[12])) / os.sysconf(\"SC_CLK_TCK\"):.1f}')"; }
heap_after_gc() { jcmd "$1" GC.run > /dev/null; jcmd "$1" GC.heap_info | python3 -c "
import re,sys; t=sys.stdin.read(); m=re.search(r'used (\d+)K', t); print(round(int(m.group(1))/1024))"; }
peak_rss() { awk '/VmHWM/ {print int($2/1024)}' "/proc/$1/status"; }
# await_done WHAT: until the movies' ingest (and, for "catalogue", the catalogue's refresh) has COMPLETED.
await_done() {
  until s=$(status) && [ "$(echo "$s" | json "['ingest']['state']")" = COMPLETED ] \
      && { [ "$1" != catalogue ] || [ "$(echo "$s" | json "['catalogue']['refresh']['state']")" = COMPLETED ]; }; do
    if ! kill -0 $PID 2>/dev/null; then echo "service died; see $RUN/service.log"; exit 1; fi
    sleep 0.5
  done
}
p99_of() { wrk -t2 -c64 -d"$WRK_SECONDS"s --latency "http://127.0.0.1:$HTTP_PORT$1" | awk '$1=="99%" {print $2}'; }
ms() { python3 -c "
t='$1'; print(next(float(t[:-len(u)]) * f for u, f in (('us', 0.001), ('ms', 1.0), ('s', 1000.0)) if t.endswith(u)))"; }
ratio() { python3 -c "print(f'{$1 / $2:.2f}')"; }
verdict() { python3 -c "print('met' if $1 <= $2 else 'missed')"; }

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -q -B package -DskipTests
[ -f "$ALL/title.episode.tsv.gz" ] || bench/generate.sh "$SCALE" "$ALL" --files basics,ratings,episode
mkdir -p "$MOVIES_ONLY"
for f in title.basics.tsv.gz title.ratings.tsv.gz; do ln -sf "$(realpath "$ALL/$f")" "$MOVIES_ONLY/$f"; done

declare -A E2E ZCAT CPU HEAP_MB RSS
# run MODE DUMPS HEAP: one service from empty data dirs to done; fills the figures of MODE.
run() {
  local mode=$1
  DUMPS=$2
  HEAP=$3
  rm -rf "$RUN" && mkdir -p "$RUN"
  local files=("$DUMPS"/title.*.tsv.gz)
  local t0 t1
  t0=$(now); zcat "${files[@]}" > /dev/null; t1=$(now)
  ZCAT[$mode]=$(secs "$t0" "$t1")
  t0=$(now)
  start_service "$RUN"
  await_ready
  await_done "$mode"
  t1=$(now)
  E2E[$mode]=$(secs "$t0" "$t1")
  CPU[$mode]=$(cpu_seconds $PID)
  HEAP_MB[$mode]=$(heap_after_gc $PID)
  RSS[$mode]=$(peak_rss $PID)
  echo "   $mode: zcat ${ZCAT[$mode]}s; end to end ${E2E[$mode]}s = $(ratio "${E2E[$mode]}" "${ZCAT[$mode]}") x zcat;" \
    "CPU ${CPU[$mode]}s; heap after GC ${HEAP_MB[$mode]} MB; peak RSS ${RSS[$mode]} MB"
}

echo "== movie-only: basics + ratings, the movies' ingest"
run movies "$MOVIES_ONLY" "$MOVIES_HEAP"
kill -TERM $PID; wait $PID 2>/dev/null || true

echo "== catalogue: basics + ratings + episode, every type"
run catalogue "$ALL" "$CATALOGUE_HEAP"
trap 'kill $PID 2>/dev/null || true' EXIT
TITLES=$(status | json "['catalogue']['titles']")
# The series with the most episodes in the dump.
SERIES=$(zcat "$ALL/title.episode.tsv.gz" | awk -F'\t' 'NR > 1 { n[$2]++ } END { for (s in n) if (n[s] > max) { max = n[s]; best = s }; print best }')
EPISODES=$(curl -sf "http://127.0.0.1:$HTTP_PORT/titles/$SERIES" | json "['episodeCount']")
echo "   $TITLES titles; p99 endpoints use series $SERIES ($EPISODES episodes)"

echo "== p99 vs /version: wrk, 64 connections, ${WRK_SECONDS}s each after a 5s warm-up"
ENDPOINTS=("/version" "/titles/top?type=tvSeries" "/titles/$SERIES/episodes")
declare -A P99
for ep in "${ENDPOINTS[@]}"; do wrk -t2 -c64 -d5s "http://127.0.0.1:$HTTP_PORT$ep" > /dev/null; done
for ep in "${ENDPOINTS[@]}"; do P99[$ep]=$(p99_of "$ep"); echo "   $ep: p99 ${P99[$ep]}"; done
VERSION_MS=$(ms "${P99[/version]}")
TOP_RATIO=$(ratio "$(ms "${P99[/titles/top?type=tvSeries]}")" "$VERSION_MS")
EPISODES_RATIO=$(ratio "$(ms "${P99[/titles/$SERIES/episodes]}")" "$VERSION_MS")

echo "== restart after SIGKILL: the same data, to ready with the catalogue loaded"
kill -KILL $PID; wait $PID 2>/dev/null || true
t0=$(now)
start_service "$RUN"
until s=$(status 2>/dev/null) && [ "$(echo "$s" | json "['catalogue']['loaded']")" = True ] \
    && [ "$(echo "$s" | json "['catalogue']['titles']")" = "$TITLES" ] \
    && curl -sf -o /dev/null "http://127.0.0.1:$HTTP_PORT/q/health/ready"; do
  if ! kill -0 $PID 2>/dev/null; then echo "service died; see $RUN/service.log"; exit 1; fi
  sleep 0.1
done
t1=$(now)
RESTART=$(secs "$t0" "$t1")
echo "   ${RESTART}s; $(grep -o 'Catalogue: [0-9]* titles ([0-9]* rated) in [^,]*, read in [0-9]* ms' "$RUN/service.log" | tail -1)"
kill -TERM $PID; wait $PID 2>/dev/null || true
trap - EXIT

# Taken before the report is written: tee truncates $RESULTS, which git would then count as a change.
COMMIT="$(git rev-parse --short HEAD)$(git diff --quiet || echo ' (uncommitted changes)')"
E2E_RATIO=$(ratio "${E2E[catalogue]}" "${ZCAT[catalogue]}")
MOVIES_RATIO=$(ratio "${E2E[movies]}" "${ZCAT[movies]}")
{
  echo "# Catalogue benchmark (bench/catalogue.sh $SCALE)"
  echo
  echo "Run $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, $COMMIT, heap $MOVIES_HEAP (movie-only) and $CATALOGUE_HEAP (catalogue);"
  echo "dumps: generated at scale $SCALE; $TITLES titles in the catalogue. Each run starts from empty data directories."
  echo
  echo "| figure | movie-only (basics + ratings) | catalogue (+ episode, every type) | budget | |"
  echo "|---|---|---|---|---|"
  echo "| zcat of the run's files | ${ZCAT[movies]} s | ${ZCAT[catalogue]} s | floor | |"
  echo "| end to end (start to every refresh COMPLETED) | ${E2E[movies]} s = ${MOVIES_RATIO}x zcat | ${E2E[catalogue]} s = ${E2E_RATIO}x zcat | 6x zcat | $(verdict "$E2E_RATIO" 6) |"
  echo "| CPU seconds of the service | ${CPU[movies]} | ${CPU[catalogue]} | | |"
  echo "| heap after GC | ${HEAP_MB[movies]} MB | ${HEAP_MB[catalogue]} MB | 600 MB | $(verdict "${HEAP_MB[catalogue]}" 600) |"
  echo "| peak RSS | ${RSS[movies]} MB | ${RSS[catalogue]} MB | 1536 MB | $(verdict "${RSS[catalogue]}" 1536) |"
  echo "| restart after SIGKILL to the catalogue loaded | | ${RESTART} s | | |"
  echo "| /version p99 | | ${P99[/version]} | floor | |"
  echo "| /titles/top?type=tvSeries p99 | | ${P99[/titles/top?type=tvSeries]} = ${TOP_RATIO}x /version | 2x | $(verdict "$TOP_RATIO" 2) |"
  echo "| /titles/{series}/episodes p99 (the longest series, $EPISODES episodes; first page of 50) | | ${P99[/titles/$SERIES/episodes]} = ${EPISODES_RATIO}x /version | 2x | $(verdict "$EPISODES_RATIO" 2) |"
  echo
  echo "Movie-only figures of bench/run.sh for comparison: [RESULTS.md](RESULTS.md)."
} | tee "$RESULTS"
echo "== written $RESULTS"
