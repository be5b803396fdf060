#!/usr/bin/env bash
# Runs one benchmark program of bench/java on the test class path (the build compiles them as test sources):
#   bench/program.sh CLASS [-Dname=value ...]     e.g. bench/program.sh TitleSearchBench -Dbench.movies=75000
# -D options go to the JVM; HEAP (-Xmx2g) sets its heap. bench/title-search.sh and bench/pinned-rankings.sh
# call it; bench/history.sh passes name=value arguments to RatingHistoryBench itself.
set -euo pipefail
cd "$(dirname "$0")/.."
PROGRAM=$1; shift
HEAP="${HEAP:--Xmx2g}"
JVM=()
for arg in "$@"; do
  case $arg in
    -D*) JVM+=("$arg") ;;
    *) echo "usage: $0 CLASS [-Dname=value ...]" >&2; exit 2 ;;
  esac
done
mkdir -p bench/work
./mvnw -q -B -ntp test-compile
./mvnw -q -B -ntp dependency:build-classpath -Dmdep.outputFile=bench/work/test.classpath >/dev/null
CP="target/test-classes:target/classes:$(cat bench/work/test.classpath)"
java $HEAP ${JVM[@]+"${JVM[@]}"} -cp "$CP" "org.imdbetl.bench.$PROGRAM"
