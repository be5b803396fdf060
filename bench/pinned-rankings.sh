#!/usr/bin/env bash
# The heap one kept (pinned) ranking costs at full size (PinnedRankingHeapBench): its arrays alone, and
# with the old values of 10% re-rated movies that only it still holds. Printed and written to
# target/pinned-ranking-heap.md (docs/architecture.md, "Pinned rankings", has its figures).
#   bench/pinned-rankings.sh [-Dbench.rated=752000]
# -D options go to the JVM. -Xmx2g by default; HEAP overrides it.
set -euo pipefail
cd "$(dirname "$0")/.."
HEAP="${HEAP:--Xmx2g}"
JVM=()
for arg in "$@"; do
  case $arg in
    -D*) JVM+=("$arg") ;;
    *) echo "usage: $0 [-Dbench.rated=752000]" >&2; exit 2 ;;
  esac
done
mkdir -p bench/work
./mvnw -q -B -ntp test-compile
./mvnw -q -B -ntp dependency:build-classpath -Dmdep.outputFile=bench/work/pinned-rankings.classpath >/dev/null
CP="target/test-classes:target/classes:$(cat bench/work/pinned-rankings.classpath)"
java $HEAP ${JVM[@]+"${JVM[@]}"} -cp "$CP" org.imdbetl.bench.PinnedRankingHeapBench
