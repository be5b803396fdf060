#!/usr/bin/env bash
# The title index against Apache Lucene at full size (TitleSearchBench): heap, build and re-upsert time,
# single-thread query latency per kind of query, and that both return the same first pages. Printed and
# written to target/title-search-bench.md (bench/TITLE_SEARCH.md has the results). Takes minutes.
#   bench/title-search.sh [-Dbench.movies=750000] [-Dbench.impl=custom|lucene|both]
# -D options go to the JVM. -Xmx2g keeps G1's regions at 1 MB as in the service; HEAP overrides it.
set -euo pipefail
cd "$(dirname "$0")/.."
HEAP="${HEAP:--Xmx2g}"
JVM=()
for arg in "$@"; do
  case $arg in
    -D*) JVM+=("$arg") ;;
    *) echo "usage: $0 [-Dbench.movies=750000] [-Dbench.impl=custom|lucene|both]" >&2; exit 2 ;;
  esac
done
mkdir -p bench/work
./mvnw -q -B -ntp test-compile
./mvnw -q -B -ntp dependency:build-classpath -Dmdep.outputFile=bench/work/title-search.classpath >/dev/null
CP="target/test-classes:target/classes:$(cat bench/work/title-search.classpath)"
java $HEAP ${JVM[@]+"${JVM[@]}"} -cp "$CP" org.imdbetl.bench.TitleSearchBench
