#!/usr/bin/env bash
# Lists the classes a start of the packaged service loads, in the order it loads them, into
# src/main/resources/META-INF/imdb-etl/startup-classes.txt; the packaged service preloads them on a
# second thread while its main thread starts (ClassPreloader). Run it after changing dependencies or
# the start-up path, then package again; a stale list only makes starts slower (the service logs how
# many listed classes it did not find, and ClassPreloaderTest fails when more than 1% are gone).
#   bench/startup-classes.sh
# The start: the packaged jar on the bundled sample and the embedded broker, empty data dirs, until
# /q/health/ready, with the preloading off so the list is what the start itself needs. Kept: classes
# from the JDK's modules and the application's jars; left out: the JDK's own CDS archive (already
# mapped), classes Quarkus generates at build time (their names change from build to build), and
# hidden classes (lambdas, proxies: they have no name to load by).
# Env: BENCH_HTTP_PORT (18080), BENCH_KAFKA_PORT (19092), BENCH_CONTROLLER_PORT (19093).
set -euo pipefail
cd "$(dirname "$0")/.."
HTTP_PORT="${BENCH_HTTP_PORT:-18080}"
KAFKA_PORT="${BENCH_KAFKA_PORT:-19092}"
CONTROLLER_PORT="${BENCH_CONTROLLER_PORT:-19093}"
LIST=src/main/resources/META-INF/imdb-etl/startup-classes.txt
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -q -B package -DskipTests
if curl -s -o /dev/null "http://127.0.0.1:$HTTP_PORT/"; then echo "something already answers on port $HTTP_PORT; set BENCH_HTTP_PORT" >&2; exit 1; fi
WORK=$(mktemp -d)
PID=
trap '[ -n "$PID" ] && kill -9 $PID 2>/dev/null; rm -rf "$WORK"' EXIT
IMDB_SOURCE=sample OUTPUT_DIR="$WORK/output" HISTORY_DIR="$WORK/history" CATALOGUE_DIR="$WORK/catalogue" HTTP_PORT=$HTTP_PORT \
  java -Dimdb-etl.preload-classes=false -Xlog:class+load=info:file="$WORK/classes.log" \
  -Dimdb.kafka.embedded.port=$KAFKA_PORT -Dimdb.kafka.embedded.controller-port=$CONTROLLER_PORT \
  -Dimdb.kafka.embedded.log-dir="$WORK/kafka" -jar target/quarkus-app/quarkus-run.jar > "$WORK/service.log" 2>&1 &
PID=$!
until curl -sf -o /dev/null "http://127.0.0.1:$HTTP_PORT/q/health/ready"; do
  kill -0 $PID 2>/dev/null || { cat "$WORK/service.log" >&2; echo "the service died" >&2; exit 1; }
  sleep 0.05
done
kill -9 $PID; wait $PID 2>/dev/null || true
PID=
mkdir -p "$(dirname "$LIST")"
python3 - "$WORK/classes.log" "$LIST" "$(git describe --always --dirty 2>/dev/null || echo unknown)" "$(java -version 2>&1 | head -1)" <<'PY'
import re, sys
log, out, commit, java = sys.argv[1:5]
keep = re.compile(r"source: (jrt:/|file:\S*/quarkus-app/(lib/|app/|quarkus/transformed-bytecode\.jar))")
names, seen = [], set()
for line in open(log, errors="replace"):
    parts = line.split(" ", 2)
    if len(parts) < 3 or "/" in parts[1] or not keep.search(parts[2]):
        continue
    if parts[1] not in seen:
        seen.add(parts[1])
        names.append(parts[1])
with open(out, "w") as f:
    f.write(f"# Classes a start of the packaged service loads, in order: written by bench/startup-classes.sh\n")
    f.write(f"# from {commit} on {java}. ClassPreloader loads them beside the main thread.\n")
    f.write("\n".join(names) + "\n")
print(f"{len(names)} classes written to {out}")
PY
