# Sourced by bench/run.sh, bench/restart.sh and bench/history-year.sh: how the benchmarks run the service.
# The heap the budgets are measured at, and the JVM options the image uses besides its heap
# (src/main/docker/Dockerfile.jvm; README, "Quick start"); SERVICE_JAVA_OPTS=" " runs without them.
HEAP="-Xmx512m"
SERVICE_JAVA_OPTS="${SERVICE_JAVA_OPTS:--XX:-ClassUnloadingWithConcurrentMark -XX:-G1UseAdaptiveIHOP -XX:InitiatingHeapOccupancyPercent=70 -XX:MetaspaceSize=128m -XX:CompileThresholdScaling=6}"
SERVICE_JAR="${SERVICE_JAR:-target/quarkus-app/quarkus-run.jar}"

now() { date +%s.%N; }
status() { curl -sf "http://127.0.0.1:$HTTP_PORT/status"; }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval('d' + sys.argv[1]))" "$1"; }
# start_service DIR [JVM options]: the service on $DUMPS with its data (broker log dir, outputs, history, catalogue) and
# log under DIR, on $HTTP_PORT, $KAFKA_PORT and $CONTROLLER_PORT; sets PID.
start_service() {
  local dir=$1; shift
  mkdir -p "$dir"
  IMDB_SOURCE="$DUMPS" OUTPUT_DIR="$dir/output" HISTORY_DIR="$dir/history" CATALOGUE_DIR="$dir/catalogue" HTTP_PORT=$HTTP_PORT SNAPSHOT_INTERVAL=10s REFRESH_INTERVAL=off \
    java $HEAP $SERVICE_JAVA_OPTS "$@" \
    -Dimdb.kafka.embedded.port=$KAFKA_PORT -Dimdb.kafka.embedded.controller-port=$CONTROLLER_PORT \
    -Dimdb.kafka.embedded.log-dir="$dir/kafka" -jar "$SERVICE_JAR" >> "$dir/service.log" 2>&1 &
  PID=$!
}
