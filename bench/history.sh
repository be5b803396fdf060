#!/usr/bin/env bash
# The rating history at full size: a year of daily refreshes of the whole movie catalogue (~40M points)
# written, then disk, heap after GC, put throughput and query latency, printed and kept in
# bench/work/history-<date>.txt. Takes ~15 minutes and ~2 GB of disk at full size.
#   bench/history.sh [name=value ...]    e.g. movies=76153 for a tenth; see RatingHistoryBench (bench/java)
# The heap is capped well below the service's so the store's bound shows; HEAP overrides it.
set -euo pipefail
cd "$(dirname "$0")/.."
HEAP="${HEAP:--Xmx256m}"
mkdir -p bench/work
./mvnw -q -B -ntp test-compile
./mvnw -q -B -ntp dependency:build-classpath -Dmdep.outputFile=bench/work/history.classpath >/dev/null
CP="target/test-classes:target/classes:$(cat bench/work/history.classpath)"
OUT="bench/work/history-$(date -u +%Y%m%dT%H%M%SZ).txt"
java $HEAP -cp "$CP" org.imdbetl.bench.RatingHistoryBench "$@" | tee "$OUT"
