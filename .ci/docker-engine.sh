# shellcheck shell=bash
# Sourced by .ci/run: a Docker engine of CI's own for ContainerImageIT, plus local base images for
# src/main/docker/Dockerfile.jvm, because no container registry answers on these machines.
#   source .ci/docker-engine.sh && docker_engine_start   # exports DOCKER_HOST, fills CONTAINER_IT_PROPS
#   ./mvnw -B -ntp verify -Dcontainer.required=true "${CONTAINER_IT_PROPS[@]}"
#   docker_engine_stop
# Everything lives under one fixed folder, so the base images and Docker's layer cache (Maven's
# downloads in the image's build stage) survive between runs on the same machine.

DOCKER_ENGINE_DIR=${DOCKER_ENGINE_DIR:-/var/cache/imdb-etl-ci}
CONTAINER_JDK_IMAGE=local/imdb-etl-jdk:17
CONTAINER_JRE_IMAGE=local/imdb-etl-jre:17
CONTAINER_IT_PROPS=()
DOCKER_ENGINE_PID=

docker_engine_start() {
  local missing=()
  command -v dockerd >/dev/null || missing+=(docker.io)
  command -v debootstrap >/dev/null || missing+=(debootstrap)
  if [ ${#missing[@]} -gt 0 ]; then
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
  fi
  mkdir -p "$DOCKER_ENGINE_DIR"
  # One engine per folder: a second run on this machine waits rather than sharing the data-root.
  # dockerd inherits the lock, so it is held for as long as the engine lives.
  exec {DOCKER_ENGINE_LOCK}>"$DOCKER_ENGINE_DIR/lock"
  if ! flock -w 900 "$DOCKER_ENGINE_LOCK"; then
    echo "docker-engine: $DOCKER_ENGINE_DIR is still in use by another run after 15 minutes" >&2
    return 1
  fi
  # --bridge=none: no bridge network or NAT to set up; containers use the host's network.
  # Own exec-root and pidfile, so an engine the machine may run elsewhere is left alone.
  dockerd --data-root "$DOCKER_ENGINE_DIR/docker" --exec-root "$DOCKER_ENGINE_DIR/run" \
    --pidfile "$DOCKER_ENGINE_DIR/dockerd.pid" --host "unix://$DOCKER_ENGINE_DIR/docker.sock" \
    --bridge=none >"$DOCKER_ENGINE_DIR/dockerd.log" 2>&1 &
  DOCKER_ENGINE_PID=$!
  export DOCKER_HOST="unix://$DOCKER_ENGINE_DIR/docker.sock"
  local waited=0
  until docker version >/dev/null 2>&1; do
    if ! kill -0 "$DOCKER_ENGINE_PID" 2>/dev/null || [ "$waited" -ge 60 ]; then
      echo "docker-engine: dockerd did not start (see $DOCKER_ENGINE_DIR/dockerd.log):" >&2
      tail -n 20 "$DOCKER_ENGINE_DIR/dockerd.log" >&2
      return 1
    fi
    sleep 0.5
    waited=$((waited + 1))
  done
  echo "docker-engine: dockerd $(docker version --format '{{.Server.Version}}') at $DOCKER_HOST"
  docker_engine_base_images || return 1
  CONTAINER_IT_PROPS=("-Dcontainer.jdk-image=$CONTAINER_JDK_IMAGE" "-Dcontainer.jre-image=$CONTAINER_JRE_IMAGE")
}

# Debian bookworm (minbase) with OpenJDK 17 from Debian's packages, built once and then kept. They also
# trust the CA certificates added to this host (/usr/local/share/ca-certificates, e.g. of a TLS-inspecting
# proxy), so the image's build stage reaches Maven Central as the host does. A label records the recipe
# and those certificates: if either changes, the images are rebuilt.
docker_engine_base_images() {
  local context package image recipe
  context=$(mktemp -d)
  mkdir "$context/ca"
  if [ -d /usr/local/share/ca-certificates ]; then
    cp -R /usr/local/share/ca-certificates/. "$context/ca/"
  fi
  # update-ca-certificates --fresh runs ca-certificates-java's hook, which fills Java's cacerts.
  printf '%s\n' 'FROM local/bookworm:min' 'ARG PACKAGE' 'COPY ca/ /usr/local/share/ca-certificates/' \
    'RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ca-certificates "$PACKAGE" && update-ca-certificates --fresh && rm -rf /var/lib/apt/lists/*' \
    >"$context/Dockerfile"
  recipe=$( (cat "$context/Dockerfile"; find "$context/ca" -type f -print0 | sort -z | xargs -0 -r cat) | sha256sum | cut -c1-16)
  if [ "$(docker_engine_recipe "$CONTAINER_JDK_IMAGE")" = "$recipe" ] \
    && [ "$(docker_engine_recipe "$CONTAINER_JRE_IMAGE")" = "$recipe" ]; then
    echo "docker-engine: base images $CONTAINER_JDK_IMAGE and $CONTAINER_JRE_IMAGE already present"
    rm -rf "$context"
    return 0
  fi
  if ! docker image inspect local/bookworm:min >/dev/null 2>&1; then
    docker_engine_bookworm || return 1
  fi
  for package in jdk jre; do
    image=$CONTAINER_JDK_IMAGE
    [ "$package" = jre ] && image=$CONTAINER_JRE_IMAGE
    docker build --network host --build-arg "PACKAGE=openjdk-17-$package-headless" \
      --label "org.imdbetl.ci.recipe=$recipe" -t "$image" "$context" || return 1
  done
  rm -rf "$context"
}

docker_engine_recipe() {
  docker image inspect --format '{{index .Config.Labels "org.imdbetl.ci.recipe"}}' "$1" 2>/dev/null
}

# local/bookworm:min from Debian's packages: no registry is needed.
docker_engine_bookworm() {
  local mirror rootfs="$DOCKER_ENGINE_DIR/rootfs"
  mirror=$(docker_engine_debian_mirror)
  if [ -z "$mirror" ]; then
    echo "docker-engine: no Debian mirror for $(. /etc/os-release && echo "$VERSION_CODENAME") in /etc/apt/sources.list*" >&2
    return 1
  fi
  rm -rf "$rootfs"
  debootstrap --variant=minbase bookworm "$rootfs" "$mirror" || return 1
  tar -C "$rootfs" -c . | docker import - local/bookworm:min || return 1
  rm -rf "$rootfs"
}

# The URI that apt uses for the host's own Debian release (one-line or deb822 sources).
docker_engine_debian_mirror() {
  local codename
  codename=$(. /etc/os-release && echo "$VERSION_CODENAME")
  {
    cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
      | awk -v s="$codename" '$1 == "deb" { for (i = 2; i < NF; i++) if ($i ~ /^[a-z]+:\/\// && $(i + 1) == s) print $i }'
    cat /etc/apt/sources.list.d/*.sources 2>/dev/null \
      | awk -v s="$codename" 'BEGIN { RS = "" } {
          uri = ""; hit = 0; deb = 0
          n = split($0, lines, "\n")
          for (i = 1; i <= n; i++) {
            split(lines[i], w, /[ \t]+/)
            if (w[1] == "Types:" && lines[i] ~ /[ \t]deb([ \t]|$)/) deb = 1
            if (w[1] == "URIs:") uri = w[2]
            if (w[1] == "Suites:") for (j = 2; j in w; j++) if (w[j] == s) hit = 1
          }
          if (deb && hit && uri != "") print uri
        }'
  } | head -n 1
}

docker_engine_stop() {
  [ -n "$DOCKER_ENGINE_PID" ] || return 0
  if kill -0 "$DOCKER_ENGINE_PID" 2>/dev/null; then
    # Leftovers of earlier image builds; the tagged images (and so Maven's cached layer) stay.
    docker image prune -f >/dev/null 2>&1 || true
  fi
  kill "$DOCKER_ENGINE_PID" 2>/dev/null || true
  local waited=0
  while kill -0 "$DOCKER_ENGINE_PID" 2>/dev/null && [ "$waited" -lt 60 ]; do
    sleep 0.5
    waited=$((waited + 1))
  done
  kill -9 "$DOCKER_ENGINE_PID" 2>/dev/null || true
  DOCKER_ENGINE_PID=
  exec {DOCKER_ENGINE_LOCK}>&-
  echo "docker-engine: dockerd stopped"
}
